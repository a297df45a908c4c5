using ChildAid.Shared.Consent;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Consent;

/// <summary>Withdraw a consent (who and when are recorded); the content sweeper then unpublishes what depended on it.</summary>
public class WithdrawModel(ConsentService consents, ConsentQueries queries) : PageModel
{
    public ConsentRecord? Record { get; private set; }
    public ConsentDependents Dependents { get; private set; } = new([], []);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var outcome = await consents.WithdrawAsync(id, User.Identity?.Name ?? "?", ct);
        if (outcome.Succeeded)
        {
            TempData["Saved"] = "Đã rút lại sự đồng ý. Các ảnh và nội dung dựa trên hồ sơ này sẽ được gỡ khỏi trang công khai.";
            return RedirectToPage("/Consent/Index");
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.AddModelError("", outcome.Errors[""]);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Record = await consents.FindAsync(id, ct);
        if (Record is null) return false;
        Dependents = await queries.ItemsDependingOnAsync(id, ct);
        return true;
    }
}
