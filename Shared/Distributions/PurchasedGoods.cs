using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Distributions;

/// <summary>
/// Goods bought with donated money (mua hàng bằng tiền): a money allocation to a need for goods (unit items) pays a supplier
/// through an expense whose line says how many it bought (<see cref="ExpenseLine.Quantity"/>); the supplier or staff hand them
/// over by a distribution without a stock lot. What such an allocation may still hand over is what its approved, unreversed
/// expenses bought less what its live distributions take (planned or on the road: their quantity; delivered: what was
/// delivered). The same counts guard the departure in the database (migration PurchasedGoods).
/// </summary>
public static class PurchasedGoods
{
    /// <summary>How many of the need's item the allocations' approved, unreversed expenses bought, by allocation.</summary>
    public static async Task<Dictionary<int, int>> BoughtAsync(ChildAidDbContext db, IReadOnlyCollection<int> allocationIds, CancellationToken ct = default)
    {
        var rows = await db.ExpenseLines.IgnoreQueryFilters()
            .Where(l => allocationIds.Contains(l.AllocationId) && l.Quantity != null && l.Expense!.State == ExpenseState.Approved && l.Expense.ReversedAt == null)
            .GroupBy(l => l.AllocationId).Select(g => new { g.Key, Bought = g.Sum(l => l.Quantity ?? 0) }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => r.Bought);
    }

    /// <summary>What the allocation's live distributions of purchased goods take, <paramref name="except"/> one of them.</summary>
    public static Task<int> TakenAsync(ChildAidDbContext db, int allocationId, int? except = null, CancellationToken ct = default) =>
        db.Distributions.IgnoreQueryFilters().Where(d => d.AllocationId == allocationId && d.StockLotId == null && d.Id != except && d.State != DistributionState.Cancelled)
            .SumAsync(d => d.State == DistributionState.Delivered ? d.DeliveredQuantity ?? 0 : d.Quantity, ct);

    /// <summary>What the allocation's purchased goods still have to be handed over: bought less taken.</summary>
    public static async Task<int> LeftAsync(ChildAidDbContext db, int allocationId, CancellationToken ct = default) =>
        (await BoughtAsync(db, [allocationId], ct)).GetValueOrDefault(allocationId) - await TakenAsync(db, allocationId, null, ct);

    /// <summary>The unit purchased goods are counted in: the need's (items).</summary>
    public static readonly string Unit = Needs.NeedLabels.Units[Needs.NeedUnit.Items];

    /// <summary>The need's item with its size band ("Áo ấm (6–8 tuổi)"), as goods bought for it are named on the ledger and the pages.</summary>
    public static async Task<string> ItemAsync(ChildAidDbContext db, int needLineId, CancellationToken ct = default)
    {
        var line = await db.NeedLines.IgnoreQueryFilters().AsNoTracking().Where(l => l.Id == needLineId)
            .Select(l => new { l.Item!.NameVi, l.SizeBand }).SingleAsync(ct);
        return Needs.NeedLabels.WithSizeBand(line.NameVi, line.SizeBand);
    }

    public const string NothingBought =
        "Chưa có hàng mua bằng phân bổ này: ghi số lượng đã mua trên khoản chi và để một cán bộ khác duyệt trước khi cấp phát.";
}
