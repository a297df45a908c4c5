using ChildAid.BackOffice.Security;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Contributions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Contributions;

/// <summary>Cancels a receipt with a reason: a reversal entry in the ledger, the receipt itself is never edited.</summary>
public class ReverseModel(ContributionService contributions, ContributionQueries queries, IAuthorizationService authorization) : PageModel
{
    public class ReverseInput { public string? Reason { get; set; } }

    [BindProperty] public ReverseInput Input { get; set; } = new();
    public ContributionDetails Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var outcome = await contributions.ReverseAsync(id, Input.Reason, ct);
        if (outcome.Succeeded)
        {
            TempData["Saved"] = $"Đã hủy phiếu thu {Details.Contribution.ReceiptNumber}.";
            return RedirectToPage("/Contributions/Details", new { id });
        }
        ModelState.AddErrors(outcome.Errors);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(id, ct);
        if (details is null) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, details.Contribution.AdminUnitId, Policies.CoversUnit)).Succeeded) return Forbid();
        Details = details;
        return null;
    }
}
