using ChildAid.BackOffice.Web;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.BankStatements;

/// <summary>
/// Khoản chờ đối chiếu: credit lines of the user's units that named no pledge. Each can be matched to a pledge by its
/// reference (suggestions by amount and donor name), or recorded as an unsolicited gift: to a donor found in the shared
/// registry (search without diacritics, on the line's own row), a new donor named here, or anonymous.
/// </summary>
public class QueueModel(ChildAidDbContext db, BankStatementMatcher matcher, BankStatementRematch rematch, DonorService donors) : PageModel
{
    private const int Shown = 50;
    private const int MaxMatches = 10;

    public sealed record Row(BankStatementLine Line, string AccountCode, IReadOnlyList<PledgeSuggestion> Suggestions);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    /// <summary>Accounts with waiting lines whose reference names a pledge (booked by the worker every few minutes, or now by the button).</summary>
    public int AccountsNamingAPledge { get; private set; }
    [BindProperty] public long LineId { get; set; }
    [BindProperty] public string? PledgeReference { get; set; }
    [BindProperty] public string? NewDonorName { get; set; }
    [BindProperty] public int? DonorId { get; set; }
    /// <summary>The line whose row searches the donor registry, and what was typed.</summary>
    [BindProperty(SupportsGet = true)] public long? FindFor { get; set; }
    [BindProperty(SupportsGet = true)] public string? DonorQuery { get; set; }
    public IReadOnlyList<DonorChoice>? Matches { get; private set; }
    public bool MoreMatches { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostMatchAsync(CancellationToken ct)
    {
        if (!await VisibleAsync(ct)) return NotFound();
        var outcome = await matcher.MatchToPledgeAsync(LineId, PledgeReference ?? "", ct);
        return await AfterAsync(outcome.Succeeded ? Localization.StaffText.T("Đã ghi nhận phiếu thu {0} cho cam kết.", outcome.Value!.ReceiptNumber) : null, outcome.Errors, ct);
    }

    /// <summary>Books now what the worker would book on its next pass: waiting lines of the user's accounts that name a pledge.</summary>
    public async Task<IActionResult> OnPostRematchAsync(CancellationToken ct)
    {
        var (matched, problems) = await rematch.RunAsync(ct);
        TempData["Saved"] = Localization.StaffText.T("Đã ghi nhận {0} khoản có mã cam kết.", matched);
        if (problems.Count > 0) TempData["Problems"] = string.Join(" ", problems);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnsolicitedAsync(CancellationToken ct)
    {
        if (!await VisibleAsync(ct)) return NotFound();
        var outcome = await matcher.RecordUnsolicitedAsync(LineId, DonorId, NewDonorName, ct);
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
        FindFor ??= LineId;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The unit scope hides other units' lines: a line id from elsewhere is simply not found.</summary>
    private Task<bool> VisibleAsync(CancellationToken ct) => db.BankStatementLines.AnyAsync(l => l.Id == LineId, ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        var waiting = db.BankStatementLines.AsNoTracking().Where(l => l.Status == BankLineStatus.Unmatched);
        Total = await waiting.CountAsync(ct);
        AccountsNamingAPledge = (await rematch.AccountsWaitingAsync(ct)).Count;
        var lines = await waiting.OrderBy(l => l.TransactionDate).ThenBy(l => l.Id).Take(Shown).ToListAsync(ct);
        var ids = lines.Select(l => l.BankAccountId).Distinct().ToList();
        var codes = await db.BankAccounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var rows = new List<Row>();
        foreach (var line in lines)
            rows.Add(new Row(line, codes.GetValueOrDefault(line.BankAccountId, ""), await matcher.SuggestAsync(line.Id, 3, ct)));
        Rows = rows;
        if (FindFor is not null && !string.IsNullOrWhiteSpace(DonorQuery))
        {
            var found = await donors.PickAsync(DonorQuery, MaxMatches, ct);
            (Matches, MoreMatches) = (found.Take(MaxMatches).ToList(), found.Count > MaxMatches);
        }
    }

    /// <summary>The messages for one line's forms, by field ("Line", "PledgeReference", "NewDonorName", "DonorId").</summary>
    public string? ErrorFor(long lineId, string field) =>
        ModelState.TryGetValue($"Line.{lineId}.{field}", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
