using ChildAid.BackOffice.Web;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Children;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Children;

/// <summary>
/// Add a child (no id) or change one: only the fields the needs review uses. Only children and places in the user's units.
/// Opening a record is audited (<see cref="ChildReadAudit"/>): the form shows the child's name, birth date and guardian's phone.
/// </summary>
public class EditModel(ChildService children, StaffScope scope, TimeProvider clock,
    IAuthorizationService authorization, ChildReadAudit reads) : PageModel
{
    [BindProperty] public ChildInput Input { get; set; } = new();
    public int? Id { get; private set; }
    /// <summary>Admins see the way to erase the child's personal data at the guardian's request.</summary>
    public bool MayErase { get; private set; }
    public IReadOnlyList<AdminUnit> Places { get; private set; } = [];
    public IReadOnlyList<ChildAid.Shared.Organisations.Organisation> Schools { get; private set; } = [];
    public IReadOnlyList<ChildAid.Shared.Organisations.Organisation> Stations { get; private set; } = [];

    public const string ShownOnForm = "hồ sơ trẻ (họ tên, ngày sinh, nơi ở, trường, người giám hộ và số điện thoại)";

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } childId)
        {
            var child = await children.FindAsync(childId, ct);
            if (child is null) return NotFound();
            Input = ChildInput.From(child);
            Id = childId;
            await reads.RecordAsync(child, ShownOnForm, ct);
            MayErase = (await authorization.AuthorizeAsync(User, BackOffice.Security.Policies.EraseChildren)).Succeeded;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (ModelState.IsValid)
        {
            var outcome = await children.SaveAsync(id, Input, ct);
            if (outcome.Errors.GetValueOrDefault("") is { } missing) return NotFound(missing);
            if (outcome.Succeeded)
            {
                TempData["Saved"] = Localization.StaffText.T("Đã lưu hồ sơ trẻ {0}.", outcome.Value!.FullName);
                return RedirectToPage("/Children/Index", new { q = outcome.Value.FullName });
            }
            ModelState.AddErrors(outcome.Errors);
        }
        else ModelState.AddOtherErrors(await children.ValidateAsync(Input, ct));
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = clock.VietnamToday();
        Places = (await scope.SelectableUnitsAsync(today, ct)).Where(u => u.Level is AdminUnitLevel.Village or AdminUnitLevel.Commune && (u.IsValidOn(today) || u.Id == Input.AdminUnitId)).ToList();
        Schools = await children.SchoolsAsync(Input.SchoolId, ct);
        Stations = await children.HealthStationsAsync(ct);
    }
}
