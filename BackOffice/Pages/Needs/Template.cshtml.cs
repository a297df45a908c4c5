using ChildAid.BackOffice.Web;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>
/// The needs template. For a review it can list the commune's children to pick from ("Trẻ em và trường"): that is
/// children's personal data, so the page asks for a reason first and the download is audited
/// (<see cref="PersonalDataExport"/>); the same template with the schools only comes at once.
/// </summary>
public class TemplateModel(ChildAidDbContext db, AuditActor actor, TimeProvider clock) : PageModel
{
    public const string MissingReason = "Vui lòng nhập lý do tải danh sách trẻ của xã (dữ liệu cá nhân của trẻ), ví dụ: rà soát nhu cầu áo ấm năm học này.";

    public class TemplateInput
    {
        public string? Reason { get; set; }
    }

    [BindProperty] public TemplateInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? ReviewId { get; set; }
    /// <summary>The review's commune, school year ("2026–2027") and revision, for the page's heading line.</summary>
    public (string Commune, string Year, int Revision) ReviewLabel { get; private set; }
    public int Children { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ReviewId is null) return await FileAsync(null, withChildren: false, ct);
        if (await ReviewAsync(ct) is not { } review) return NotFound();
        Children = await NeedsTemplate.ChildrenCountAsync(db, review.Commune, ct);
        return Children == 0 ? await FileAsync(review, withChildren: false, ct) : Page();
    }

    /// <summary>The commune's template with its schools and no child.</summary>
    public async Task<IActionResult> OnGetSchoolsOnlyAsync(CancellationToken ct) =>
        await ReviewAsync(ct) is { } review ? await FileAsync(review, withChildren: false, ct) : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await ReviewAsync(ct) is not { } review) return NotFound();
        var reason = PersonalDataExport.Reason(Input.Reason, MissingReason);
        if (!reason.Succeeded)
        {
            Children = await NeedsTemplate.ChildrenCountAsync(db, review.Commune, ct);
            ModelState.AddErrors(reason.Errors);
            return Page();
        }
        return await FileAsync(review, withChildren: true, ct, listed =>
            db.AuditEntries.Add(PersonalDataExport.AuditRow(actor, clock, NeedsTemplate.AuditEntity, review.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                review.Commune, $"{listed} trẻ (mẫu nhập)", reason.Value!, listed)));
    }

    private sealed record Review(int Id, int Commune);

    /// <summary>The review within the user's units (another commune's is not found).</summary>
    private async Task<Review?> ReviewAsync(CancellationToken ct)
    {
        if (ReviewId is not { } id) return null;
        var review = await db.NeedsReviews.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Id, r.AdminUnitId, r.Year, r.Revision, Commune = r.AdminUnit!.Name }).FirstOrDefaultAsync(ct);
        if (review is null) return null;
        ReviewLabel = (review.Commune, $"{review.Year}–{review.Year + 1}", review.Revision);
        return new Review(review.Id, review.AdminUnitId);
    }

    /// <summary>The template; <paramref name="audit"/> records the download (given how many children it lists) before it is sent.</summary>
    private async Task<IActionResult> FileAsync(Review? review, bool withChildren, CancellationToken ct, Action<int>? audit = null)
    {
        var output = new MemoryStream();
        var listed = await NeedsTemplate.WriteAsync(db, review?.Commune, withChildren, output, ct);
        if (audit is not null)
        {
            audit(listed);
            await db.SaveChangesAsync(ct);
        }
        output.Position = 0;
        return File(output, NeedsExport.ContentType, "mau-nhu-cau.xlsx");
    }
}
