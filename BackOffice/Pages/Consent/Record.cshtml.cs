using ChildAid.BackOffice.Web;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Children;
using ChildAid.Shared.Consent;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Consent;

/// <summary>Record a consent for a child of the user's units, or for a photo with no identifiable child.</summary>
public class RecordModel(ConsentService consents, ChildService children, StaffScope scope, TimeProvider clock) : PageModel
{
    [BindProperty] public ConsentInput Input { get; set; } = new() { ScopeWebsite = true };
    public IReadOnlyList<Choice> Children { get; private set; } = [];
    public IReadOnlyList<AdminUnit> Places { get; private set; } = [];

    public async Task OnGetAsync(int? childId, CancellationToken ct)
    {
        Input.ChildId = childId;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var outcome = await consents.RecordAsync(Input, User.Identity?.Name ?? "?", ct);
            if (outcome.Succeeded)
            {
                TempData["Saved"] = "Đã lưu hồ sơ đồng ý.";
                return RedirectToPage("/Consent/Index");
            }
            ModelState.AddErrors(outcome.Errors);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = clock.VietnamToday();
        Children = await children.ChoicesAsync(ct);
        Places = (await scope.SelectableUnitsAsync(today, ct)).Where(u => u.Level == AdminUnitLevel.Commune && u.IsValidOn(today)).ToList();
    }
}
