using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>A review's lines, or (without a review) every approved need the user's units cover, as .xlsx.</summary>
public class ExportModel(ChildAidDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? reviewId, CancellationToken ct)
    {
        IQueryable<NeedLine> lines;
        string name;
        if (reviewId is { } id)
        {
            var review = await db.NeedsReviews.AsNoTracking().Where(r => r.Id == id)
                .Select(r => new { r.Year, r.Revision, r.AdminUnit!.Code }).FirstOrDefaultAsync(ct);
            if (review is null) return NotFound();
            lines = NeedsExport.OfReview(db, id);
            name = $"nhu-cau-{review.Code}-{review.Year}-lan-{review.Revision}.xlsx";
        }
        else
        {
            lines = NeedsExport.Approved(db);
            name = "nhu-cau-da-duyet.xlsx";
        }
        var file = await NeedsExport.WriteAsync(db, lines, ct);
        return File(file, NeedsExport.ContentType, name);
    }
}
