using ChildAid.Shared.Data;
using ChildAid.Shared.Stock;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Allocations;

/// <summary>A goods line whose live allocations hold more than it may now deliver (allocated before the inspection found less good).</summary>
public sealed record OverAllocatedGoods(int GoodsLineId, int Allocated, int Allocatable)
{
    public int Excess => Allocated - Allocatable;
}

/// <summary>
/// How much of an in-kind receipt's goods line may be allocated: what was declared on the receipt until its stock lot tells
/// more — the quantity received, then the good quantity the inspection found, less what was written off once stocked; none of
/// a rejected lot. Never more than declared (the receipt's value is the declared lines'). One rule for proposals, the
/// receipt's remainder and the suggestion run, so none proposes goods that cannot be delivered.
/// </summary>
public static class AllocatableGoods
{
    /// <summary>The goods lines among <paramref name="goodsLineIds"/> whose lot caps them, with the cap (lines still announced are absent).</summary>
    public static async Task<Dictionary<int, int>> CapsAsync(ChildAidDbContext db, IReadOnlyCollection<int> goodsLineIds, CancellationToken ct)
    {
        if (goodsLineIds.Count == 0) return [];
        // The lot may be kept by another commune than the user's: read past the unit scope (only counts leave this method).
        var lots = await db.StockLots.IgnoreQueryFilters().AsNoTracking().Where(l => goodsLineIds.Contains(l.GoodsLineId) && l.State != StockLotState.Announced)
            .Select(l => new { l.GoodsLineId, l.State, l.ReceivedQuantity, l.GoodQuantity, WrittenOff = l.WriteOffs.Sum(w => (int?)w.Quantity) ?? 0 })
            .ToListAsync(ct);
        return lots.GroupBy(l => l.GoodsLineId).ToDictionary(g => g.Key, g => g.Sum(l => l.State switch
        {
            StockLotState.Received => l.ReceivedQuantity ?? 0,
            StockLotState.Inspected => l.GoodQuantity ?? 0,
            StockLotState.Stocked => (l.GoodQuantity ?? 0) - l.WrittenOff,
            _ => 0, // rejected
        }));
    }

    /// <summary>
    /// The lines among <paramref name="lines"/> (id, declared quantity) whose proposed and approved allocations exceed what the
    /// line may now hold: new proposals are capped, but allocations made before the lot was received or inspected are not
    /// reduced by themselves — staff reverse or reject the excess, and this says how much.
    /// </summary>
    public static async Task<IReadOnlyList<OverAllocatedGoods>> OverAllocatedAsync(ChildAidDbContext db, IReadOnlyCollection<(int Id, int Declared)> lines,
        CancellationToken ct)
    {
        var ids = lines.Select(l => l.Id).ToList();
        var caps = await CapsAsync(db, ids, ct);
        if (caps.Count == 0) return [];
        var allocated = await db.Allocations.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.GoodsLineId != null && ids.Contains(a.GoodsLineId.Value) && (a.State == AllocationState.Proposed || a.State == AllocationState.Approved))
            .GroupBy(a => a.GoodsLineId!.Value).Select(g => new { Line = g.Key, Quantity = g.Sum(a => a.Quantity ?? 0) })
            .ToDictionaryAsync(g => g.Line, g => g.Quantity, ct);
        return [.. lines.Select(l => new OverAllocatedGoods(l.Id, allocated.GetValueOrDefault(l.Id), Cap(l.Id, l.Declared, caps))).Where(o => o.Excess > 0)];
    }

    /// <summary>What of a line declared as <paramref name="declared"/> may be allocated in all.</summary>
    public static int Cap(int goodsLineId, int declared, IReadOnlyDictionary<int, int> caps) =>
        caps.TryGetValue(goodsLineId, out var cap) ? Math.Min(declared, Math.Max(0, cap)) : declared;
}
