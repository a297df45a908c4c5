using ChildAid.BackOffice.Web;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.BankStatements;

/// <summary>
/// Khoản chờ đối chiếu: credit lines of the user's units that named no pledge. Each can be matched to a pledge by its
/// reference (suggestions by amount and donor name), or recorded as an unsolicited gift (a new donor named here, or anonymous).
/// </summary>
public class QueueModel(ChildAidDbContext db, BankStatementMatcher matcher) : PageModel
{
    private const int Shown = 50;

    public sealed record Row(BankStatementLine Line, string AccountCode, IReadOnlyList<PledgeSuggestion> Suggestions);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    [BindProperty] public long LineId { get; set; }
    [BindProperty] public string? PledgeReference { get; set; }
    [BindProperty] public string? NewDonorName { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostMatchAsync(CancellationToken ct)
    {
        if (!await VisibleAsync(ct)) return NotFound();
        var outcome = await matcher.MatchToPledgeAsync(LineId, PledgeReference ?? "", ct);
        return await AfterAsync(outcome.Succeeded ? Localization.StaffText.T("Đã ghi nhận phiếu thu {0} cho cam kết.", outcome.Value!.ReceiptNumber) : null, outcome.Errors, ct);
    }

    public async Task<IActionResult> OnPostUnsolicitedAsync(CancellationToken ct)
    {
        if (!await VisibleAsync(ct)) return NotFound();
        var outcome = await matcher.RecordUnsolicitedAsync(LineId, null, NewDonorName, ct);
        return await AfterAsync(outcome.Succeeded ? Localization.StaffText.T("Đã ghi nhận phiếu thu {0} (khoản ủng hộ không theo cam kết).", outcome.Value!.ReceiptNumber) : null, outcome.Errors, ct);
    }

    private async Task<IActionResult> AfterAsync(string? saved, IReadOnlyDictionary<string, string> errors, CancellationToken ct)
    {
        if (saved is not null)
        {
            TempData["Saved"] = saved;
            return RedirectToPage();
        }
        ModelState.AddErrors(errors.ToDictionary(e => $"{LineId}.{e.Key}", e => e.Value), "Line");
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The unit scope hides other units' lines: a line id from elsewhere is simply not found.</summary>
    private Task<bool> VisibleAsync(CancellationToken ct) => db.BankStatementLines.AnyAsync(l => l.Id == LineId, ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var waiting = db.BankStatementLines.AsNoTracking().Where(l => l.Status == BankLineStatus.Unmatched);
        Total = await waiting.CountAsync(ct);
        var lines = await waiting.OrderBy(l => l.TransactionDate).ThenBy(l => l.Id).Take(Shown).ToListAsync(ct);
        var ids = lines.Select(l => l.BankAccountId).Distinct().ToList();
        var codes = await db.BankAccounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var rows = new List<Row>();
        foreach (var line in lines)
            rows.Add(new Row(line, codes.GetValueOrDefault(line.BankAccountId, ""), await matcher.SuggestAsync(line.Id, 3, ct)));
        Rows = rows;
    }
}
