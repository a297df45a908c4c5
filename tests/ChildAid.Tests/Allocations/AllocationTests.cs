using ChildAid.Shared.Allocations;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Allocations;

/// <summary>
/// Part of a gift assigned to part of a need: proposed by one person, approved by another, one ledger entry when approved;
/// never more than the receipt holds, never more than the need lacks, a campaign's gift only inside the campaign's area —
/// refused by the service with a message next to the field, and by the database whoever writes.
/// </summary>
public abstract class AllocationTests(DatabaseProvider provider) : AllocationTest(provider)
{
    [Fact]
    public async Task The_proposer_cannot_approve_a_colleague_books_one_ledger_entry_and_the_chain_verifies()
    {
        var receipt = await ReceiptAsync(5_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Meals, 1_500_000));

        var own = await AsAsync(W.Proposer, s => s.ApproveAsync(proposed.Id));
        Assert.False(own.Booked);
        Assert.Contains("người đề xuất", own.Refusal);
        Assert.Single(await LedgerAsync());

        var approved = await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id));
        Assert.True(approved.Booked, approved.Problem ?? approved.Refusal);

        var ledger = await LedgerAsync();
        Assert.Equal(2, ledger.Count);
        var entry = ledger[1];
        Assert.Equal(LedgerEntryKind.Allocation, entry.Kind);
        Assert.Equal(1_500_000, entry.AmountVnd);
        Assert.Equal(ledger[0].Sequence, entry.SourceSequence);
        Assert.Equal(receipt.ReceiptNumber, entry.ReceiptNumber);
        Assert.Equal(W.IaDal.Code, entry.UnitCode);
        Assert.Equal($"{W.IaDal.Code}-2026-lunch-meal-T{W.SchoolIaDal}", entry.NeedReference);
        Assert.Contains("Trường TH-THCS Ia Đal", entry.Description);
        Assert.Null(entry.Item);
        Assert.Null(entry.DonorCommitment);
        var verification = await LedgerVerifier.VerifyAsync(ledger.ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);

        await using var db = Db.NewContext();
        var row = await db.Allocations.SingleAsync();
        Assert.Equal(AllocationState.Approved, row.State);
        Assert.Equal(entry.Sequence, row.LedgerSequence);
        Assert.Equal(W.Approver.Id, row.DecidedById);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Allocation" && a.Action == "Added" && a.UserId == W.Proposer.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Allocation" && a.Action == "Modified" && a.UserId == W.Approver.Id));
    }

    [Fact]
    public async Task The_database_refuses_an_approval_by_the_proposer_whoever_writes_it()
    {
        var receipt = await ReceiptAsync(1_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Meals, 100_000));
        await using var db = Db.NewContext();

        var ex = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE allocations SET state = 'Approved', decided_by_id = proposed_by_id, decided_at = proposed_at, ledger_sequence = 1 WHERE id = {0}", proposed.Id));

        Assert.NotNull(ex);
        Assert.Equal(AllocationState.Proposed, (await db.Allocations.AsNoTracking().SingleAsync()).State);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_writes_no_ledger_entry_and_frees_what_it_held()
    {
        var receipt = await ReceiptAsync(1_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Meals, 1_000_000));
        Assert.False((await ProposeMoneyAsync(receipt, W.Meals, 1)).Succeeded);

        var noReason = await AsAsync(W.Approver, s => s.RejectAsync(proposed.Id, " "));
        Assert.Equal("Nhập lý do từ chối.", noReason.Errors["Reason"]);
        var rejected = Ok(await AsAsync(W.Approver, s => s.RejectAsync(proposed.Id, "Trường đã có nhà tài trợ khác")));

        Assert.Equal(AllocationState.Rejected, rejected.State);
        Assert.Single(await LedgerAsync());
        Assert.Equal(Allocation.AlreadyDecided, (await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id))).Problem);
        Assert.Single(await LedgerAsync());
        Ok(await ProposeMoneyAsync(receipt, W.Meals, 1_000_000));
    }

    [Fact]
    public async Task More_than_the_receipt_holds_is_refused_by_the_service_and_by_the_database()
    {
        var receipt = await ReceiptAsync(1_000_000);
        var first = Ok(await ProposeMoneyAsync(receipt, W.Meals, 600_000));

        var over = await ProposeMoneyAsync(receipt, W.MealsIaToi, 500_000);

        Assert.False(over.Succeeded);
        Assert.Equal($"Phiếu thu {receipt.ReceiptNumber} chỉ còn 400.000 ₫ chưa phân bổ.", over.Errors["AmountVnd"]);
        await using var db = Db.NewContext();
        var ex = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(Copy(first.Id, amount: "500000", needLine: W.MealsIaToi.Id)));
        Assert.NotNull(ex);
        Assert.Contains("unallocated money", ex.ToString());
        Assert.Equal(1, await db.Allocations.CountAsync());
    }

    [Fact]
    public async Task More_than_the_need_line_lacks_is_refused_by_the_service_and_by_the_database()
    {
        var receipt = await ReceiptAsync(10_000_000);
        var first = Ok(await ProposeMoneyAsync(receipt, W.Meals, 1_500_000));

        var over = await ProposeMoneyAsync(receipt, W.Meals, 600_000);

        Assert.False(over.Succeeded);
        Assert.Contains("chỉ còn thiếu 500.000 ₫", over.Errors["AmountVnd"]);
        await using var db = Db.NewContext();
        var ex = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(Copy(first.Id, amount: "600000", needLine: W.Meals.Id)));
        Assert.NotNull(ex);
        Assert.Contains("still lacks", ex.ToString());
        Ok(await ProposeMoneyAsync(receipt, W.Meals, 500_000));
    }

    [Fact]
    public async Task Goods_go_by_quantity_never_more_than_the_goods_line_or_the_need_and_the_ledger_carries_the_item()
    {
        var goods = await GoodsReceiptAsync("Áo ấm trẻ em 6–8 tuổi", 300, 150_000);

        var tooMany = await ProposeGoodsAsync(goods, W.Jackets, 60);
        Assert.Contains("chỉ còn thiếu 50", tooMany.Errors["Quantity"]);
        var money = await ProposeMoneyAsync(goods, W.Jackets, 100_000);
        Assert.Contains("hiện vật", money.Errors["GoodsLineId"]);
        var meals = await ProposeGoodsAsync(goods, W.Meals, 10);
        Assert.Contains("cái/chiếc", meals.Errors["NeedLineId"]);

        var proposed = Ok(await ProposeGoodsAsync(goods, W.Jackets, 40));
        Assert.Equal(40 * 150_000, proposed.AmountVnd);
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id))).Booked);

        var entry = (await LedgerAsync()).Last();
        Assert.Equal(LedgerEntryKind.Allocation, entry.Kind);
        Assert.Equal("Áo ấm trẻ em 6–8 tuổi", entry.Item);
        Assert.Equal(40m, entry.Quantity);
        Assert.Equal("chiếc", entry.UnitOfMeasure);
        Assert.Equal(6_000_000, entry.AmountVnd);
        Assert.Equal($"{W.IaDal.Code}-2026-winter-jacket-Age6To8-T{W.SchoolIaDal}", entry.NeedReference);
        Assert.Contains("chỉ còn thiếu 10", (await ProposeGoodsAsync(goods, W.Jackets, 11)).Errors["Quantity"]);
    }

    [Fact]
    public async Task A_campaign_gift_goes_only_to_need_lines_inside_the_campaign_area()
    {
        var receipt = await ReceiptAsync(2_000_000, W.WarmClothes.Id);

        var outside = await ProposeMoneyAsync(receipt, W.Meals, 100_000);

        Assert.False(outside.Succeeded);
        Assert.Contains("ngoài địa bàn hoặc nhóm nhu cầu của chiến dịch", outside.Errors["NeedLineId"]);
        var inside = Ok(await ProposeMoneyAsync(receipt, W.Jackets, 900_000));
        await using var db = Db.NewContext();
        var ex = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(Copy(inside.Id, amount: "100000", needLine: W.Meals.Id)));
        Assert.NotNull(ex);
        Assert.Contains("campaign", ex.ToString());
    }

    [Fact]
    public async Task A_double_click_on_approve_books_once()
    {
        var receipt = await ReceiptAsync(1_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Meals, 400_000));

        var both = await Task.WhenAll(
            AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id)),
            AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id)));

        Assert.Single(both, d => d.Booked);
        Assert.Single(both, d => d.Problem == Allocation.AlreadyDecided);
        Assert.Single(await LedgerAsync(), e => e.Kind == LedgerEntryKind.Allocation);
    }

    [Fact]
    public async Task A_commune_officer_of_another_commune_neither_sees_nor_approves_nor_proposes()
    {
        var receipt = await ReceiptAsync(1_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Meals, 400_000));

        var seen = await AsAsync(W.OtherCommune, (_, db) => db.Allocations.CountAsync());
        var decision = await AsAsync(W.OtherCommune, s => s.ApproveAsync(proposed.Id));
        var rejected = await AsAsync(W.OtherCommune, s => s.RejectAsync(proposed.Id, "Không phải xã tôi"));
        var own = await ProposeMoneyAsync(receipt, W.Meals, 100_000, W.OtherCommune);

        Assert.Equal(0, seen);
        Assert.False(decision.Booked);
        Assert.Contains("Không tìm thấy", decision.Problem);
        Assert.False(rejected.Succeeded);
        Assert.False(own.Succeeded);
        Assert.Single(await LedgerAsync());
    }

    [Fact]
    public async Task A_child_need_line_shows_commune_and_category_only_in_the_ledger_never_the_school()
    {
        var receipt = await ReceiptAsync(1_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.ChildJacket, 180_000));
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id))).Booked);

        var entry = (await LedgerAsync()).Last();
        // The needs list folds a cell of fewer than five children into its commune: the ledger must not name the school.
        Assert.Equal($"{W.IaDal.Code}-2026-WarmClothes", entry.NeedReference);
        Assert.Equal("Phân bổ cho Đồ ấm, Xã Ia Đal", entry.Description);
        Assert.DoesNotContain("Trường", LedgerCanonicalForm.Build(entry));
        Assert.DoesNotContain("Rơ Châm", LedgerCanonicalForm.Build(entry));
    }

    [Fact]
    public async Task An_allocated_receipt_cannot_be_reversed_and_a_decided_allocation_never_changes()
    {
        var receipt = await ReceiptAsync(1_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Meals, 400_000));
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id))).Booked);

        await using var scope = Sp.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Shared.Audit.AuditActor>().Name = "cli";
        var reversal = await scope.ServiceProvider.GetRequiredService<Shared.Contributions.ContributionService>().ReverseAsync(receipt.Id, "Nhập sai");
        Assert.False(reversal.Succeeded);
        Assert.Contains("đã được phân bổ", reversal.Errors["Reason"]);

        await using var db = Db.NewContext();
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE allocations SET amount_vnd = 1 WHERE id = {0}", proposed.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM allocations WHERE id = {0}", proposed.Id)));
        Assert.Equal(400_000, (await db.Allocations.AsNoTracking().SingleAsync()).AmountVnd);
    }

    /// <summary>An INSERT that copies allocation <paramref name="id"/> with another amount and line, as a script or another program would.</summary>
    private static string Copy(int id, string amount, int needLine) => $"""
        INSERT INTO allocations (admin_unit_id, contribution_id, goods_line_id, need_line_id, need_line_key, amount_vnd, quantity, note, state, proposed_by_id, proposed_at)
        SELECT l.admin_unit_id, a.contribution_id, NULL, l.id, l.key, {amount}, NULL, NULL, 'Proposed', 'sql', a.proposed_at
        FROM allocations a, need_lines l WHERE a.id = {id} AND l.id = {needLine}
        """;
}

public class AllocationTestsOnSqlite() : AllocationTests(DatabaseProvider.Sqlite);

public class AllocationTestsOnPostgres() : AllocationTests(DatabaseProvider.Postgres);
