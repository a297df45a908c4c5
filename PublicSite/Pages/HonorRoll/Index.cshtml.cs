using ChildAid.Shared.Campaigns;
using ChildAid.Shared.HonorRoll;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages.HonorRoll;

public class IndexModel(HonorRollQuery honorRoll, CampaignProgressQuery campaigns) : PageModel
{
    public HonorRollBoard Board { get; private set; } = null!;
    public CampaignName? Campaign { get; private set; }
    public IReadOnlyList<CampaignName> Campaigns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? slug, CancellationToken ct)
    {
        if (slug is not null)
        {
            Campaign = await honorRoll.CampaignAsync(slug, ct);
            if (Campaign is null) return NotFound();
        }
        Campaigns = await campaigns.NamesAsync(ct);
        Board = await honorRoll.GetAsync(Campaign?.Id, ct);
        return Page();
    }
}
