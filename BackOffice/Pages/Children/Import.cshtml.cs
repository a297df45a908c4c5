using ChildAid.BackOffice.Localization;
using ChildAid.Shared.Children;
using ChildAid.Shared.Import;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Children;

/// <summary>
/// Children from an Excel workbook (<see cref="ChildImport"/>): all rows or none; on failure every bad row is listed
/// and the same workbook comes back with a "Lỗi" column; possible duplicates are written and listed as warnings.
/// </summary>
public class ImportModel(ChildImport import, TimeProvider clock) : PageModel
{
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    public ChildImportResult? Imported { get; private set; }
    /// <summary>The uploaded workbook with a "Lỗi" column, when the import failed (base64, offered as a download).</summary>
    public string? ErrorWorkbookBase64 { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct) =>
        File(ChildImport.Template(await import.PlacesAsync(clock.VietnamToday(), ct)), ChildExport.ContentType, "mau-tre-em.xlsx");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), "Vui lòng chọn tệp Excel (.xlsx) đã điền theo mẫu.");
        else if (Upload.Length > MaxUploadBytes) ModelState.AddModelError(nameof(Upload), "Tệp lớn hơn 10 MB: hãy chia thành nhiều tệp.");
        else if (!Upload.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) ModelState.AddModelError(nameof(Upload), "Chỉ nhận tệp Excel .xlsx (dùng mẫu tải về ở trang này).");
        else
        {
            using var file = new MemoryStream();
            await Upload.CopyToAsync(file, ct);
            file.Position = 0;
            Imported = await import.RunAsync(file, ct);
            if (Imported.Result.Succeeded) TempData["Saved"] = StaffText.T("Đã nhập {0} trẻ từ tệp.", Imported.Result.RowsWritten);
            else if (Imported.Result.Errors.Any(e => e.Row > 0))
            {
                file.Position = 0;
                using var output = new MemoryStream();
                ErrorWorkbook.Write(file, Imported.Result.Errors, output);
                ErrorWorkbookBase64 = Convert.ToBase64String(output.ToArray());
            }
        }
        return Page();
    }
}
