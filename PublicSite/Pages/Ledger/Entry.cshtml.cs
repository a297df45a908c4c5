using ChildAid.Shared.Allocations;
using ChildAid.Shared.Ledger;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages.Ledger;

/// <summary>
/// One receipt on the public statement — every ledger line carrying its number (the receipt, its allocations, expenses, stock
/// movements, deliveries and reversals) — and where the gift went (<see cref="GiftTrace"/>): the public trace view by receipt
/// number, the address a printed receipt's QR code opens. The same facts as the statement, never a child or a private note.
/// </summary>
public class EntryModel(StatementEntryQuery entries, GiftTraceQuery traces) : PageModel
{
    public GiftTrace? Trace { get; private set; }

    public static string Heading(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Receipt => "Khoản nhận",
        LedgerEntryKind.Allocation => "Phân bổ",
        LedgerEntryKind.Expense => "Khoản chi",
        LedgerEntryKind.StockMovement => "Nhập/xuất kho",
        LedgerEntryKind.Distribution => "Cấp phát",
        _ => "Bút toán hủy",
    };

    /// <summary>Stock movements and delivered services carry no money (the receipt or the expense carries it): shown as —, as on the statement.</summary>
    public static bool CarriesMoney(StatementLine line) =>
        line.Kind != LedgerEntryKind.StockMovement && !(line.Kind == LedgerEntryKind.Distribution && line.AmountVnd == 0);

    public string ReceiptNumber { get; private set; } = "";
    public IReadOnlyList<StatementLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string receiptNumber, CancellationToken ct)
    {
        Lines = await entries.LinesAsync(receiptNumber, ct);
        if (Lines.Count == 0) return NotFound();
        ReceiptNumber = Lines[0].ReceiptNumber ?? receiptNumber;
        Trace = await traces.TraceAsync(ReceiptNumber, ct);
        return Page();
    }
}
