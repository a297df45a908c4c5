using ChildAid.PublicSite.Caching;
using ChildAid.Shared.Allocations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.PublicSite.Api;

/// <summary>The trace of a gift: where a receipt's money and goods went, from the public ledger alone.</summary>
public static class TraceApi
{
    public static void MapTraceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/documents/{sha256}.jpg", async Task<Results<FileContentHttpResult, NotFound>> (string sha256, Shared.Data.PublicDbContext db, HttpContext http, CancellationToken ct) =>
            {
                if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)) return TypedResults.NotFound();
                var copy = await db.ExpenseCopies.AsNoTracking().FirstOrDefaultAsync(c => c.OriginalSha256 == sha256, ct);
                if (copy is null) return TypedResults.NotFound();
                http.Response.Headers["X-Content-SHA256"] = copy.Sha256;
                return TypedResults.File(copy.Bytes, "image/jpeg", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{copy.Sha256}\""));
            })
            .WithName("GetExpenseDocumentCopy")
            .WithSummary("The public copy of an expense's original (invoice or proof of payment) with personal data blacked out, by the original's SHA-256.")
            .WithDescription("An image re-drawn from pixels (no metadata). The ledger entry of the expense lists the original's SHA-256; the copy's own hash " +
                "(header X-Content-SHA256) differs from it by design: the original stays with the unit, and a disclosed original can be checked against the ledger. " +
                "The trace of a gift lists, for each expense, the originals that have such a copy (publicCopies).")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .CacheOutput(PublicCache.Policy)
            .RequireRateLimiting(PublicRateLimits.Api);
        api.MapGet("/trace/{receiptNumber}", async Task<Results<Ok<TraceJson>, NotFound>> (string receiptNumber, GiftTraceQuery traces, CancellationToken ct) =>
                await traces.TraceAsync(receiptNumber, ct) is { } trace ? TypedResults.Ok(TraceJson.From(trace)) : TypedResults.NotFound())
            .WithName("GetGiftTrace")
            .WithSummary("Where a gift went: the receipt, its allocations (amount or goods and quantity, category, commune or school, public need reference), the expenses paid from them and what is not allocated yet; never a child.")
            .WithDescription("Computed from the ledger entries of kind allocation whose source_sequence is the receipt's entry (see /api/v1/statement.csv): " +
                "anyone can recompute it. Goods allocations count at the receipt's unit value. An allocation undone by a reversal entry (reverses_sequence = its " +
                "sequence) carries reversedBySequence and no longer counts in allocatedVnd. notYetAllocatedVnd is 0 for a reversed receipt. Each allocation lists " +
                "the expense entries paid from it (kind expense, source_sequence = the allocation's sequence): supplier and invoice, and the SHA-256 of each original; spentVnd sums them. An expense undone by a reversal entry (hoàn chi, reverses_sequence = its sequence) carries " +
                "reversedBySequence and reversedOn and is left out of spentVnd. An advance's invoice filed after booking carries filedInvoiceSha256 and invoiceFiledOn. " +
                "A goods allocation lists its deliveries (kind distribution, source_sequence = the allocation's sequence): date, item, quantity, value and commune, never who received them; deliveredVnd sums them. " +
                "A money allocation to meals or check-ups lists the services delivered from it the same way (kind distribution, amount 0: the expense already counted " +
                "the money): quantity and unit, and the school and period in the description (\"40 suất ăn trưa, <school>, đã phục vụ 02–06/12/2026\"), never a child. " +
                "An in-kind gift lists its goods' stock movements (kind stock_movement, carrying its receipt number): stocked after inspection, written off, " +
                "dispatched, returned from a partial delivery — signed quantity, item, unit and commune — and onHand, what they leave in stock per item.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .CacheOutput(PublicCache.Policy)
            .RequireRateLimiting(PublicRateLimits.Api);
    }
}

public sealed record TraceJson(string ReceiptNumber, DateOnly ReceivedOn, long AmountVnd, bool Reversed, long AllocatedVnd, long NotYetAllocatedVnd,
    IReadOnlyList<TraceAllocationJson> Allocations, long SpentVnd, long DeliveredVnd, IReadOnlyList<TraceStockMovementJson> Stock, IReadOnlyList<TraceStockOnHandJson> OnHand)
{
    public static TraceJson From(GiftTrace t) => new(t.ReceiptNumber, t.ReceivedOn, t.AmountVnd, t.Reversed, t.AllocatedVnd, t.NotYetAllocatedVnd,
        t.Allocations.Select(a => new TraceAllocationJson(a.Sequence, a.ValueDate, a.AmountVnd, a.Item, a.Quantity, a.UnitOfMeasure, a.Description,
            a.UnitCode, a.NeedReference, a.ReversedBySequence, a.ReversedOn,
            a.Expenses.Select(e => new TraceExpenseJson(e.Sequence, e.ValueDate, e.AmountVnd, e.Description, e.DocumentHashes, e.ReversedBySequence, e.ReversedOn,
                e.FiledInvoiceSha256, e.InvoiceFiledOn, [.. e.PublicCopies.Select(h => new TraceCopyJson(h, TracedExpense.PublicCopyPath(h)))])).ToList(),
            a.Deliveries.Select(d => new TraceDeliveryJson(d.Sequence, d.ValueDate, d.AmountVnd, d.Description, d.Item, d.Quantity, d.UnitOfMeasure)).ToList())).ToList(),
        t.SpentVnd, t.DeliveredVnd,
        [.. t.Stock.Select(m => new TraceStockMovementJson(m.Sequence, m.ValueDate, m.Quantity, m.Item, m.UnitOfMeasure, m.Description, m.UnitCode))],
        [.. t.OnHand.Select(h => new TraceStockOnHandJson(h.Item, h.UnitOfMeasure, h.Quantity))]);
}

/// <summary>
/// One allocation: <c>sequence</c> is its ledger entry on the statement; <c>reversedBySequence</c>/<c>reversedOn</c> the reversal
/// entry that undid it (null while it stands): a reversed allocation's amount counts as not allocated.
/// </summary>
public sealed record TraceAllocationJson(long Sequence, DateOnly Date, long AmountVnd, string? Item, decimal? Quantity, string? UnitOfMeasure,
    string Description, string? UnitCode, string? NeedReference, long? ReversedBySequence, DateOnly? ReversedOn, IReadOnlyList<TraceExpenseJson> Expenses,
    IReadOnlyList<TraceDeliveryJson> Deliveries);

/// <summary>
/// Money paid out of the allocation: its expense entry (<c>sequence</c>), the payment date, the amount, the supplier and invoice
/// (<c>description</c>), and <c>documentSha256</c>: the SHA-256 of each original invoice and proof of payment, as the entry's
/// documents field lists them. The files themselves stay private. <c>reversedBySequence</c>/<c>reversedOn</c>: the reversal entry
/// (hoàn chi) that undid it (null while it stands); a reversed expense does not count in <c>spentVnd</c>. An advance (tạm ứng)
/// is booked without its invoice: <c>filedInvoiceSha256</c>/<c>invoiceFiledOn</c> are the SHA-256 of the invoice filed later and
/// the day (null until then); the entry itself never changes. <c>publicCopies</c>: the originals whose copy with personal data
/// blacked out anyone may look at, and where.
/// </summary>
public sealed record TraceExpenseJson(long Sequence, DateOnly Date, long AmountVnd, string Description, IReadOnlyList<string> DocumentSha256,
    long? ReversedBySequence, DateOnly? ReversedOn, string? FiledInvoiceSha256, DateOnly? InvoiceFiledOn, IReadOnlyList<TraceCopyJson> PublicCopies);

/// <summary>A public copy of an original (personal data blacked out): the original's SHA-256 and the copy's address.</summary>
public sealed record TraceCopyJson(string OriginalSha256, string Url);

/// <summary>
/// Goods handed over from a goods allocation: its distribution entry (<c>sequence</c>), the delivery date, the item, quantity and
/// unit, the value at the receipt's unit value, and the commune (<c>description</c>). Who received them stays private.
/// </summary>
public sealed record TraceDeliveryJson(long Sequence, DateOnly Date, long AmountVnd, string Description, string? Item, decimal? Quantity, string? UnitOfMeasure);

/// <summary>
/// An in-kind gift's goods moving into or out of stock: its stock_movement entry (<c>sequence</c>), the date, the signed quantity
/// (+ stocked after inspection or back from a partial delivery, − written off or dispatched), item, unit, what happened and
/// where (<c>description</c>) and the commune's code. Inspection and write-off notes stay private.
/// </summary>
public sealed record TraceStockMovementJson(long Sequence, DateOnly Date, decimal Quantity, string? Item, string? UnitOfMeasure, string Description, string? UnitCode);

/// <summary>What the gift's stock movements leave on hand of one item.</summary>
public sealed record TraceStockOnHandJson(string Item, string? UnitOfMeasure, decimal Quantity);
