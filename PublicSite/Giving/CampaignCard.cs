using ChildAid.Shared.Localization;
using ChildAid.PublicSite.Pictures;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Needs;

namespace ChildAid.PublicSite.Giving;

/// <summary>A campaign as the home page shows it: its progress, its picture and what a gift buys.</summary>
public sealed record CampaignCard(CampaignProgress Campaign, Picture Picture, IReadOnlyList<GiftExample> Gifts)
{
    /// <summary>Cards for <paramref name="campaigns"/>, with "what the money buys" read once for all of them.</summary>
    public static async Task<List<CampaignCard>> ForAsync(IReadOnlyList<CampaignProgress> campaigns, GiftExamples examples, CancellationToken ct)
    {
        var themes = campaigns.ToDictionary(c => c.Id, c => CampaignTheme.Of(c.Title, c.Summary));
        var gifts = await examples.ForAsync(themes.Values.OfType<NeedCategory>(), Cultures.IsEnglish, ct);
        return campaigns.Select(c => new CampaignCard(c, DemoPictures.For(themes[c.Id]),
            themes[c.Id] is { } theme && gifts.TryGetValue(theme, out var lines) ? lines : [])).ToList();
    }
}
