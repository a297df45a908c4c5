using ChildAid.Shared.Campaigns;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages;

public class IndexModel(CampaignProgressQuery campaigns) : PageModel
{
    public IReadOnlyList<CampaignProgress> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Campaigns = await campaigns.ListAsync(activeOnly: true, ct);
}
