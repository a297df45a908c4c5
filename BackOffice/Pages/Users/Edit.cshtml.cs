using ChildAid.BackOffice.Web;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ChildAid.Shared.Time;

namespace ChildAid.BackOffice.Pages.Users;

/// <summary>Create a staff account (no id) or change its name, email, roles and units. Admin only (folder policy).</summary>
public class EditModel(StaffUserService staff, StaffScope scope, TimeProvider clock) : PageModel
{
    [BindProperty] public StaffUserInput Input { get; set; } = new();
    public string? Id { get; private set; }
    public IReadOnlyList<AdminUnit> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        if (id is not null)
        {
            var found = await staff.FindAsync(id, ct);
            if (found is null) return NotFound();
            Input = found.Value.Input;
            Id = id;
        }
        await LoadUnitsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? id, CancellationToken ct)
    {
        Id = id;
        if (ModelState.IsValid)
        {
            var outcome = id is null ? await staff.CreateAsync(Input, ct) : await staff.UpdateAsync(id, Input, ct);
            if (outcome.Succeeded)
            {
                TempData["Saved"] = Localization.StaffText.T("Đã lưu tài khoản {0}.", outcome.Value!.UserName ?? "");
                return RedirectToPage("/Users/Index");
            }
            ModelState.AddErrors(outcome.Errors);
        }
        await LoadUnitsAsync(ct);
        return Page();
    }

    private async Task LoadUnitsAsync(CancellationToken ct) =>
        Units = await scope.SelectableUnitsAsync(clock.VietnamToday(), ct);
}
