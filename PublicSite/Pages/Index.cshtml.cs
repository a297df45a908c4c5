using ChildAid.Shared.Localization;
using ChildAid.PublicSite.Giving;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages;

public class IndexModel(CampaignProgressQuery campaigns, GiftExamples examples, PublishedContentQuery content) : PageModel
{
    public const int LatestStories = 3;

    public IReadOnlyList<CampaignCard> Campaigns { get; private set; } = [];
    public GivingTotals Totals { get; private set; } = new(0, 0);
    /// <summary>The latest published stories (none until the media team publishes some: the section is then left out).</summary>
    public IReadOnlyList<StoryCard> Stories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Campaigns = await CampaignCard.ForAsync(await campaigns.ListAsync(activeOnly: true, ct), examples, ct);
        Totals = await campaigns.TotalsAsync(ct);
        Stories = (await content.StoriesAsync(1, Cultures.IsEnglish, pageSize: LatestStories, ct: ct)).Items;
    }
}
