using ChildAid.BackOffice.Security;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using ChildAid.Shared.Time;

namespace ChildAid.BackOffice.Pages.Donors;

/// <summary>Register a donor (no id) or change one. Only donors and units in the user's scope.</summary>
public class EditModel(DonorService donors, StaffScope scope, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    [BindProperty] public DonorInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public IEnumerable<SelectListItem> Units { get; private set; } = [];
    /// <summary>Admins see the way to erase the donor's public name (right to erasure).</summary>
    public bool MayEraseName { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } donorId)
        {
            var donor = await donors.FindAsync(donorId, ct);
            if (donor is null) return NotFound();
            if (!(await authorization.AuthorizeAsync(User, donor.AdminUnitId, Policies.CoversUnit)).Succeeded) return Forbid();
            Input = DonorInput.From(donor);
            Id = donorId;
            MayEraseName = (await authorization.AuthorizeAsync(User, Policies.EraseDonorNames)).Succeeded;
        }
        await LoadUnitsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (id is { } donorId)
        {
            var donor = await donors.FindAsync(donorId, ct);
            if (donor is null) return NotFound();
            if (!(await authorization.AuthorizeAsync(User, donor.AdminUnitId, Policies.CoversUnit)).Succeeded) return Forbid();
            Id = donorId;
        }
        if (Input.AdminUnitId > 0 && !(await authorization.AuthorizeAsync(User, Input.AdminUnitId, Policies.CoversUnit)).Succeeded) return Forbid();
        if (ModelState.IsValid)
        {
            var outcome = Id is { } existing ? await donors.UpdateAsync(existing, Input, ct) : await donors.CreateAsync(Input, ct);
            if (outcome.Succeeded)
            {
                TempData["Saved"] = Localization.StaffText.T("Đã lưu nhà tài trợ {0}.", outcome.Value!.Name);
                return RedirectToPage("/Donors/Index", new { q = outcome.Value.Name });
            }
            ModelState.AddErrors(outcome.Errors);
        }
        else ModelState.AddOtherErrors(await donors.ValidateAsync(Input, ct));
        await LoadUnitsAsync(ct);
        return Page();
    }

    private async Task LoadUnitsAsync(CancellationToken ct) =>
        Units = PageExtensions.UnitOptions(await scope.SelectableUnitsAsync(clock.VietnamToday(), ct), Input.AdminUnitId);
}
