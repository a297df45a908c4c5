using ChildAid.Shared.Ledger;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages.Ledger;

/// <summary>One receipt on the public statement (its receipt and any reversal): the address a printed receipt's QR code opens.</summary>
public class EntryModel(StatementEntryQuery entries) : PageModel
{
    public string ReceiptNumber { get; private set; } = "";
    public IReadOnlyList<StatementLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string receiptNumber, CancellationToken ct)
    {
        Lines = await entries.LinesAsync(receiptNumber, ct);
        if (Lines.Count == 0) return NotFound();
        ReceiptNumber = Lines[0].ReceiptNumber ?? receiptNumber;
        return Page();
    }
}
