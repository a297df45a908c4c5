using ChildAid.BackOffice.Security;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Pledges;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Pledges;

/// <summary>Cancels a pledge nothing has been paid on (audited); a paid one keeps its receipts and cannot be cancelled.</summary>
public class CancelModel(PledgeQueries queries, PledgeService pledges, IAuthorizationService authorization) : PageModel
{
    public PledgeDetails Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var outcome = await pledges.CancelAsync(id, ct);
        if (outcome.Succeeded)
        {
            TempData["Saved"] = Localization.StaffText.T("Đã hủy cam kết {0}.", Details.Pledge.Reference);
            return RedirectToPage("/Pledges/Details", new { id });
        }
        ModelState.AddErrors(outcome.Errors);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        (var details, var refused) = await PledgePage.FindAsync(this, queries, authorization, id, ct);
        if (details is null) return refused;
        Details = details;
        return null;
    }
}
