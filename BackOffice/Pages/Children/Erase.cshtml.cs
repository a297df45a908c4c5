using ChildAid.BackOffice.Web;
using ChildAid.Shared.Children;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Children;

/// <summary>
/// Erasing a child's personal data at the guardian's request, for admins: shows what will be wiped and kept, then
/// erases on a confirmed post with a reason (<see cref="ChildErasure"/>). A child outside the user's units: 404. Opening
/// the page is a read of the child's name and birth date, audited like the form's (the erasure later scrubs that row too).
/// </summary>
public class EraseModel(ChildErasure erasure, ChildReadAudit reads) : PageModel
{
    public class EraseInput
    {
        public string? Reason { get; set; }
        public bool Confirmed { get; set; }
    }

    [BindProperty] public EraseInput Input { get; set; } = new();
    public ErasurePreview Preview { get; private set; } = null!;

    public const string ShownOnPage = "trang xoá dữ liệu cá nhân (họ tên, ngày sinh)";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        await reads.RecordAsync(Preview.Child, ShownOnPage, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        if (!Input.Confirmed) ModelState.AddModelError("Input.Confirmed", "Vui lòng đánh dấu xác nhận: việc xóa không hoàn tác được.");
        if (!ModelState.IsValid) return Page();
        var outcome = await erasure.EraseAsync(id, Input.Reason, ct);
        if (outcome.Errors.ContainsKey("")) return NotFound();
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome.Errors);
            return Page();
        }
        var done = outcome.Value!;
        TempData["Saved"] = Localization.StaffText.T("Đã xóa dữ liệu cá nhân của hồ sơ số {0} theo yêu cầu; kết quả đo chỉ còn là số liệu thống kê ẩn danh.", id)
            + (done.PhotosDeleted > 0 ? " " + Localization.StaffText.T("Đã xóa {0} ảnh của trẻ (tệp và hồ sơ ảnh).", done.PhotosDeleted) : "")
            + (done.PhotosKept > 0 ? " " + Localization.StaffText.T("{0} ảnh còn được dùng trong nội dung nên được giữ lại: đã gỡ khỏi trang công khai và xóa mô tả; biên tập viên cần thay ảnh trong nội dung rồi xóa ảnh trong thư viện.", done.PhotosKept) : "")
            + (Preview.Mentions.Count > 0 ? " " + Localization.StaffText.T("Tên của trẻ còn được viết ở {0} chỗ, cần sửa tay: {1}.", Preview.Mentions.Count,
                string.Join("; ", Preview.Mentions.Select(m => m.ContentTitle ?? Localization.StaffText.T("dòng nhu cầu số {0} (ghi chú)", m.NeedLine!.Value.LineId)))) : "")
            + (done.FilesLeft.Count > 0 ? " " + Localization.StaffText.T("Chưa xóa được tệp của {0} ảnh trên máy chủ (thư mục {1}): báo quản trị hệ thống xóa tay.", done.FilesLeft.Count, string.Join(", ", done.FilesLeft)) : "");
        return RedirectToPage("/Children/Index");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (await erasure.PreviewAsync(id, ct) is not { } preview) return NotFound();
        Preview = preview;
        return null;
    }
}
