using System.Collections.Concurrent;
using ChildAid.PublicSite.Caching;
using ChildAid.Shared.Data;

namespace ChildAid.PublicSite.Api;

/// <summary>
/// The campaign a pledge names, with its receiving account, read once per public data version instead of on every
/// pledge: under load the read was a third of a pledge's database work (profile of 04/12/2026, README *Performance*).
/// Any staff change to a campaign or its account bumps the version (<c>ChildAidDbContext.SaveChangesAsync</c>), and
/// <see cref="PublicDataVersionSource"/> sees a new version within a poll, so a pledge never pays into an account older
/// than that. Only campaigns that exist are kept: unknown slugs cannot grow the map.
/// </summary>
public sealed class PledgeCampaigns(PublicDataVersionSource versions)
{
    private readonly ConcurrentDictionary<string, (long Version, CampaignWithAccount Campaign)> _known = new(StringComparer.Ordinal);

    public async Task<CampaignWithAccount?> FindAsync(PublicDbContext db, string slug, CancellationToken ct)
    {
        var version = await versions.GetAsync(ct);
        if (_known.TryGetValue(slug, out var known) && known.Version == version) return known.Campaign;
        var campaign = await db.CampaignWithAccountAsync(slug, ct);
        if (campaign is null) _known.TryRemove(slug, out _);
        else _known[slug] = (version, campaign);
        return campaign;
    }
}
