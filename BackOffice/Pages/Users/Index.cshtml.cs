using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Users;

/// <summary>Staff accounts with their roles and units; unlock a locked account. Admin only (folder policy).</summary>
public class IndexModel(StaffUserService staff) : PageModel
{
    public IReadOnlyList<StaffUserRow> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Users = await staff.ListAsync(ct);

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (!await staff.UnlockAsync(id)) return NotFound();
        TempData["Saved"] = "Đã mở khóa tài khoản.";
        return RedirectToPage();
    }
}
