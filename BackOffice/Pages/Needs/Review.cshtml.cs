using ChildAid.BackOffice.Web;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>One review: its lines with level, reasons and coverage, the workflow buttons the user may use, and its revisions.</summary>
public class ReviewModel(NeedsReviewQueries queries, NeedsReviewService reviews) : PageModel
{
    public ReviewDetail Detail { get; private set; } = null!;
    public bool Edits { get; private set; }
    public bool CanDecide { get; private set; }
    public bool CanRevise { get; private set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public int LineId { get; set; }
    [BindProperty] public int LineVersion { get; set; }
    [BindProperty] public int? Level { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) =>
        Act(id, () => reviews.SubmitAsync(id, Version, ct), "Đã gửi bản rà soát lên cấp trên.", ct);

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken ct) =>
        Act(id, () => reviews.ReturnAsync(id, Comment, Version, ct), "Đã trả lại bản rà soát cho xã.", ct);

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct) =>
        Act(id, () => reviews.ApproveAsync(id, Version, ct), "Đã duyệt bản rà soát.", ct);

    public async Task<IActionResult> OnPostReviseAsync(int id, CancellationToken ct)
    {
        var outcome = await reviews.StartRevisionAsync(id, ct);
        if (outcome.Succeeded)
        {
            TempData["Saved"] = Localization.StaffText.T("Đã lập bản sửa đổi lần {0}.", outcome.Value!.Revision);
            return RedirectToPage("/Needs/Review", new { id = outcome.Value.Id });
        }
        return await Fail(id, outcome.Errors, ct);
    }

    public Task<IActionResult> OnPostOverrideAsync(int id, CancellationToken ct) =>
        Act(id, () => reviews.OverrideLevelAsync(LineId, Level, Reason, LineVersion, ct), "Đã lưu cấp độ ưu tiên điều chỉnh.", ct);

    public Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct) =>
        Act(id, () => reviews.RemoveLineAsync(LineId, LineVersion, ct), "Đã xóa dòng nhu cầu.", ct);

    private async Task<IActionResult> Act<T>(int id, Func<Task<ChildAid.Shared.Validation.Outcome<T>>> action, string done, CancellationToken ct)
    {
        var outcome = await action();
        if (!outcome.Succeeded) return await Fail(id, outcome.Errors, ct);
        TempData["Saved"] = done;
        return RedirectToPage("/Needs/Review", new { id });
    }

    private async Task<IActionResult> Fail(int id, IReadOnlyDictionary<string, string> errors, CancellationToken ct)
    {
        if (errors.GetValueOrDefault("") == NeedsReviewService.NotFound) return NotFound();
        ModelState.AddErrors(errors, prefix: "Form");
        return await LoadAsync(id, ct, keepPosted: true) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct, bool keepPosted = false)
    {
        var detail = await queries.DetailAsync(id, ct);
        if (detail is null) return false;
        Detail = detail;
        if (!keepPosted) Version = detail.Review.Version;
        Edits = detail.Review.IsEditable && Roles.EditNeeds.Any(User.IsInRole);
        CanDecide = detail.Review.Status == NeedsReviewStatus.Submitted && await reviews.DecisionRefusalAsync(detail.Review, ct) is null;
        CanRevise = detail.Review.Status == NeedsReviewStatus.Approved && Roles.EditNeeds.Any(User.IsInRole)
                    && !detail.Revisions.Any(r => r.Status is NeedsReviewStatus.Draft or NeedsReviewStatus.Submitted or NeedsReviewStatus.Returned);
        return true;
    }

    public static int Percent(int part, int whole) => whole <= 0 ? 0 : (int)Math.Min(100, part * 100L / whole);
}
