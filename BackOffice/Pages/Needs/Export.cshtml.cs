using ChildAid.BackOffice.Web;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>
/// A review's lines, or (without a review) every approved need the user's units cover, as .xlsx. Lines naming children
/// make it personal data: the page then asks for a reason first and the export is audited (<see cref="NeedsExport"/>);
/// without a named child the file comes at once.
/// </summary>
public class ExportModel(ChildAidDbContext db, AuditActor actor, TimeProvider clock) : PageModel
{
    public class ExportInput
    {
        public string? Reason { get; set; }
    }

    [BindProperty] public ExportInput Input { get; set; } = new();
    public int Children { get; private set; }
    public string? ReviewLabel { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? reviewId, CancellationToken ct)
    {
        if (await SelectAsync(reviewId, ct) is not var (lines, name)) return NotFound();
        Children = await NeedsExport.ChildrenNamedAsync(lines, ct);
        if (Children > 0) return Page();
        var file = await NeedsExport.WriteAsync(db, lines, reviewId, null, actor, clock, ct);
        return File(file.Value!, NeedsExport.ContentType, name);
    }

    public async Task<IActionResult> OnPostAsync(int? reviewId, CancellationToken ct)
    {
        if (await SelectAsync(reviewId, ct) is not var (lines, name)) return NotFound();
        var outcome = await NeedsExport.WriteAsync(db, lines, reviewId, Input.Reason, actor, clock, ct);
        if (!outcome.Succeeded)
        {
            Children = await NeedsExport.ChildrenNamedAsync(lines, ct);
            ModelState.AddErrors(outcome.Errors);
            return Page();
        }
        return File(outcome.Value!, NeedsExport.ContentType, name);
    }

    /// <summary>The lines and the file's name; null for a review outside the user's units.</summary>
    private async Task<(IQueryable<NeedLine> Lines, string Name)?> SelectAsync(int? reviewId, CancellationToken ct)
    {
        if (reviewId is not { } id) return (NeedsExport.Approved(db), "nhu-cau-da-duyet.xlsx");
        var review = await db.NeedsReviews.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Year, r.Revision, r.AdminUnit!.Code, Commune = r.AdminUnit.Name }).FirstOrDefaultAsync(ct);
        if (review is null) return null;
        ReviewLabel = $"{review.Commune}, {review.Year}–{review.Year + 1}, lần {review.Revision}";
        return (NeedsExport.OfReview(db, id), $"nhu-cau-{review.Code}-{review.Year}-lan-{review.Revision}.xlsx");
    }
}
