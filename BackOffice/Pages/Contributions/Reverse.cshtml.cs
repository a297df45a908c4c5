using ChildAid.BackOffice.Security;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Contributions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Contributions;

/// <summary>Asks for a receipt to be reversed, with a reason; a second person approves it under Yêu cầu hủy chờ duyệt.</summary>
public class ReverseModel(ReversalService reversals, ContributionQueries queries, IAuthorizationService authorization) : PageModel
{
    public class ReverseInput { public string? Reason { get; set; } }

    [BindProperty] public ReverseInput Input { get; set; } = new();
    public ContributionDetails Details { get; private set; } = null!;
    public ReversalRequest? Pending { get; private set; }
    public long ThresholdVnd => reversals.ThresholdVnd;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var outcome = await reversals.RequestAsync(id, Input.Reason, ct);
        if (outcome.Succeeded)
        {
            TempData["Saved"] = Localization.StaffText.T("Đã gửi yêu cầu hủy phiếu thu {0}, đang chờ duyệt: phiếu chỉ bị hủy khi một cán bộ khác duyệt.", Details.Contribution.ReceiptNumber);
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
        Pending = await reversals.PendingForAsync(id, ct);
        return null;
    }
}
