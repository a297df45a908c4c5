using ChildAid.BackOffice.Web;
using ChildAid.Shared.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>Add a need line to an editable review, or change one. The rules, scope, duplicate check and level are the service's.</summary>
public class LineModel(NeedsReviewQueries queries, NeedsReviewService reviews) : PageModel
{
    [BindProperty] public NeedLineInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public NeedsReview Review { get; private set; } = null!;
    public int? LineId { get; private set; }
    public LineFormOptions Options { get; private set; } = null!;
    /// <summary>The duplicate check's findings, one per line, when saving needs a reason.</summary>
    public IReadOnlyList<string> Duplicates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int reviewId, int? lineId, int? item, CancellationToken ct)
    {
        if (!await LoadAsync(reviewId, lineId, ct)) return NotFound();
        if (lineId is { } id)
        {
            var line = await queries.LineAsync(id, ct);
            if (line is null || line.NeedsReviewId != reviewId) return NotFound();
            Input = NeedLineRules.From(line);
            Version = line.Version;
        }
        else
        {
            Input = new NeedLineInput { PeriodStart = Review.PeriodStart, PeriodEnd = Review.PeriodEnd, NeedItemId = item };
            if (Options.Items.FirstOrDefault(i => i.Id == item) is { } chosen) Input.EstimatedUnitCostVnd = chosen.TypicalUnitCostVnd;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int reviewId, int? lineId, CancellationToken ct)
    {
        if (!await LoadAsync(reviewId, lineId, ct)) return NotFound();
        if (ModelState.IsValid)
        {
            var outcome = lineId is { } id ? await reviews.UpdateLineAsync(id, Input, Version, ct) : await reviews.AddLineAsync(reviewId, Input, ct);
            if (outcome.Succeeded)
            {
                TempData["Saved"] = lineId is null ? "Đã thêm dòng nhu cầu." : "Đã lưu dòng nhu cầu.";
                return RedirectToPage("/Needs/Review", new { id = reviewId });
            }
            var errors = outcome.Errors.ToDictionary();
            if (errors.TryGetValue(nameof(NeedLineInput.DuplicateReason), out var duplicate) && duplicate.Contains('\n'))
            {
                // The findings are listed above the reason box; next to the box, only what to do.
                Duplicates = duplicate.Split('\n').Where(s => s.StartsWith('•')).Select(s => s[1..].Trim()).ToList();
                errors[nameof(NeedLineInput.DuplicateReason)] = "Vui lòng ghi lý do vẫn cần hỗ trợ này.";
            }
            ModelState.AddErrors(errors);
        }
        return Page();
    }

    private async Task<bool> LoadAsync(int reviewId, int? lineId, CancellationToken ct)
    {
        var review = await queries.ReviewAsync(reviewId, ct);
        if (review is null) return false;
        Review = review;
        LineId = lineId;
        Options = await queries.LineFormAsync(review, ct);
        return true;
    }

    /// <summary>Whether to offer the size band: always until an item is chosen, then only for an item that has sizes.</summary>
    public bool ShowsSizeBand => Options.Items.FirstOrDefault(i => i.Id == Input.NeedItemId) is not { } item || item.HasSizeBand;
}
