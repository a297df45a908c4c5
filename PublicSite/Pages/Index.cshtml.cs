using ChildAid.PublicSite.Giving;
using ChildAid.PublicSite.Home;
using ChildAid.Shared.Campaigns;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages;

public class IndexModel(CampaignProgressQuery campaigns, GiftExamples examples, LatestStories stories) : PageModel
{
    public IReadOnlyList<CampaignCard> Campaigns { get; private set; } = [];
    public GivingTotals Totals { get; private set; } = new(0, 0);
    /// <summary>The latest published stories (none until the media team publishes some: the section is then left out).</summary>
    public IReadOnlyList<StoryTeaser> Stories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Campaigns = await CampaignCard.ForAsync(await campaigns.ListAsync(activeOnly: true, ct), examples, ct);
        Totals = await campaigns.TotalsAsync(ct);
        Stories = await stories.ListAsync(Cultures.IsEnglish, ct);
    }
}
