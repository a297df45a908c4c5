using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.PublicNeeds;

/// <summary>
/// Builds <see cref="PublicNeed"/> rows for one commune and year from its approved review. Called inside the
/// transaction that approves (and supersedes) a review, after that change is saved, so the public list changes exactly
/// when the approval commits.
/// <para>
/// Small cells: the lines are first added up at the finest cell (period, school, level, category, item, size band,
/// unit). A cell describing fewer than <see cref="MinimumChildren"/> children loses one dimension at a time — size band,
/// then period (becomes the school year), school (becomes "commune-wide and other schools"), item (becomes "other
/// items" of the category), level, category — and is merged with the other small cells that then share its key (or
/// into a published cell with that key). What is still small at the end becomes one row for the commune: published
/// with no unit if it reaches five children, otherwise "&lt; 5" with every figure left out. So every figure the public
/// can read belongs to a row of five children or more, and every filter, total and download is a sum of whole rows:
/// subtracting one answer from another only gives sums of rows that are already published.
/// </para>
/// </summary>
public sealed class PublicNeedsProjection(ChildAidDbContext db, TimeProvider clock)
{
    public const int MinimumChildren = 5;

    /// <summary>Replaces the public rows of <paramref name="communeId"/>'s <paramref name="year"/> with its approved revision (none: no rows).</summary>
    public async Task RefreshAsync(int communeId, int year, CancellationToken ct = default)
    {
        // The projection reads for the public, whoever approves: not limited by the approver's unit scope.
        var review = await db.NeedsReviews.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.AdminUnitId == communeId && r.Year == year && r.Status == NeedsReviewStatus.Approved)
            .Select(r => new { r.Id, r.DecidedAt, r.PeriodStart, r.PeriodEnd })
            .SingleOrDefaultAsync(ct);

        await db.Set<PublicNeed>().Where(n => n.ReviewUnitId == communeId && n.Year == year).ExecuteDeleteAsync(ct);
        if (review is not null)
        {
            var lines = await db.NeedLines.IgnoreQueryFilters().AsNoTracking()
                .Where(l => l.NeedsReviewId == review.Id)
                .Select(l => new NeedFacts(l.Target, l.ChildId, l.SchoolId ?? (l.Child != null ? l.Child.SchoolId : null),
                    l.LevelOverride ?? l.ComputedLevel, l.Category, l.NeedItemId, l.SizeBand, l.Unit, l.Quantity, l.EstimatedUnitCostVnd,
                    l.ChildrenCount, l.PeriodStart, l.PeriodEnd, l.CommittedQuantity, l.ReceivedQuantity, l.DeliveredQuantity, l.LastMovedAt, l.InTransitQuantity))
                .ToListAsync(ct);
            var cells = Cells(lines, NeedsReview.SchoolYearStart(year), NeedsReview.SchoolYearEnd(year));
            db.Set<PublicNeed>().AddRange(await RowsAsync(cells, communeId, year, review.DecidedAt ?? clock.GetUtcNow().UtcDateTime, ct));
            await db.SaveChangesAsync(ct);
        }
        // Removing rows alone saves nothing tracked: say "public data changed" here, so cached pages follow either way.
        await db.Database.ExecuteSqlRawAsync("UPDATE public_data_versions SET version = version + 1 WHERE id = 1", ct);
    }

    /// <summary>What the projection reads of a line: no name, no date of birth, no village, no key.</summary>
    public sealed record NeedFacts(NeedTarget Target, int? ChildId, int? SchoolId, int Level, NeedCategory Category, int ItemId,
        SizeBand? SizeBand, NeedUnit Unit, int Quantity, long UnitCostVnd, int ChildrenCount, DateOnly PeriodStart, DateOnly PeriodEnd,
        int Committed, int Received, int Delivered, DateTime? LastMovedAt = null, int InTransit = 0);

    /// <summary>A cell's dimensions; null is "merged".</summary>
    public sealed record CellKey(DateOnly? PeriodStart, DateOnly? PeriodEnd, int? SchoolId, int? Level, NeedCategory? Category, int? ItemId,
        SizeBand? SizeBand, NeedUnit? Unit);

    public sealed class Cell(CellKey key)
    {
        public CellKey Key { get; } = key;
        private readonly HashSet<int> _children = [];
        private int _othersCount;
        public long Quantity, CostVnd, Committed, Received, Delivered, CommittedVnd, ReceivedVnd, DeliveredVnd, InTransit, InTransitVnd;
        /// <summary>The latest movement of any of the cell's needs (<see cref="Needs.NeedFulfilment"/>).</summary>
        public DateTime? LastMovedAt;

        private void Moved(DateTime? at)
        {
            if (at is { } t && (LastMovedAt is null || t > LastMovedAt)) LastMovedAt = t;
        }

        /// <summary>Distinct children named by child lines, plus the children school and commune lines say they serve.</summary>
        public int Children => _children.Count + _othersCount;

        public void Add(NeedFacts l)
        {
            if (l.ChildId is { } child) _children.Add(child); else _othersCount += l.ChildrenCount;
            Quantity += l.Quantity;
            CostVnd += l.Quantity * l.UnitCostVnd;
            Committed += l.Committed;
            Received += l.Received;
            Delivered += l.Delivered;
            CommittedVnd += l.Committed * l.UnitCostVnd;
            ReceivedVnd += l.Received * l.UnitCostVnd;
            DeliveredVnd += l.Delivered * l.UnitCostVnd;
            InTransit += l.InTransit;
            InTransitVnd += l.InTransit * l.UnitCostVnd;
            Moved(l.LastMovedAt);
        }

        public void Add(Cell other)
        {
            _children.UnionWith(other._children);
            _othersCount += other._othersCount;
            Quantity += other.Quantity;
            CostVnd += other.CostVnd;
            Committed += other.Committed;
            Received += other.Received;
            Delivered += other.Delivered;
            CommittedVnd += other.CommittedVnd;
            ReceivedVnd += other.ReceivedVnd;
            DeliveredVnd += other.DeliveredVnd;
            InTransit += other.InTransit;
            InTransitVnd += other.InTransitVnd;
            Moved(other.LastMovedAt);
        }
    }

    /// <summary>The order in which a small cell gives up its dimensions (the filters — category, level — go last).</summary>
    private static IEnumerable<Func<CellKey, CellKey>> Coarsening(DateOnly yearStart, DateOnly yearEnd) =>
    [
        k => k with { SizeBand = null },
        k => k with { PeriodStart = yearStart, PeriodEnd = yearEnd },
        k => k with { SchoolId = null },
        k => k with { ItemId = null },
        k => k with { Level = null },
        k => k with { Category = null },
        k => k with { Unit = null },
    ];

    /// <summary>The published cells (each of five children or more) and at most one small remainder. Pure: the tests call it.</summary>
    public static IReadOnlyList<Cell> Cells(IEnumerable<NeedFacts> lines, DateOnly yearStart, DateOnly yearEnd)
    {
        var current = new Dictionary<CellKey, Cell>();
        foreach (var l in lines)
        {
            var key = new CellKey(l.PeriodStart, l.PeriodEnd, l.SchoolId, l.Level, l.Category, l.ItemId, l.SizeBand, l.Unit);
            if (!current.TryGetValue(key, out var cell)) current[key] = cell = new Cell(key);
            cell.Add(l);
        }

        var published = new Dictionary<CellKey, Cell>();
        foreach (var coarser in Coarsening(yearStart, yearEnd))
        {
            foreach (var big in current.Values.Where(c => c.Children >= MinimumChildren)) published.Add(big.Key, big);
            var next = new Dictionary<CellKey, Cell>();
            foreach (var small in current.Values.Where(c => c.Children < MinimumChildren))
            {
                var key = coarser(small.Key);
                // A published cell that already has this key (a commune-wide line's cell, say) takes the small one in.
                if (published.TryGetValue(key, out var into)) { into.Add(small); continue; }
                if (!next.TryGetValue(key, out var merged)) next[key] = merged = new Cell(key);
                merged.Add(small);
            }
            current = next;
        }
        // After the last step at most one cell is left (every dimension merged): published if big enough, else "< 5".
        var cells = published.Values.ToList();
        cells.AddRange(current.Values);
        return cells;
    }

    private async Task<List<PublicNeed>> RowsAsync(IReadOnlyList<Cell> cells, int communeId, int year, DateTime at, CancellationToken ct)
    {
        var today = Time.VietnamClock.VietnamToday(clock);
        var tree = new AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync(ct));
        var commune = tree.InForceOn(communeId, today);
        var district = tree.Ancestor(commune.Id, AdminUnitLevel.District, today);
        var province = tree.Ancestor(commune.Id, AdminUnitLevel.Province, today);
        var schoolIds = cells.Select(c => c.Key.SchoolId).OfType<int>().Distinct().ToList();
        var schools = await db.Organisations.AsNoTracking().Where(o => schoolIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var items = await db.NeedItems.AsNoTracking().ToDictionaryAsync(i => i.Id, ct);

        return cells
            .OrderBy(c => c.Key.Category is null).ThenBy(c => c.Key.Category).ThenBy(c => c.Key.ItemId is null).ThenBy(c => c.Key.ItemId)
            .ThenBy(c => c.Key.SizeBand is null).ThenBy(c => c.Key.SizeBand)
            .ThenBy(c => c.Key.SchoolId is null).ThenBy(c => c.Key.SchoolId is { } s ? schools.GetValueOrDefault(s) : null, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Level ?? 9).ThenBy(c => c.Key.PeriodStart)
            .Select(c =>
            {
                var suppressed = c.Children < MinimumChildren;
                var item = c.Key.ItemId is { } id ? items[id] : null;
                var mixedUnits = c.Key.Unit is null;
                return new PublicNeed
                {
                    ReviewUnitId = communeId, Year = year,
                    CommuneId = commune.Id, CommuneCode = commune.Code, CommuneName = commune.Name,
                    DistrictName = district?.Name, ProvinceName = province?.Name,
                    PeriodStart = c.Key.PeriodStart ?? NeedsReview.SchoolYearStart(year), PeriodEnd = c.Key.PeriodEnd ?? NeedsReview.SchoolYearEnd(year),
                    SchoolId = c.Key.SchoolId, SchoolName = c.Key.SchoolId is { } s ? schools.GetValueOrDefault(s) : null,
                    PriorityLevel = c.Key.Level, Category = c.Key.Category,
                    ItemCode = item?.Code, ItemNameVi = item?.NameVi, ItemNameEn = item?.NameEn, SizeBand = c.Key.SizeBand, Unit = c.Key.Unit,
                    Suppressed = suppressed,
                    ChildrenCount = suppressed ? null : c.Children,
                    Quantity = suppressed || mixedUnits ? null : c.Quantity,
                    EstimatedCostVnd = suppressed ? null : c.CostVnd,
                    CommittedQuantity = suppressed || mixedUnits ? null : c.Committed,
                    ReceivedQuantity = suppressed || mixedUnits ? null : c.Received,
                    DeliveredQuantity = suppressed || mixedUnits ? null : c.Delivered,
                    InTransitQuantity = suppressed || mixedUnits ? null : c.InTransit,
                    CommittedVnd = suppressed ? null : c.CommittedVnd,
                    ReceivedVnd = suppressed ? null : c.ReceivedVnd,
                    DeliveredVnd = suppressed ? null : c.DeliveredVnd,
                    InTransitVnd = suppressed ? null : c.InTransitVnd,
                    RefreshedAt = at,
                    LastMovedAt = suppressed ? null : c.LastMovedAt,
                };
            }).ToList();
    }
}
