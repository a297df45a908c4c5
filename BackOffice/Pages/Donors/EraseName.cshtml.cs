using ChildAid.BackOffice.Web;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Donors;

/// <summary>
/// A donor's right to erasure, for admins: shows what will happen (how many entries lose the name, how many v1
/// entries must keep it), then erases on a confirmed post with a reason (<see cref="LedgerNameErasure"/>).
/// </summary>
public class EraseNameModel(DonorService donors, LedgerNameErasure erasure) : PageModel
{
    public const int MaxReasonLength = 500;

    public class EraseInput
    {
        public string? Reason { get; set; }
        public bool Confirmed { get; set; }
    }

    [BindProperty] public EraseInput Input { get; set; } = new();
    public Donor Donor { get; private set; } = null!;
    public NameErasurePreview Preview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing) return missing;
        var reason = Input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) ModelState.AddModelError("Input.Reason", "Vui lòng nhập lý do xóa tên (ví dụ: đơn yêu cầu của nhà tài trợ ngày …).");
        else if (reason.Length > MaxReasonLength) ModelState.AddModelError("Input.Reason", Localization.StaffText.T("Lý do tối đa {0} ký tự.", MaxReasonLength));
        if (!Input.Confirmed) ModelState.AddModelError("Input.Confirmed", "Vui lòng đánh dấu xác nhận: việc xóa tên không hoàn tác được.");
        if (!ModelState.IsValid) return Page();

        var done = await erasure.EraseDonorNameAsync(id, reason, ct);
        if (done is null) return NotFound();
        TempData["Saved"] = Localization.StaffText.T("Đã xóa tên công khai của nhà tài trợ khỏi {0} mục sao kê và bảng vàng; từ nay nhà tài trợ ẩn danh.", done.ErasedSequences.Count) +
            (done.KeptV1Sequences.Count > 0 ? " " + Localization.StaffText.T("{0} mục định dạng v1 vẫn giữ tên (không thể xóa).", done.KeptV1Sequences.Count) : "");
        return RedirectToPage("/Donors/Edit", new { id });
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (await donors.FindAsync(id, ct) is not { } donor || await erasure.PreviewAsync(id, ct) is not { } preview) return NotFound();
        (Donor, Preview) = (donor, preview);
        return null;
    }
}
