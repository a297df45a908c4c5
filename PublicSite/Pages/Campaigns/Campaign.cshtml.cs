using ChildAid.Shared.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages.Campaigns;

public class CampaignModel(CampaignProgressQuery campaigns) : PageModel
{
    public CampaignDetails Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var details = await campaigns.GetAsync(slug, ct);
        if (details is null) return NotFound();
        Details = details;
        return Page();
    }
}
