using ChildAid.BackOffice.Web;
using ChildAid.Shared.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ChildAid.Shared.Time;

namespace ChildAid.BackOffice.Pages.Campaigns;

/// <summary>Create (no id) or change a campaign. Admins and programme officers (folder policy).</summary>
public class EditModel(CampaignService campaigns, TimeProvider clock) : PageModel
{
    [BindProperty] public CampaignInput Input { get; set; } = new();
    public int? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } campaignId)
        {
            var campaign = await campaigns.FindAsync(campaignId, ct);
            if (campaign is null) return NotFound();
            Input = CampaignInput.From(campaign);
            Id = campaignId;
        }
        else Input.StartDate = clock.VietnamToday();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing && await campaigns.FindAsync(existing, ct) is null) return NotFound();
        if (!ModelState.IsValid)
        {
            ModelState.AddOtherErrors(await campaigns.ValidateAsync(Input, id, ct));
            return Page();
        }
        var outcome = id is { } campaignId ? await campaigns.UpdateAsync(campaignId, Input, ct) : await campaigns.CreateAsync(Input, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome.Errors);
            return Page();
        }
        TempData["Saved"] = Localization.StaffText.T("Đã lưu chiến dịch {0}.", outcome.Value!.Title);
        return RedirectToPage("/Campaigns/Index");
    }
}
