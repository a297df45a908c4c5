using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Stock;
using ChildAid.Shared.Time;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Stock;

/// <summary>The allocation world (<see cref="AllocationWorld"/>) with the stock service run as a given person, their unit scope applied.</summary>
public abstract class StockTest(DatabaseProvider provider) : AllocationTest(provider)
{
    public const string Jackets = "Áo ấm trẻ em";

    protected static DateOnly Yesterday => TimeProvider.System.VietnamToday().AddDays(-1);

    protected Task<T> StockAsAsync<T>(Person? person, Func<StockService, ChildAidDbContext, Task<T>> act) => ActAsAsync(person, act);

    protected Task<T> StockAsAsync<T>(Person? person, Func<StockService, Task<T>> act) => StockAsAsync(person, (s, _) => act(s));

    /// <summary>An in-kind receipt of <paramref name="quantity"/> items received by Ia Đal, and its announced lot.</summary>
    protected async Task<StockLot> AnnouncedAsync(int quantity = 300, string item = Jackets, long unitValueVnd = 150_000)
    {
        var receipt = await GoodsReceiptAsync(item, quantity, unitValueVnd);
        var lots = Ok(await StockAsAsync(W.Proposer, s => s.AnnounceAsync(receipt.Id)));
        return Assert.Single(lots);
    }

    protected static StockReceiveInput Received(int quantity, int? unitId = null) => new() { Quantity = quantity, ReceivedOn = Yesterday, AdminUnitId = unitId };

    protected static StockInspectInput Clothes(int good, int damaged = 0, int expired = 0) => new()
    {
        GoodsKind = StockGoodsKind.Clothes, GoodQuantity = good, DamagedQuantity = damaged, ExpiredQuantity = expired, SizeBand = SizeBand.Age6To8,
    };

    /// <summary>A lot received by the proposer and inspected by the approver (clothes, size 6–8).</summary>
    protected async Task<StockLot> InspectedAsync(int received, int good, int damaged = 0, int expired = 0)
    {
        var lot = await AnnouncedAsync(received);
        Done(await StockAsAsync(W.Proposer, s => s.ReceiveAsync(lot.Id, Received(received))));
        return Done(await StockAsAsync(W.Approver, s => s.InspectAsync(lot.Id, Clothes(good, damaged, expired))));
    }

    protected async Task<StockLot> StockedAsync(int received, int good, int damaged = 0)
    {
        var lot = await InspectedAsync(received, good, damaged);
        return Done(await StockAsAsync(W.Approver, s => s.StockAsync(lot.Id, "LO-2026-01")));
    }

    protected static StockLot Done(StockStep step)
    {
        Assert.True(step.Succeeded, step.Refusal ?? string.Join(" | ", step.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return step.Lot!;
    }

    protected static byte[] Png(int seed) =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. System.Text.Encoding.ASCII.GetBytes($"anh kiem tra {seed}")];
}
