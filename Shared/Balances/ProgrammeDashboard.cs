using ChildAid.Shared.Allocations;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Balances;

/// <summary>
/// Money through one campaign (its title; "" for none), commune (its name) or category (its enum name), in whole đồng:
/// allocated = spent + delivered in kind (donated goods handed out, at the receipt's value) + held, as the balances hold it.
/// </summary>
public sealed record ProgrammeMoney(string Name, long ReceivedVnd, long AllocatedVnd, long SpentVnd, long DeliveredVnd = 0)
{
    public long UnallocatedVnd => ReceivedVnd - AllocatedVnd;
    public long HeldVnd => AllocatedVnd - SpentVnd - DeliveredVnd;
}

/// <summary>Approved needs of one priority level: what they ask for and what gifts already cover, valued at each line's unit cost.</summary>
public sealed record UncoveredNeeds(int Level, int Lines, long RequestedVnd, long CommittedVnd)
{
    public long UncoveredVnd => Math.Max(0, RequestedVnd - CommittedVnd);
}

public sealed record ProgrammeFigures(ProgrammeMoney Total, IReadOnlyList<ProgrammeMoney> ByCampaign, IReadOnlyList<ProgrammeMoney> ByCommune,
    IReadOnlyList<ProgrammeMoney> ByCategory, IReadOnlyList<UncoveredNeeds> Uncovered);

/// <summary>
/// The programme dashboard (BackOffice): received, allocated, spent, delivered in kind and held by campaign, commune and category, and the
/// needs still uncovered by priority level — within the reader's units (the records' own unit filters). Received counts
/// the receipts in scope that are not reversed; allocated the approved allocations (a reversed one counts no more);
/// spent the expense entries the ledger draws from those allocations, less their reversals. Campaign, commune and
/// By commune and category there is nothing "received": a receipt has neither until it is allocated.
/// </summary>
public sealed class ProgrammeDashboard(ChildAidDbContext db)
{
    public async Task<ProgrammeFigures> ComputeAsync(CancellationToken ct = default)
    {
        // Receipts are scoped by their unit only, not by their donor's (as the receipts list does).
        var received = await db.Contributions.AsNoTracking().IgnoreQueryFilters([ScopeFilters.Unit<Donor>()])
            .Where(c => c.Reversal == null)
            .GroupBy(c => c.CampaignId).Select(g => new { Campaign = g.Key, Sum = g.Sum(c => c.AmountVnd) }).ToListAsync(ct);
        // An allocation is counted where it went, whoever received its gift: the receipt is read past its unit filter (only that one).
        var allocations = await db.Allocations.AsNoTracking().IgnoreQueryFilters([ScopeFilters.Unit<Contribution>()]).Where(a => a.State == AllocationState.Approved)
            .Select(a => new { a.AmountVnd, a.LedgerSequence, Campaign = a.Contribution!.CampaignId, Commune = a.AdminUnitId, a.NeedLine!.Category })
            .ToListAsync(ct);
        var sources = allocations.Where(a => a.LedgerSequence is not null).Select(a => a.LedgerSequence!.Value).ToList();
        var spentBySource = await DrawnAsync(LedgerEntryKind.Expense, sources, ct);
        var deliveredBySource = await DrawnAsync(LedgerEntryKind.Distribution, sources, ct);
        long Spent(long? seq) => seq is { } s ? spentBySource.GetValueOrDefault(s) : 0;
        long Delivered(long? seq) => seq is { } s ? deliveredBySource.GetValueOrDefault(s) : 0;

        var titles = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var units = await db.AdminUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        string Key(int? campaign) => campaign is { } id ? titles.GetValueOrDefault(id, "#" + id) : "";
        ProgrammeMoney Row<T>(string name, long received, IEnumerable<T> of, Func<T, long> amount, Func<T, long?> sequence) => new(name, received,
            of.Sum(amount), of.Sum(a => Spent(sequence(a))), of.Sum(a => Delivered(sequence(a))));
        var byCampaign = received.Select(r => Key(r.Campaign)).Union(allocations.Select(a => Key(a.Campaign))).Distinct()
            .Select(k => Row(k, received.Where(r => Key(r.Campaign) == k).Sum(r => r.Sum), allocations.Where(a => Key(a.Campaign) == k), a => a.AmountVnd, a => a.LedgerSequence))
            .OrderByDescending(m => m.ReceivedVnd).ToList();
        var byCommune = allocations.GroupBy(a => a.Commune)
            .Select(g => Row(units.GetValueOrDefault(g.Key, "#" + g.Key), 0, g, a => a.AmountVnd, a => a.LedgerSequence))
            .OrderByDescending(m => m.AllocatedVnd).ToList();
        var byCategory = allocations.GroupBy(a => a.Category)
            .Select(g => Row(g.Key.ToString(), 0, g, a => a.AmountVnd, a => a.LedgerSequence))
            .OrderByDescending(m => m.AllocatedVnd).ToList();
        var total = Row("", received.Sum(r => r.Sum), allocations, a => a.AmountVnd, a => a.LedgerSequence);

        var uncovered = await db.NeedLines.AsNoTracking().Where(l => l.NeedsReview!.Status == NeedsReviewStatus.Approved)
            .GroupBy(l => l.LevelOverride ?? l.ComputedLevel)
            .Select(g => new UncoveredNeeds(g.Key, g.Count(), g.Sum(l => l.Quantity * l.EstimatedUnitCostVnd),
                g.Sum(l => (l.CommittedQuantity < l.Quantity ? l.CommittedQuantity : l.Quantity) * l.EstimatedUnitCostVnd)))
            .ToListAsync(ct);
        return new ProgrammeFigures(total, byCampaign, byCommune, byCategory, uncovered.OrderBy(u => u.Level).ToList());
    }

    /// <summary>
    /// Drawn per allocation entry by entries of <paramref name="kind"/>: expenses (spent) or distributions (delivered in kind;
    /// a service delivered carries 0 ₫), less the reversals of those entries.
    /// </summary>
    private async Task<Dictionary<long, long>> DrawnAsync(LedgerEntryKind kind, List<long> allocationSequences, CancellationToken ct)
    {
        var spent = new Dictionary<long, long>();
        foreach (var chunk in allocationSequences.Chunk(1_000))
        {
            var expenses = await db.LedgerEntries.AsNoTracking()
                .Where(e => e.Kind == kind && e.SourceSequence != null && chunk.Contains(e.SourceSequence.Value))
                .Select(e => new { e.Sequence, Source = e.SourceSequence!.Value, e.AmountVnd }).ToListAsync(ct);
            var ids = expenses.Select(e => e.Sequence).ToList();
            var reversed = await db.LedgerEntries.AsNoTracking()
                .Where(e => e.Kind == LedgerEntryKind.Reversal && e.ReversesSequence != null && ids.Contains(e.ReversesSequence.Value))
                .Select(e => e.ReversesSequence!.Value).ToListAsync(ct);
            foreach (var e in expenses.Where(e => !reversed.Contains(e.Sequence)))
                spent[e.Source] = spent.GetValueOrDefault(e.Source) + e.AmountVnd;
        }
        return spent;
    }
}
