using ChildAid.BackOffice.Web;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>The needs reviews of the user's units by year and status, the ones waiting for their decision, and opening a new one.</summary>
public class IndexModel(NeedsReviewQueries queries, NeedsReviewService reviews, StaffScope scope, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public NeedsReviewStatus? Status { get; set; }
    [BindProperty] public int CommuneId { get; set; }
    [BindProperty] public int OpenYear { get; set; }
    public IReadOnlyList<ReviewRow> Reviews { get; private set; } = [];
    public IReadOnlyList<ReviewRow> ToApprove { get; private set; } = [];
    public IReadOnlyList<AdminUnit> Communes { get; private set; } = [];
    public bool Edits { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        OpenYear = NeedsYear(clock.VietnamToday());
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostOpenAsync(CancellationToken ct)
    {
        var outcome = await reviews.OpenAsync(CommuneId, OpenYear, ct);
        if (outcome.Succeeded) return RedirectToPage("/Needs/Review", new { id = outcome.Value!.Id });
        ModelState.AddErrors(outcome.Errors, prefix: "Open");
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The school year a review opened today is for: from June on, the coming one.</summary>
    public static int NeedsYear(DateOnly today) => today.Month >= 6 ? today.Year : today.Year - 1;

    private async Task LoadAsync(CancellationToken ct)
    {
        Reviews = await queries.ListAsync(Year, Status, ct);
        ToApprove = await queries.ToApproveAsync(ct);
        Edits = Roles.EditNeeds.Any(User.IsInRole);
        var today = clock.VietnamToday();
        Communes = Edits ? (await scope.SelectableUnitsAsync(today, ct)).Where(u => u.Level == AdminUnitLevel.Commune && u.IsValidOn(today)).ToList() : [];
    }

}
