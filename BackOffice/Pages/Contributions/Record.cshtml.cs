using ChildAid.BackOffice.Security;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using ChildAid.Shared.Time;

namespace ChildAid.BackOffice.Pages.Contributions;

/// <summary>
/// Record a gift received at the office. The form carries an idempotency key made when it was rendered, so a
/// double click or a resubmitted form books once; success redirects to the receipt (Post/Redirect/Get).
/// </summary>
public class RecordModel(ContributionService contributions, DonorService donors, CampaignService campaigns, StaffScope scope,
    IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public const int GoodsRows = 5;

    [BindProperty] public ContributionInput Input { get; set; } = new();
    public IEnumerable<SelectListItem> Donors { get; private set; } = [];
    public IEnumerable<SelectListItem> Campaigns { get; private set; } = [];
    public IEnumerable<SelectListItem> Units { get; private set; } = [];

    public async Task OnGetAsync(int? donorId, int? campaignId, CancellationToken ct)
    {
        Input = new ContributionInput
        {
            DonorId = donorId ?? 0, CampaignId = campaignId, ReceivedOn = Today(), IdempotencyKey = Guid.NewGuid(),
        };
        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.AdminUnitId > 0 && !(await authorization.AuthorizeAsync(User, Input.AdminUnitId, Policies.CoversUnit)).Succeeded) return Forbid();
        Input.IdempotencyKey ??= Guid.NewGuid();
        if (ModelState.IsValid)
        {
            var outcome = await contributions.RecordAsync(Input, ct);
            if (outcome.Succeeded) return RedirectToPage("/Contributions/Details", new { id = outcome.Value!.Id });
            ModelState.AddErrors(outcome.Errors);
        }
        else ModelState.AddOtherErrors(ContributionRules.Validate(Input, Today(), out _));
        await LoadChoicesAsync(ct);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        while (Input.GoodsLines.Count < GoodsRows) Input.GoodsLines.Add(new GoodsLineInput());
        var donorList = await donors.SearchAsync(null, 1, 200, ct);
        Donors = donorList.Items.Select(d => new SelectListItem($"{d.Name} — {d.UnitName}", d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Campaigns = (await campaigns.ListAsync(ct)).Where(c => c.Status == CampaignStatus.Active)
            .Select(c => new SelectListItem(c.Title, c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var units = await scope.SelectableUnitsAsync(Today(), ct);
        if (Input.AdminUnitId == 0 && units.Count(u => u.IsValidOn(Today())) == 1) Input.AdminUnitId = units.First(u => u.IsValidOn(Today())).Id;
        Units = PageExtensions.UnitOptions(units, Input.AdminUnitId);
    }

    private DateOnly Today() => clock.VietnamToday();
}
