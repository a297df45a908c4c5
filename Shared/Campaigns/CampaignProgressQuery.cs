using ChildAid.Shared.Data;
using ChildAid.Shared.HonorRoll;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Campaigns;

public sealed record CampaignName(int Id, string Slug, string Title, string? TitleEn);

/// <summary>A campaign with its money raised so far: the sum of its ledger entries, reversals included.</summary>
public sealed record CampaignProgress(
    int Id, string Slug, string Title, string? TitleEn, string Summary, string? SummaryEn,
    DateOnly StartDate, DateOnly? EndDate, CampaignStatus Status, long GoalVnd, long RaisedVnd)
{
    /// <summary>0–100, for the progress bar; a campaign past its goal shows a full bar.</summary>
    public int PercentOfGoal => GoalVnd <= 0 ? 0 : (int)Math.Clamp(RaisedVnd * 100 / GoalVnd, 0, 100);
}

/// <summary>
/// One gift on a campaign page, already filtered by the donor's display choice (see <see cref="HonorRollEntry"/>).
/// Name-only donors' gifts are not among them: a name beside a date leads to the amount on the statement.
/// </summary>
public sealed record RecentGift(DateOnly ReceivedOn, string DisplayName, long? AmountVnd, string? Message)
{
    public bool IsAnonymous => DisplayName.Length == 0;
}

/// <summary>What the whole public ledger says: money received (reversals deducted) and gifts that still stand.</summary>
public sealed record GivingTotals(long ReceivedVnd, int Gifts);

public sealed record CampaignDetails(CampaignProgress Campaign, int DonorCount, IReadOnlyList<RecentGift> RecentGifts);

/// <summary>Campaigns and their totals for the home page, the campaign page and the campaigns API.</summary>
public class CampaignProgressQuery(PublicDbContext db)
{
    public const int RecentGiftCount = 10;

    /// <summary>Campaigns the public may see (not drafts), active ones first, with what each has raised.</summary>
    public async Task<List<CampaignProgress>> ListAsync(bool activeOnly, CancellationToken ct = default)
    {
        var campaigns = await db.Campaigns
            .Where(c => activeOnly ? c.Status == CampaignStatus.Active : c.Status != CampaignStatus.Draft)
            .ToListAsync(ct);
        if (campaigns.Count == 0) return [];
        var ids = campaigns.Select(c => c.Id).ToList();
        var raised = await db.LedgerEntries.Where(Ledger.LedgerEntry.IsGiving)
            .Where(e => e.CampaignId != null && ids.Contains(e.CampaignId.Value))
            .GroupBy(e => e.CampaignId!.Value)
            .Select(g => new { Id = g.Key, Sum = g.Sum(e => e.AmountVnd) })
            .ToDictionaryAsync(x => x.Id, x => x.Sum, ct);
        return campaigns
            .OrderBy(c => c.Status == CampaignStatus.Active ? 0 : 1).ThenByDescending(c => c.StartDate).ThenBy(c => c.Title)
            .Select(c => Progress(c, raised.GetValueOrDefault(c.Id)))
            .ToList();
    }

    /// <summary>One campaign by its slug with goal, raised, donor count and recent gifts; null if unknown or a draft.</summary>
    public async Task<CampaignDetails?> GetAsync(string slug, CancellationToken ct = default)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Slug == slug && c.Status != CampaignStatus.Draft, ct);
        if (campaign is null) return null;
        var raised = await db.LedgerEntries.Where(Ledger.LedgerEntry.IsGiving).Where(e => e.CampaignId == campaign.Id).SumAsync(e => e.AmountVnd, ct);

        // Donors whose gifts to this campaign still stand: more receipts than reversals.
        var donorCount = await db.HonorRollEntries
            .Where(h => h.CampaignId == campaign.Id)
            .GroupBy(h => h.DonorKey)
            .Where(g => g.Sum(h => h.GiftDelta) > 0)
            .CountAsync(ct)
            + await db.HonorRollNames.Where(n => !n.WholeRoll && n.CampaignId == campaign.Id).SumAsync(n => n.Donors, ct);

        var recent = await db.HonorRollEntries
            .Where(h => h.CampaignId == campaign.Id && h.GiftDelta > 0)
            .OrderByDescending(h => h.LedgerSequence)
            .Take(RecentGiftCount * 2)
            .ToListAsync(ct);
        // A reversed gift is not shown as a gift. Reversals are rare, so find the few there are for this campaign.
        var reversalSequences = await db.HonorRollEntries
            .Where(h => h.CampaignId == campaign.Id && h.GiftDelta < 0)
            .Select(h => h.LedgerSequence)
            .ToListAsync(ct);
        var reversed = reversalSequences.Count == 0
            ? []
            : (await db.LedgerEntries
                .Where(e => reversalSequences.Contains(e.Sequence) && e.ReversesSequence != null)
                .Select(e => e.ReversesSequence!.Value)
                .ToListAsync(ct)).ToHashSet();
        var gifts = recent.Where(h => !reversed.Contains(h.LedgerSequence))
            .Take(RecentGiftCount)
            .Select(h => new RecentGift(h.ReceivedOn, h.DisplayName, h.AmountVnd, h.Message))
            .ToList();
        return new CampaignDetails(Progress(campaign, raised), donorCount, gifts);
    }

    /// <summary>The home page's figures, from the same ledger the statement shows: receipts less reversals.</summary>
    public async Task<GivingTotals> TotalsAsync(CancellationToken ct = default)
    {
        var byKind = await db.LedgerEntries.Where(Ledger.LedgerEntry.IsGiving)
            .GroupBy(e => e.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count(), Sum = g.Sum(e => e.AmountVnd) })
            .ToListAsync(ct);
        var receipts = byKind.FirstOrDefault(k => k.Kind == Ledger.LedgerEntryKind.Receipt);
        var reversals = byKind.FirstOrDefault(k => k.Kind == Ledger.LedgerEntryKind.Reversal);
        return new GivingTotals((receipts?.Sum ?? 0) + (reversals?.Sum ?? 0), (receipts?.Count ?? 0) - (reversals?.Count ?? 0));
    }

    /// <summary>The public (active and closed) campaigns' names, newest first, for filters and menus.</summary>
    public Task<List<CampaignName>> NamesAsync(CancellationToken ct = default) =>
        db.Campaigns.Where(c => c.Status != CampaignStatus.Draft)
            .OrderByDescending(c => c.StartDate).ThenBy(c => c.Title)
            .Select(c => new CampaignName(c.Id, c.Slug, c.Title, c.TitleEn))
            .ToListAsync(ct);

    private static CampaignProgress Progress(Campaign c, long raised) =>
        new(c.Id, c.Slug, c.Title, c.TitleEn, c.Summary, c.SummaryEn, c.StartDate, c.EndDate, c.Status, c.MoneyGoalVnd, raised);
}
