using ChildAid.Shared.Allocations;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.PublicNeeds;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Needs;

/// <summary>
/// How far each need has come, from the records behind it, written onto its lines and into the public needs list:
/// <list type="bullet">
/// <item><b>committed</b> (đã cam kết): approved allocations not reversed — goods by their quantity, money by what it buys
/// at the line's estimated unit cost (whole units, rounded down);</item>
/// <item><b>received</b> (đã nhận về): what has reached the programme for it — goods allocated from an in-kind receipt
/// (already in hand), money paid out by approved expenses, at the same unit cost;</item>
/// <item><b>delivered</b> (đã trao): distribution entries in the ledger drawn from the need's allocations, and for a
/// school's meals, the meals the school served in the line's period, up to what was committed (what the programme paid
/// for and the school served — the school's other meals are not ours to count);</item>
/// <item><b>in transit</b> (đang vận chuyển): goods of the need's allocations dispatched (a departure) and not yet
/// confirmed delivered;</item>
/// <item><b>last moved</b>: the latest of those records (an approval, a reversal, an expense, a distribution); the public
/// list shows it and flags a need that has not moved in <see cref="StaleAfterDays"/> days.</item>
/// </list>
/// Called in the transaction that changes one of those records, so the public list changes when it commits. The lines of
/// the same need (its key) in every review that is not superseded get the same figures.
/// </summary>
public sealed class NeedFulfilment(ChildAidDbContext db, PublicNeedsProjection projection)
{
    public const int StaleAfterDays = 90;

    public async Task RefreshAsync(IReadOnlyCollection<Guid> keys, CancellationToken ct = default)
    {
        if (keys.Count == 0) return;
        var lines = await db.NeedLines.IgnoreQueryFilters()
            .Where(l => keys.Contains(l.Key) && l.NeedsReview!.Status != NeedsReviewStatus.Superseded)
            .Select(l => new { l.Id, l.Key, l.Target, l.SchoolId, l.Unit, l.Quantity, l.EstimatedUnitCostVnd, l.PeriodStart, l.PeriodEnd,
                l.NeedsReview!.AdminUnitId, l.NeedsReview.Year, l.NeedsReview.Status })
            .ToListAsync(ct);
        var allocations = await db.Allocations.IgnoreQueryFilters()
            .Where(a => keys.Contains(a.NeedLineKey) && (a.State == AllocationState.Approved || a.State == AllocationState.Reversed))
            .Select(a => new { a.Id, a.NeedLineKey, a.State, Goods = a.GoodsLineId != null, a.Quantity, a.AmountVnd, a.DecidedAt, a.ReversedAt, a.LedgerSequence })
            .ToListAsync(ct);
        var approved = allocations.Where(a => a.State == AllocationState.Approved).ToList();
        var approvedIds = approved.Select(a => a.Id).ToList();
        var paid = await db.ExpenseLines.IgnoreQueryFilters()
            .Where(l => approvedIds.Contains(l.AllocationId) && l.Expense!.State == Expenses.ExpenseState.Approved && l.Expense.ReversedAt == null)
            .Select(l => new { l.AllocationId, l.AmountVnd, l.Expense!.DecidedAt })
            .ToListAsync(ct);
        var sequences = approved.Where(a => a.LedgerSequence != null).Select(a => a.LedgerSequence!.Value).ToList();
        var delivered = await db.LedgerEntries
            .Where(e => e.Kind == LedgerEntryKind.Distribution && e.SourceSequence != null && sequences.Contains(e.SourceSequence.Value)
                        && !db.LedgerEntries.Any(r => r.Kind == LedgerEntryKind.Reversal && r.ReversesSequence == e.Sequence))
            .Select(e => new { Source = e.SourceSequence!.Value, e.Quantity, e.RecordedAt })
            .ToListAsync(ct);

        var onTheRoad = await db.Distributions.IgnoreQueryFilters()
            .Where(d => approvedIds.Contains(d.AllocationId) && (d.State == Distributions.DistributionState.Departed || d.State == Distributions.DistributionState.Arrived))
            .Select(d => new { d.AllocationId, d.Quantity, d.DepartedAt })
            .ToListAsync(ct);

        var figures = new Dictionary<Guid, (int Committed, int Received, int Delivered, int InTransit, DateTime? LastMoved)>();
        foreach (var key in keys)
        {
            var line = lines.FirstOrDefault(l => l.Key == key && l.Status == NeedsReviewStatus.Approved) ?? lines.FirstOrDefault(l => l.Key == key);
            if (line is null) continue;
            int Units(long vnd) => line.EstimatedUnitCostVnd > 0 ? (int)Math.Min(int.MaxValue, vnd / line.EstimatedUnitCostVnd) : 0;
            var mine = approved.Where(a => a.NeedLineKey == key).ToList();
            var committed = mine.Sum(a => a.Goods ? a.Quantity ?? 0 : Units(a.AmountVnd));
            var mineIds = mine.Select(a => a.Id).ToHashSet();
            var received = mine.Where(a => a.Goods).Sum(a => a.Quantity ?? 0) + Units(paid.Where(p => mineIds.Contains(p.AllocationId)).Sum(p => p.AmountVnd));
            var mineSequences = mine.Where(a => a.LedgerSequence != null).Select(a => a.LedgerSequence!.Value).ToHashSet();
            var mineDelivered = delivered.Where(d => mineSequences.Contains(d.Source)).ToList();
            var handed = (int)mineDelivered.Sum(d => d.Quantity ?? 0);
            if (line is { Unit: NeedUnit.Meals, Target: NeedTarget.School, SchoolId: { } school } && committed > handed)
            {
                var served = await db.MealDays.IgnoreQueryFilters()
                    .Where(m => m.SchoolId == school && m.ServedOn >= line.PeriodStart && m.ServedOn <= line.PeriodEnd).SumAsync(m => m.Meals, ct);
                handed = Math.Max(handed, Math.Min(committed, served));
            }
            var moments = allocations.Where(a => a.NeedLineKey == key).SelectMany(a => new[] { a.DecidedAt, a.ReversedAt })
                .Concat(paid.Where(p => mineIds.Contains(p.AllocationId)).Select(p => p.DecidedAt))
                .Concat(mineDelivered.Select(d => (DateTime?)d.RecordedAt))
                .Concat(onTheRoad.Where(d => mineIds.Contains(d.AllocationId)).Select(d => d.DepartedAt))
                .Where(t => t is not null).ToList();
            var inTransit = onTheRoad.Where(d => mineIds.Contains(d.AllocationId)).Sum(d => d.Quantity);
            figures[key] = (committed, Math.Min(received, committed), handed, inTransit, moments.Count == 0 ? null : moments.Max());
        }

        foreach (var (key, f) in figures)
            await db.NeedLines.IgnoreQueryFilters().Where(l => l.Key == key && l.NeedsReview!.Status != NeedsReviewStatus.Superseded)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.CommittedQuantity, f.Committed).SetProperty(l => l.ReceivedQuantity, f.Received)
                    .SetProperty(l => l.DeliveredQuantity, f.Delivered).SetProperty(l => l.InTransitQuantity, f.InTransit)
                    .SetProperty(l => l.LastMovedAt, f.LastMoved), ct);

        foreach (var (commune, year) in lines.Where(l => l.Status == NeedsReviewStatus.Approved).Select(l => (l.AdminUnitId, l.Year)).Distinct())
            await projection.RefreshAsync(commune, year, ct);
    }

    /// <summary>
    /// Meal days were entered, changed or removed at a school between <paramref name="from"/> and <paramref name="to"/>:
    /// its school-meal needs with an allocation whose period covers any of them are refreshed, so their delivered meals
    /// (read from the meals served) follow the entry at once rather than the need's next movement.
    /// </summary>
    public async Task RefreshMealsAsync(int schoolId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var keys = await db.NeedLines.IgnoreQueryFilters()
            .Where(l => l.Unit == NeedUnit.Meals && l.Target == NeedTarget.School && l.SchoolId == schoolId && l.PeriodStart <= to && l.PeriodEnd >= from
                && db.Allocations.IgnoreQueryFilters().Any(a => a.NeedLineKey == l.Key))
            .Select(l => l.Key).Distinct().ToListAsync(ct);
        await RefreshAsync(keys, ct);
    }

    /// <summary>Every need with an allocation, and every school meal line: what `refresh-needs` and the demo seeding run.</summary>
    public async Task<int> RefreshAllAsync(CancellationToken ct = default)
    {
        var keys = await db.Allocations.IgnoreQueryFilters().Select(a => a.NeedLineKey)
            .Union(db.NeedLines.IgnoreQueryFilters().Where(l => l.Unit == NeedUnit.Meals && l.Target == NeedTarget.School).Select(l => l.Key))
            .Distinct().ToListAsync(ct);
        foreach (var chunk in keys.Chunk(500)) await RefreshAsync(chunk, ct);
        return keys.Count;
    }
}
