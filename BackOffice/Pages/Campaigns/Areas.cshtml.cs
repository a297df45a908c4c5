using ChildAid.BackOffice.Web;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Campaigns;

/// <summary>
/// The campaign's areas (where its gifts may be allocated): list, add one in a commune the user covers (admin: any),
/// remove one no live allocation depends on. Whoever edits campaigns (folder policy); audited by the interceptor.
/// </summary>
public class AreasModel(CampaignService campaigns, CampaignAreaService areas) : PageModel
{
    [BindProperty] public CampaignAreaInput Input { get; set; } = new();
    public Campaign Campaign { get; private set; } = null!;
    public IReadOnlyList<CampaignAreaRow> Areas { get; private set; } = [];
    public IReadOnlyList<AdminUnit> Communes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(int id, CancellationToken ct)
    {
        if (await campaigns.FindAsync(id, ct) is null) return NotFound();
        var outcome = await areas.AddAsync(id, Input, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome.Errors);
            await LoadAsync(id, ct);
            // Another unit's commune: refused (403) with the reason beside the field.
            return Input.AdminUnitId is { } unit && !areas.Covers(unit) ? Refused() : Page();
        }
        TempData["Saved"] = "Đã thêm địa bàn cho chiến dịch.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int areaId, CancellationToken ct)
    {
        if (await campaigns.FindAsync(id, ct) is null) return NotFound();
        if ((await areas.ListAsync(id, ct)).FirstOrDefault(a => a.Id == areaId) is not { } area) return NotFound();
        var outcome = await areas.RemoveAsync(id, areaId, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome.Errors);
            await LoadAsync(id, ct);
            return area.InScope ? Page() : Refused();
        }
        TempData["Saved"] = "Đã bỏ địa bàn khỏi chiến dịch.";
        return RedirectToPage(new { id });
    }

    private PageResult Refused()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status403Forbidden;
        return page;
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await campaigns.FindAsync(id, ct) is not { } campaign) return false;
        Campaign = campaign;
        Areas = await areas.ListAsync(id, ct);
        Communes = await areas.CommunesAsync(ct);
        return true;
    }
}
