using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.Demo;

/// <summary>
/// Stock lots of the demo's in-kind receipts, through <see cref="StockService"/> as the demo staff would take them in: the
/// province programme officer receives, the commune officer inspects (four eyes) and stocks or rejects. One lot of each of
/// the first six in-kind receipts ends in a different place: announced, received, inspected, stocked twice (one of them
/// with a write-off), rejected; the receipts' other goods lines stay announced. Skipped when any lot exists.
/// </summary>
public static class DemoStock
{
    private static readonly string[] FoodUnits = ["kg", "quả", "thùng", "lít"];

    public static async Task<int> SeedAsync(IServiceScopeFactory scopes, DateOnly today, CancellationToken ct)
    {
        List<int> receipts;
        string? receiver, inspector;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            (db.UnitScope, db.OrganisationScope) = (null, null);
            if (await db.StockLots.IgnoreQueryFilters().AnyAsync(ct)) return 0;
            receiver = await db.Users.Where(u => u.Email == DemoAllocations.Proposer).Select(u => u.Id).FirstOrDefaultAsync(ct);
            inspector = await db.Users.Where(u => u.Email == DemoAllocations.Approver).Select(u => u.Id).FirstOrDefaultAsync(ct);
            if (receiver is null || inspector is null) return 0;
            receipts = await db.Contributions.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.IsDemo && c.Method == ContributionMethod.InKind && c.Reversal == null && c.GoodsLines.Any())
                .OrderBy(c => c.Id).Select(c => c.Id).Take(6).ToListAsync(ct);
        }
        var lots = new List<StockLot>();
        foreach (var receipt in receipts)
        {
            var announced = await AsAsync(scopes, receiver, s => s.AnnounceAsync(receipt, ct));
            if (announced.Succeeded && announced.Value!.Count > 0) lots.AddRange(announced.Value);
        }
        // The first lot of each receipt goes its own way; the first stays announced.
        var firsts = lots.GroupBy(l => l.ContributionId).Select(g => g.OrderBy(l => l.Id).First()).ToList();
        for (var i = 1; i < firsts.Count; i++)
        {
            var lot = firsts[i];
            var received = Math.Max(1, i == 3 ? lot.ExpectedQuantity - 1 : lot.ExpectedQuantity);
            var step = await AsAsync(scopes, receiver, s => s.ReceiveAsync(lot.Id, new StockReceiveInput { Quantity = received, ReceivedOn = today }, ct));
            if (!step.Succeeded || i == 1) continue;
            var rejected = i == 5;
            var damaged = rejected ? received : Math.Min(2, received / 10);
            var inspection = Inspection(lot, received - damaged, damaged, today);
            step = await AsAsync(scopes, inspector, s => s.InspectAsync(lot.Id, inspection, ct));
            if (!step.Succeeded || i == 2) continue;
            if (rejected)
            {
                await AsAsync(scopes, inspector, s => s.RejectAsync(lot.Id, "Hàng ẩm mốc, không đạt chất lượng (dữ liệu demo)", RejectedGoodsFate.ReturnedToDonor, ct));
                continue;
            }
            step = await AsAsync(scopes, inspector, s => s.StockAsync(lot.Id, $"DEMO-{today.Year}-{i:00}", ct));
            if (step.Succeeded && i == 3 && step.Lot!.OnHand > 1)
                await AsAsync(scopes, inspector, s => s.WriteOffAsync(lot.Id, new StockWriteOffInput
                {
                    Quantity = 1, Reason = StockWriteOffReason.Spoiled, Note = "Hư hỏng khi xếp kho (dữ liệu demo)", WrittenOffOn = today, IdempotencyKey = Guid.NewGuid(),
                }, ct));
        }
        return lots.Count;
    }

    /// <summary>Food gets an expiry date two months ahead; clothes a size band read from the item's name; other goods neither.</summary>
    private static StockInspectInput Inspection(StockLot lot, int good, int damaged, DateOnly today)
    {
        var food = FoodUnits.Contains(lot.Unit);
        var clothes = !food && (lot.Item.StartsWith("Áo", StringComparison.Ordinal) || lot.Item.StartsWith("Mũ", StringComparison.Ordinal)
            || lot.Item.StartsWith("Tất", StringComparison.Ordinal) || lot.Item.StartsWith("Ủng", StringComparison.Ordinal));
        return new StockInspectInput
        {
            GoodsKind = food ? StockGoodsKind.Food : clothes ? StockGoodsKind.Clothes : StockGoodsKind.Other,
            GoodQuantity = good, DamagedQuantity = damaged, ExpiredQuantity = 0,
            SizeBand = clothes ? (lot.Item.Contains("3–5", StringComparison.Ordinal) ? SizeBand.Age3To5 : SizeBand.Age6To8) : null,
            ExpiryDate = food ? today.AddMonths(2) : null,
            Note = "Dữ liệu demo",
        };
    }

    /// <summary>
    /// A stock count (kiểm kê) by the commune officer of the stocked lots no distribution uses: the first counted one short
    /// (its shortfall written off as lost), the others matching. Skipped when a count was recorded (a "Kiểm kê" write-off).
    /// </summary>
    public static async Task<int> CountAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        string? officer;
        List<StockLot> lots;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            (db.UnitScope, db.OrganisationScope) = (null, null);
            if (await db.StockWriteOffs.IgnoreQueryFilters().AnyAsync(w => w.Note.StartsWith("Kiểm kê"), ct)) return 0;
            officer = await db.Users.Where(u => u.Email == DemoAllocations.Approver).Select(u => u.Id).FirstOrDefaultAsync(ct);
            lots = await db.StockLots.IgnoreQueryFilters().AsNoTracking()
                .Where(l => l.State == StockLotState.Stocked && l.OnHand > 1 && !db.Distributions.IgnoreQueryFilters().Any(d => d.StockLotId == l.Id))
                .OrderBy(l => l.Id).ToListAsync(ct);
        }
        if (officer is null || lots.Count == 0) return 0;
        var input = new StockCountInput
        {
            FormKey = Guid.NewGuid(),
            Rows = [.. lots.Select((l, i) => new StockCountRowInput
            {
                LotId = l.Id, Book = l.OnHand!.Value,
                Counted = (i == 0 ? l.OnHand!.Value - 1 : l.OnHand!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
            })],
        };
        var outcome = await AsAsync(scopes, officer, s => s.CountAsync(input, ct));
        return outcome.Succeeded ? outcome.Value!.Lines.Count : 0;
    }

    private static Task<T> AsAsync<T>(IServiceScopeFactory scopes, string userId, Func<StockService, Task<T>> act) =>
        DemoAllocations.AsStaffAsync<StockService, T>(scopes, userId, (s, _) => act(s));
}
