using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.PublicSite.Pages.Ledger;

/// <summary>
/// The verified-gift page: the private link on a receipt (and in its mail) that the donor may share, answering
/// inflated screenshot claims with the real amount, date, campaign and receipt number from the public ledger. A token
/// that is not one (guessed, malformed) is a 404; there is no listing.
/// </summary>
public class VerifyModel(PublicDbContext db, StatementEntryQuery entries) : PageModel
{
    public IReadOnlyList<StatementLine> Lines { get; private set; } = [];
    public StatementLine Receipt => Lines[0];
    public bool Reversed => Lines.Any(l => l.IsReversal);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (VerifiedGift.HashOf(token) is not { } hash) return NotFound();
        var sequence = await db.VerifiedGifts.AsNoTracking().Where(v => v.TokenHash == hash).Select(v => (long?)v.LedgerSequence).FirstOrDefaultAsync(ct);
        if (sequence is null) return NotFound();
        var number = await db.LedgerEntries.AsNoTracking().Where(e => e.Sequence == sequence).Select(e => e.ReceiptNumber).FirstOrDefaultAsync(ct);
        if (number is null) return NotFound();
        Lines = (await entries.LinesAsync(number, ct)).OrderBy(l => l.IsReversal).ToList();
        return Lines.Count == 0 ? NotFound() : Page();
    }
}
