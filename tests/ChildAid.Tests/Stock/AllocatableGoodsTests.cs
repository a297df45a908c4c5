using ChildAid.Shared.Allocations;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Stock;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Stock;

/// <summary>
/// Goods are allocated up to what can be delivered: the declared quantity until the lot says more — received, then the good
/// quantity the inspection found — and nothing of a rejected lot; for proposals, the receipt's remainder and the suggestion run.
/// </summary>
public abstract class AllocatableGoodsTests(DatabaseProvider provider) : StockTest(provider)
{
    private Task<Contribution> ReceiptOfAsync(StockLot lot) =>
        AsAsync(null, (_, db) => db.Contributions.IgnoreQueryFilters().Include(c => c.GoodsLines).Include(c => c.Reversal).SingleAsync(c => c.Id == lot.ContributionId));

    private async Task<int> LeftAsync(StockLot lot)
    {
        var receipt = await ReceiptOfAsync(lot);
        return (await AsAsync(null, s => s.RemainderAsync(receipt))).GoodsLeft[lot.GoodsLineId];
    }

    [Fact]
    public async Task A_goods_line_is_allocated_up_to_what_was_received_then_found_good_never_more_than_declared()
    {
        var lot = await AnnouncedAsync(40, "Áo ấm mùa đông 6–8 tuổi"); // named so the suggestion run recognises the catalogue's jacket
        Assert.Equal(40, await LeftAsync(lot));
        Done(await StockAsAsync(W.Proposer, s => s.ReceiveAsync(lot.Id, Received(38))));
        Assert.Equal(38, await LeftAsync(lot));
        Done(await StockAsAsync(W.Approver, s => s.InspectAsync(lot.Id, Clothes(30, 8))));
        Assert.Equal(30, await LeftAsync(lot));
        Done(await StockAsAsync(W.Approver, s => s.StockAsync(lot.Id, "LO-2026-09")));

        // The suggestion run offers the 30 good jackets, not the 40 declared.
        var run = await ActAsAsync<SuggestionRun, SuggestionResult>(W.Proposer, (r, _) => r.RunAsync());
        Assert.Equal(30, run.Rows.Where(r => r.Suggestion.GoodsLineId == lot.GoodsLineId).Sum(r => r.Suggestion.Quantity ?? 0));

        var receipt = await ReceiptOfAsync(lot);
        var tooMany = await ProposeGoodsAsync(receipt, W.Jackets, 31);
        Assert.Equal("Dòng hàng này chỉ còn 30 chưa phân bổ.", tooMany.Errors[nameof(AllocationInput.Quantity)]);
        Ok(await ProposeGoodsAsync(receipt, W.Jackets, 30));
        Assert.Equal(0, await LeftAsync(lot));
    }

    [Fact]
    public async Task Goods_allocated_before_the_inspection_found_fewer_good_are_flagged_with_the_excess()
    {
        var lot = await AnnouncedAsync(40, "Áo ấm mùa đông 6–8 tuổi");
        var receipt = await ReceiptOfAsync(lot);
        var proposed = Ok(await ProposeGoodsAsync(receipt, W.Jackets, 40));
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id))).Booked);
        IReadOnlyList<(int, int)> lines = [(lot.GoodsLineId, 40)];
        Assert.Empty(await AsAsync(null, (_, db) => AllocatableGoods.OverAllocatedAsync(db, lines, default)));

        Done(await StockAsAsync(W.Proposer, s => s.ReceiveAsync(lot.Id, Received(38))));
        Done(await StockAsAsync(W.Approver, s => s.InspectAsync(lot.Id, Clothes(30, 8))));

        var over = Assert.Single(await AsAsync(W.Approver, (_, db) => AllocatableGoods.OverAllocatedAsync(db, lines, default)));
        Assert.Equal((40, 30, 10), (over.Allocated, over.Allocatable, over.Excess));
        // The allocation list flags the row too, so staff see which allocation to reverse or reject.
        var row = Assert.Single(await AsAsync(W.Approver, (s, db) => new AllocationQueries(db, s).ListAsync(null)));
        Assert.Equal(10, row.GoodsLineExcess);
    }

    [Fact]
    public async Task Nothing_of_a_rejected_lot_is_allocated()
    {
        var lot = await InspectedAsync(20, 0, 20);
        Done(await StockAsAsync(W.Approver, s => s.RejectAsync(lot.Id, "Áo bị mốc cả lô", RejectedGoodsFate.ReturnedToDonor)));
        Assert.Equal(0, await LeftAsync(lot));
        Assert.False((await ProposeGoodsAsync(await ReceiptOfAsync(lot), W.Jackets, 1)).Succeeded);
    }
}

public class AllocatableGoodsTestsOnSqlite() : AllocatableGoodsTests(DatabaseProvider.Sqlite);

public class AllocatableGoodsTestsOnPostgres() : AllocatableGoodsTests(DatabaseProvider.Postgres);
