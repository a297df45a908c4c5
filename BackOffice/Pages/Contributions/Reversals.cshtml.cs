using ChildAid.Shared.Contributions;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Contributions;

/// <summary>Reversal requests waiting for a second person, with approve and reject; a broken rule answers 403 and says why.</summary>
public class ReversalsModel(ReversalService reversals) : PageModel
{
    public IReadOnlyList<PendingReversal> Pending { get; private set; } = [];
    public long ThresholdVnd => reversals.ThresholdVnd;
    /// <summary>Why the last approval was refused, shown above the list.</summary>
    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Pending = await reversals.PendingAsync(ct);

    public async Task<IActionResult> OnPostApproveAsync(int requestId, CancellationToken ct)
    {
        var decision = await reversals.ApproveAsync(requestId, Roles.ApproveLargeReversals.Any(User.IsInRole), ct);
        if (decision.Booked)
        {
            TempData["Saved"] = "Đã duyệt: phiếu thu đã được hủy và bút toán đảo ngược đã ghi vào sổ cái.";
            return RedirectToPage("/Contributions/Details", new { id = decision.Reversal!.ContributionId });
        }
        if (decision.Refusal is { } refusal)
        {
            Refusal = refusal;
            Pending = await reversals.PendingAsync(ct);
            var page = Page();
            page.StatusCode = StatusCodes.Status403Forbidden;
            return page;
        }
        TempData["Saved"] = decision.Problem;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRejectAsync(int requestId, CancellationToken ct)
    {
        TempData["Saved"] = await reversals.RejectAsync(requestId, ct) ?? "Đã từ chối yêu cầu hủy; phiếu thu giữ nguyên.";
        return RedirectToPage();
    }
}
