using System.Security.Claims;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Data;
using ChildAid.Shared.Import;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>Upload a filled needs workbook into a review; the import runs in the background and this page shows its progress, then the result.</summary>
public class ImportModel(ChildAidDbContext db, ImportJobs jobs) : PageModel
{
    /// <summary>A small file usually finishes within this wait, and the officer sees the result at once.</summary>
    private static readonly TimeSpan InlineWait = TimeSpan.FromSeconds(3);
    public const long MaxUploadBytes = 50 * 1024 * 1024;

    [BindProperty(SupportsGet = true)] public int ReviewId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Job { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public NeedsReview? Review { get; private set; }
    public string CommuneName { get; private set; } = "";
    public ImportJobs.Job<ImportResult>? Running { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Job is { } id && (Running = jobs.Find<ImportResult>(id, UserId)) is null) return NotFound();
        // While it runs the page refreshes itself (no script needed): the header asks for the same URL again.
        if (Running is { Result: null }) Response.Headers["Refresh"] = "2";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!Review!.IsEditable) ModelState.AddModelError(nameof(Upload), NeedsImport.NotEditable);
        else if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), "Vui lòng chọn tệp Excel (.xlsx) đã điền theo mẫu.");
        else if (Upload.Length > MaxUploadBytes) ModelState.AddModelError(nameof(Upload), "Tệp lớn hơn 50 MB: hãy chia thành nhiều tệp.");
        else if (!Upload.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) ModelState.AddModelError(nameof(Upload), "Chỉ nhận tệp Excel .xlsx (dùng mẫu tải về ở trang này).");
        if (!ModelState.IsValid) return Page();

        var reviewId = ReviewId;
        // The file is kept: a refused import offers it back with the "Lỗi" column.
        var job = await jobs.StartAsync(Upload!, Uploader.Of(User), keepFile: true,
            (services, file, running) => services.GetRequiredService<NeedsImport>().RunAsync(reviewId, file, running.FileName, running),
            refused => refused, result => result.Succeeded, ct);
        await Task.WhenAny(job.Running, Task.Delay(InlineWait, ct));
        return RedirectToPage(new { reviewId = ReviewId, job = job.Id });
    }

    /// <summary>The uploaded workbook back with the "Lỗi" column.</summary>
    public async Task<IActionResult> OnGetErrorsAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Job is not { } id || jobs.Find<ImportResult>(id, UserId) is not { Result: { Succeeded: false } result } job) return NotFound();
        var output = new MemoryStream();
        await using (var original = System.IO.File.OpenRead(job.TempFile))
            await Task.Run(() => ErrorWorkbook.Write(original, result.Errors, output), ct);
        output.Position = 0;
        return File(output, NeedsExport.ContentType, $"loi-{Path.GetFileNameWithoutExtension(job.FileName)}.xlsx");
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Review = await db.NeedsReviews.AsNoTracking().FirstOrDefaultAsync(r => r.Id == ReviewId, ct);
        if (Review is null) return false;
        CommuneName = await db.AdminUnits.Where(u => u.Id == Review.AdminUnitId).Select(u => u.Name).SingleAsync(ct);
        return true;
    }
}
