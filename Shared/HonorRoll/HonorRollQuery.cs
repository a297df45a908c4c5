using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.HonorRoll;

/// <summary>A donor's standing on the honor roll, summed from their receipts and reversals.</summary>
public sealed record HonorRollDonor(Guid DonorKey, string DisplayName, int NetGifts, int EntriesWithAmount, long AmountVnd);

public sealed record RankedDonor(int Rank, string DisplayName, long TotalVnd, int Gifts);

/// <summary>
/// The honor roll (bảng vàng): donors who show amounts ranked by total, donors who show only their name listed
/// by name, and anonymous donors as a number. Only donors whose gifts still stand (receipts minus reversals > 0).
/// </summary>
public sealed record HonorRollBoard(IReadOnlyList<RankedDonor> Ranked, IReadOnlyList<string> NameOnly, int AnonymousCount)
{
    public int DonorCount => Ranked.Count + NameOnly.Count + AnonymousCount;

    /// <summary>
    /// The display rules, apart from the database so they can be tested on their own. <paramref name="nameOnly"/>:
    /// names of standing name-only donors, as the public view lists them (one per donor).
    /// </summary>
    public static HonorRollBoard From(IEnumerable<HonorRollDonor> donors, IEnumerable<string>? nameOnly = null)
    {
        var standing = donors.Where(d => d.NetGifts > 0).ToList();
        var anonymous = standing.Count(d => string.IsNullOrWhiteSpace(d.DisplayName));
        var named = standing.Where(d => !string.IsNullOrWhiteSpace(d.DisplayName)).ToList();
        var ranked = named.Where(d => d.EntriesWithAmount > 0)
            .OrderByDescending(d => d.AmountVnd).ThenBy(d => d.DisplayName, StringComparer.Ordinal)
            .Select((d, i) => new RankedDonor(i + 1, d.DisplayName.Trim(), d.AmountVnd, d.NetGifts))
            .ToList();
        var names = named.Where(d => d.EntriesWithAmount == 0)
            .Select(d => d.DisplayName.Trim())
            .Concat((nameOnly ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()))
            .Order(StringComparer.Create(Text.VietnameseFormat.Culture, ignoreCase: true))
            .ToList();
        return new HonorRollBoard(ranked, names, anonymous);
    }
}

/// <summary>Reads the honor roll from the public projection <see cref="HonorRollEntry"/>: receipts only, display choices already applied.</summary>
public class HonorRollQuery(PublicDbContext db)
{
    /// <summary>The whole honor roll, or one campaign's when <paramref name="campaignId"/> is given.</summary>
    public async Task<HonorRollBoard> GetAsync(int? campaignId, CancellationToken ct = default)
    {
        var entries = db.HonorRollEntries.AsQueryable();
        if (campaignId is { } id) entries = entries.Where(h => h.CampaignId == id);
        var donors = await entries
            .GroupBy(h => h.DonorKey)
            .Select(g => new HonorRollDonor(
                g.Key,
                g.Max(h => h.DisplayName)!,
                g.Sum(h => h.GiftDelta),
                g.Count(h => h.AmountVnd != null),
                g.Sum(h => h.AmountVnd ?? 0)))
            .ToListAsync(ct);
        return HonorRollBoard.From(donors, await NameOnlyAsync(campaignId, ct));
    }

    /// <summary>Standing name-only donors' names, from the grouped public view: no date, amount, key or order.</summary>
    public async Task<List<string>> NameOnlyAsync(int? campaignId, CancellationToken ct = default)
    {
        var listings = await db.HonorRollNames
            .Where(n => campaignId == null ? n.WholeRoll : !n.WholeRoll && n.CampaignId == campaignId)
            .ToListAsync(ct);
        return listings.SelectMany(n => Enumerable.Repeat(n.DisplayName, n.Donors)).ToList();
    }

    /// <summary>A public campaign by slug, for the per-campaign honor roll.</summary>
    public Task<CampaignName?> CampaignAsync(string slug, CancellationToken ct = default) =>
        db.Campaigns.Where(c => c.Slug == slug && c.Status != CampaignStatus.Draft)
            .Select(c => new CampaignName(c.Id, c.Slug, c.Title, c.TitleEn))
            .FirstOrDefaultAsync(ct);
}
