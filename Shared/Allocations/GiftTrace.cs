using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Allocations;

/// <summary>
/// One allocation of a gift as the public ledger records it: no child, no need line key — the public need reference only.
/// <see cref="ReversedBySequence"/>: the reversal entry that undid it (its amount is then not allocated any more).
/// </summary>
public sealed record TracedAllocation(long Sequence, DateOnly ValueDate, long AmountVnd, string? Item, decimal? Quantity, string? UnitOfMeasure,
    string Description, string? UnitCode, string? NeedReference, long? ReversedBySequence = null, DateOnly? ReversedOn = null)
{
    public bool IsReversed => ReversedBySequence is not null;

    /// <summary>The expense entries drawn from this allocation (source_sequence = its sequence), in sequence order.</summary>
    public IReadOnlyList<TracedExpense> Expenses { get; init; } = [];

    /// <summary>What its expenses paid out, less the reversed ones.</summary>
    public long SpentVnd => Expenses.Where(e => !e.IsReversed).Sum(e => e.AmountVnd);

    /// <summary>The goods handed over from this allocation (distribution entries, source_sequence = its sequence), in sequence order.</summary>
    public IReadOnlyList<TracedDelivery> Deliveries { get; init; } = [];

    public long DeliveredVnd => Deliveries.Sum(d => d.AmountVnd);
}

/// <summary>
/// Goods handed over from a goods allocation as the public ledger records it: the delivery date, the value (quantity × the
/// receipt's unit value), the item, quantity and unit, and the commune (the entry's description) — never who received them.
/// </summary>
public sealed record TracedDelivery(long Sequence, DateOnly ValueDate, long AmountVnd, string Description, string? Item, decimal? Quantity, string? UnitOfMeasure);

/// <summary>
/// Money paid out of an allocation as the public ledger records it: the payment date, the amount, the supplier and the invoice
/// (the entry's description), and the SHA-256 of each original invoice and proof of payment (<see cref="LedgerDocuments"/>),
/// against which a disclosed original can be checked. Never the file itself. <see cref="ReversedBySequence"/>: the reversal
/// entry (hoàn chi) that undid it; its amount is then held by the allocation again.
/// </summary>
public sealed record TracedExpense(long Sequence, DateOnly ValueDate, long AmountVnd, string Description, string? Documents,
    long? ReversedBySequence = null, DateOnly? ReversedOn = null)
{
    public bool IsReversed => ReversedBySequence is not null;

    /// <summary>
    /// An advance (tạm ứng) booked without its invoice, whose invoice was filed later: that original's SHA-256 and the day it was
    /// filed (public table public_expense_invoices; the ledger entry never changes). Null otherwise.
    /// </summary>
    public string? FiledInvoiceSha256 { get; init; }
    public DateOnly? InvoiceFiledOn { get; init; }

    /// <summary>The originals (by SHA-256) whose copy with personal data blacked out is public (<see cref="Expenses.PublicExpenseCopy"/>).</summary>
    public IReadOnlyList<string> PublicCopies { get; init; } = [];

    public IReadOnlyList<string> DocumentHashes => LedgerDocuments.Parse(Documents);

    /// <summary>Where anyone can look at the public copy of an original.</summary>
    public static string PublicCopyPath(string originalSha256) => $"/api/v1/documents/{originalSha256}.jpg";
}

/// <summary>
/// Goods of an in-kind gift moving in or out of stock, as the public ledger records them (kind stock_movement, carrying the
/// receipt's number): stocked after inspection (+, the good quantity), written off (−), dispatched to a distribution (−) and
/// the part of a partial delivery that came back (+). The description says which and where ("Nhập kho: …, Xã Ia Đal"); the
/// private notes of an inspection or a write-off are never in it.
/// </summary>
public sealed record TracedStockMovement(long Sequence, DateOnly ValueDate, decimal Quantity, string? Item, string? UnitOfMeasure, string Description, string? UnitCode);

/// <summary>What is still in stock of one item of the gift: the sum of its stock movements.</summary>
public sealed record TracedStockOnHand(string Item, string? UnitOfMeasure, decimal Quantity);

/// <summary>
/// Where a gift went, computed from the public ledger alone (so PublicSite, which reads nothing else, can answer it and
/// anyone with the statement CSV can recompute it): the receipt entry, the allocation entries whose source_sequence is
/// the receipt's, the reversal entries that undid some of them (kind reversal, source_sequence the receipt's, reverses_sequence
/// the allocation's), the expense entries paid from each allocation and the distribution entries (goods handed over) drawn from
/// it (source_sequence the allocation's), and what is not allocated yet; an expense undone by a reversal entry (reverses_sequence
/// its sequence) is marked reversed and not counted as spent. Goods allocations count at the receipt's unit value.
/// </summary>
public sealed record GiftTrace(string ReceiptNumber, DateOnly ReceivedOn, long AmountVnd, bool Reversed, IReadOnlyList<TracedAllocation> Allocations)
{
    /// <summary>An in-kind gift's goods into and out of stock, in sequence order (empty for money).</summary>
    public IReadOnlyList<TracedStockMovement> Stock { get; init; } = [];

    /// <summary>Per item and unit, what the stock movements leave on hand (items with nothing left are listed with 0).</summary>
    public IReadOnlyList<TracedStockOnHand> OnHand => [.. Stock.Where(m => m.Item is not null).GroupBy(m => (m.Item!, m.UnitOfMeasure))
        .Select(g => new TracedStockOnHand(g.Key.Item1, g.Key.UnitOfMeasure, g.Sum(m => m.Quantity)))];

    public long AllocatedVnd => Allocations.Where(a => !a.IsReversed).Sum(a => a.AmountVnd);
    public long NotYetAllocatedVnd => Reversed ? 0 : Math.Max(0, AmountVnd - AllocatedVnd);
    /// <summary>What the gift's allocations have paid out (expenses).</summary>
    public long SpentVnd => Allocations.Sum(a => a.SpentVnd);
    /// <summary>The value of the goods the gift's allocations have handed over (distributions).</summary>
    public long DeliveredVnd => Allocations.Sum(a => a.DeliveredVnd);
}

public class GiftTraceQuery(PublicDbContext db)
{
    /// <summary>Null when no receipt has this number.</summary>
    public async Task<GiftTrace?> TraceAsync(string? receiptNumber, CancellationToken ct = default)
    {
        var number = receiptNumber?.Trim();
        if (string.IsNullOrEmpty(number) || number.Length > 20) return null;
        var receipt = await db.LedgerEntries.AsNoTracking().Where(e => e.ReceiptNumber == number && e.Kind == LedgerEntryKind.Receipt)
            .Select(e => new { e.Sequence, e.ValueDate, e.AmountVnd }).FirstOrDefaultAsync(ct);
        if (receipt is null) return null;
        // Reversals and allocations carry the receipt's number too: the receipt_number index finds them.
        var reversals = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.ReceiptNumber == number && e.Kind == LedgerEntryKind.Reversal && e.ReversesSequence != null)
            .Select(e => new { e.Sequence, e.ValueDate, Reverses = e.ReversesSequence!.Value }).ToListAsync(ct);
        var reversed = reversals.Any(r => r.Reverses == receipt.Sequence);
        var undone = reversals.Where(r => r.Reverses != receipt.Sequence).ToDictionary(r => r.Reverses);
        var allocations = (await db.LedgerEntries.AsNoTracking()
            .Where(e => e.ReceiptNumber == number && e.Kind == LedgerEntryKind.Allocation && e.SourceSequence == receipt.Sequence).OrderBy(e => e.Sequence)
            .Select(e => new TracedAllocation(e.Sequence, e.ValueDate, e.AmountVnd, e.Item, e.Quantity, e.UnitOfMeasure, e.Description, e.UnitCode, e.NeedReference, null, null))
            .ToListAsync(ct))
            .Select(a => undone.TryGetValue(a.Sequence, out var r) ? a with { ReversedBySequence = r.Sequence, ReversedOn = r.ValueDate } : a)
            .ToList();
        // Expenses carry the receipt's number too, and draw from an allocation (source_sequence).
        var expenses = (await db.LedgerEntries.AsNoTracking()
            .Where(e => e.ReceiptNumber == number && e.Kind == LedgerEntryKind.Expense).OrderBy(e => e.Sequence)
            .Select(e => new { e.SourceSequence, Expense = new TracedExpense(e.Sequence, e.ValueDate, e.AmountVnd, e.Description, e.Documents) })
            .ToListAsync(ct))
            .ToLookup(e => e.SourceSequence, e => e.Expense);
        // Distributions (goods handed over) carry it too, and draw from a goods allocation (source_sequence).
        var deliveries = (await db.LedgerEntries.AsNoTracking()
            .Where(e => e.ReceiptNumber == number && e.Kind == LedgerEntryKind.Distribution).OrderBy(e => e.Sequence)
            .Select(e => new { e.SourceSequence, Delivery = new TracedDelivery(e.Sequence, e.ValueDate, e.AmountVnd, e.Description, e.Item, e.Quantity, e.UnitOfMeasure) })
            .ToListAsync(ct))
            .ToLookup(e => e.SourceSequence, e => e.Delivery);
        // An in-kind gift's goods into and out of stock carry its number too.
        var stock = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.ReceiptNumber == number && e.Kind == LedgerEntryKind.StockMovement && e.Quantity != null).OrderBy(e => e.Sequence)
            .Select(e => new TracedStockMovement(e.Sequence, e.ValueDate, e.Quantity!.Value, e.Item, e.UnitOfMeasure, e.Description, e.UnitCode))
            .ToListAsync(ct);
        // An advance's invoice filed after its entry was booked: its hash beside the entry (public_expense_invoices).
        var expenseSequences = expenses.SelectMany(g => g).Select(e => e.Sequence).ToList();
        var filed = await db.ExpenseInvoices.AsNoTracking().Where(i => expenseSequences.Contains(i.ExpenseSequence))
            .ToDictionaryAsync(i => i.ExpenseSequence, ct);
        // Public copies of the originals (personal data blacked out), by the originals' hashes.
        var hashes = expenses.SelectMany(g => g).SelectMany(e => e.DocumentHashes).Concat(filed.Values.Select(i => i.Sha256)).Distinct().ToList();
        var copied = (await db.ExpenseCopies.AsNoTracking().Where(c => hashes.Contains(c.OriginalSha256)).Select(c => c.OriginalSha256).ToListAsync(ct)).ToHashSet();
        TracedExpense Filed(TracedExpense e)
        {
            var withInvoice = filed.TryGetValue(e.Sequence, out var i) ? e with { FiledInvoiceSha256 = i.Sha256, InvoiceFiledOn = i.FiledOn } : e;
            var originals = withInvoice.DocumentHashes.Append(withInvoice.FiledInvoiceSha256).OfType<string>();
            return withInvoice with { PublicCopies = [.. originals.Where(copied.Contains)] };
        }
        // An expense undone by a reversal entry (reverses_sequence = its sequence, hoàn chi) is marked and no longer counts as spent.
        allocations = [.. allocations.Select(a => a with
        {
            Expenses = [.. expenses[a.Sequence].Select(Filed).Select(e => undone.TryGetValue(e.Sequence, out var r) ? e with { ReversedBySequence = r.Sequence, ReversedOn = r.ValueDate } : e)],
            Deliveries = [.. deliveries[a.Sequence]],
        })];
        return new GiftTrace(number, receipt.ValueDate, receipt.AmountVnd, reversed, allocations) { Stock = stock };
    }
}
