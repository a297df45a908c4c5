using ChildAid.PublicSite.Giving;
using ChildAid.Shared.Campaigns;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages;

/// <summary>A story on the home page: its public path, title, summary and date.</summary>
public sealed record StoryTeaser(string Path, string Title, string? Summary, DateTime PublishedAt);

public class IndexModel(CampaignProgressQuery campaigns, GiftExamples examples) : PageModel
{
    public IReadOnlyList<CampaignCard> Campaigns { get; private set; } = [];
    public GivingTotals Totals { get; private set; } = new(0, 0);
    /// <summary>The latest published stories; empty until the content module publishes some.</summary>
    public IReadOnlyList<StoryTeaser> Stories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Campaigns = await CampaignCard.ForAsync(await campaigns.ListAsync(activeOnly: true, ct), examples, ct);
        Totals = await campaigns.TotalsAsync(ct);
    }
}
