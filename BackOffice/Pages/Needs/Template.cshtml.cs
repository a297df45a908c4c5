using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>The needs template; for a review, with its commune's children and schools to pick from.</summary>
public class TemplateModel(ChildAidDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? reviewId, CancellationToken ct)
    {
        int? commune = null;
        if (reviewId is { } id)
        {
            commune = await db.NeedsReviews.Where(r => r.Id == id).Select(r => (int?)r.AdminUnitId).FirstOrDefaultAsync(ct);
            if (commune is null) return NotFound();
        }
        var output = new MemoryStream();
        await NeedsTemplate.WriteAsync(db, commune, output, ct);
        output.Position = 0;
        return File(output, NeedsExport.ContentType, "mau-nhu-cau.xlsx");
    }
}
