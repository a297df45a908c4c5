using ChildAid.Shared.Allocations;
using ChildAid.Shared.Balances;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Expenses;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Media;
using ChildAid.Tests.Needs;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Distributions;

/// <summary>
/// Goods bought with donated money: a money allocation to the school's jackets need pays a supplier through an expense whose
/// line says how many jackets it bought; a distribution without a stock lot hands them over (no stock movement), the receiver
/// confirms it (a distribution entry of 0 ₫ with the quantity), and the need shows them delivered. Never more than was bought,
/// by the service and by the database; an expense whose goods were handed over is not reversed.
/// </summary>
public abstract class PurchasedGoodsTests(DatabaseProvider provider) : ExpenseTest(provider)
{
    private static DateOnly Yesterday => Shared.Time.VietnamClock.VietnamToday(TimeProvider.System).AddDays(-1);

    private Task<T> DistributeAsAsync<T>(Person person, Func<DistributionService, Task<T>> act) => ActAsAsync<DistributionService, T>(person, (s, _) => act(s));

    private static Distribution Done(DistributionStep step)
    {
        Assert.True(step.Succeeded, step.Refusal ?? string.Join(" | ", step.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return step.Distribution!;
    }

    private DistributionInput Plan(int allocationId, int quantity) => new()
    {
        AllocationId = allocationId, Quantity = quantity, PlannedOn = Yesterday, Place = "Trường TH-THCS Ia Đal", Carrier = "Xe của nhà cung cấp",
        Recipient = DistributionRecipient.School, SchoolId = W.SchoolIaDal,
    };

    private static DeliveryInput Delivery(int quantity) => new()
    {
        DeliveredQuantity = quantity, DeliveredOn = Yesterday, ReceiverName = "Rơ Mah Thầy", ReceiverRole = "Hiệu trưởng",
    };

    /// <summary>3.600.000 ₫ allocated to the jackets line (20 at 180.000 ₫), and an approved expense of it that bought <paramref name="bought"/> jackets.</summary>
    private async Task<(Allocation Allocation, Expense Expense)> BoughtAsync(int bought, long amountVnd = 3_600_000)
    {
        var allocation = await AllocatedAsync(amountVnd, W.Jackets);
        var input = Input((allocation.Id, amountVnd));
        input.Lines[0].Quantity = bought;
        var expense = Ok(await ProposeAsync(input));
        var approved = await ApproveAsync(expense.Id);
        Assert.True(approved.Booked, approved.Problem ?? approved.Refusal);
        return (allocation, approved.Approved!);
    }

    [Fact]
    public async Task Jackets_bought_with_money_are_handed_over_without_stock_and_the_need_shows_them_delivered()
    {
        var allocation = await AllocatedAsync(3_600_000, W.Jackets);
        // Nothing bought yet: nothing to hand over.
        Assert.Equal(PurchasedGoods.NothingBought, (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Plan(allocation.Id, 1)))).Errors["AllocationId"]);
        var input = Input((allocation.Id, 3_600_000));
        input.Lines[0].Quantity = 20;
        var expense = Ok(await ProposeAsync(input));
        Assert.True((await ApproveAsync(expense.Id)).Booked);

        // The expense entry says what the money became.
        var spent = Assert.Single(await LedgerAsync(), e => e.Kind == LedgerEntryKind.Expense);
        Assert.Equal(("Áo ấm mùa đông (6–8 tuổi)", 20m, PurchasedGoods.Unit), (spent.Item, spent.Quantity, spent.UnitOfMeasure));

        Assert.Contains("chỉ còn 20", (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Plan(allocation.Id, 21)))).Errors["Quantity"]);
        var draft = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Plan(allocation.Id, 20))));
        Assert.True(draft.IsPurchased);
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(draft.Id)));
        var departed = Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(draft.Id)));
        Assert.Null(departed.DepartureSequence);
        Done(await DistributeAsAsync(W.Proposer, s => s.ArriveAsync(draft.Id)));
        Assert.Equal(Distribution.Dispatcher, (await DistributeAsAsync(W.Proposer, s => s.ConfirmDeliveryAsync(draft.Id, Delivery(18), "b.png", TestImages.Png(8, 8)))).Refusal);
        var delivered = Done(await DistributeAsAsync(W.Approver, s => s.ConfirmDeliveryAsync(draft.Id, Delivery(18), "bien-ban.png", TestImages.Png(8, 8))));
        Assert.Null(delivered.ReturnSequence);

        var ledger = await LedgerAsync();
        Assert.DoesNotContain(ledger, e => e.Kind == LedgerEntryKind.StockMovement);
        var handed = Assert.Single(ledger, e => e.Kind == LedgerEntryKind.Distribution);
        var allocated = ledger.Single(e => e.Kind == LedgerEntryKind.Allocation);
        // 0 ₫: the money was counted once, as spent by the expense.
        Assert.Equal((0L, 18m, allocated.Sequence), (handed.AmountVnd, handed.Quantity, handed.SourceSequence));
        Assert.Equal("Cấp phát hàng mua: Áo ấm mùa đông (6–8 tuổi), 18 cái/chiếc, Xã Ia Đal", handed.Description);
        Assert.Equal(allocated.ReceiptNumber, handed.ReceiptNumber);
        Assert.DoesNotContain("Rơ Mah", LedgerCanonicalForm.Build(handed));
        var verification = await LedgerVerifier.VerifyAsync(ledger.ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);

        await using var db = Db.NewContext();
        var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking());
        Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
        Assert.Equal(3_600_000, balances.Overall.SpentVnd);
        Assert.Empty(balances.StockOnHand);
        // The need: 20 committed (3.600.000 ₫ at 180.000 ₫), 20 received (bought), 18 delivered.
        var line = await db.NeedLines.IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == W.Jackets.Id);
        Assert.Equal((20, 20, 18, 0), (line.CommittedQuantity, line.ReceivedQuantity, line.DeliveredQuantity, line.InTransitQuantity));

        // The gift's public trace shows the jackets handed over under the money that bought them.
        await using var site = new PublicSite.PublicSiteFactory(Db);
        using var trace = System.Text.Json.JsonDocument.Parse(await site.CreateClient().GetStringAsync($"/api/v1/trace/{allocated.ReceiptNumber}"));
        var traced = Assert.Single(trace.RootElement.GetProperty("allocations").EnumerateArray());
        Assert.Equal(3_600_000, Assert.Single(traced.GetProperty("expenses").EnumerateArray()).GetProperty("amountVnd").GetInt64());
        var delivery = Assert.Single(traced.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(18m, delivery.GetProperty("quantity").GetDecimal());

        // The 2 not delivered can be planned again; never more.
        Assert.Contains("chỉ còn 2", (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Plan(allocation.Id, 3)))).Errors["Quantity"]);
        Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Plan(allocation.Id, 2))));
    }

    [Fact]
    public async Task A_cancelled_handover_of_purchased_goods_frees_them_for_another_which_the_database_lets_depart()
    {
        var (allocation, _) = await BoughtAsync(10);
        var first = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Plan(allocation.Id, 10))));
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(first.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(first.Id)));
        Assert.Contains("chỉ còn 0", (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Plan(allocation.Id, 1)))).Errors["Quantity"]);
        var called = Done(await DistributeAsAsync(W.Proposer, s => s.CancelAsync(first.Id, "Nhà cung cấp giao nhầm địa điểm")));
        // Purchased goods never were in our stock: nothing comes back to a lot, no ledger entry.
        Assert.Null(called.ReturnSequence);
        Assert.DoesNotContain(await LedgerAsync(), e => e.Kind == LedgerEntryKind.StockMovement);
        var again = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Plan(allocation.Id, 10))));
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(again.Id)));
        // The database's departure rule no longer counts the cancelled one against what was bought.
        Assert.Equal(DistributionState.Departed, Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(again.Id))).State);
    }

    [Fact]
    public async Task A_quantity_is_bought_only_for_a_need_counted_in_items_and_is_at_least_one()
    {
        var meals = await AllocatedAsync(400_000);
        var input = Input((meals.Id, 400_000));
        input.Lines[0].Quantity = 20;
        Assert.Contains("hàng hoá", (await ProposeAsync(input)).Errors[ExpenseService.QuantityKey(0)]);
        var jackets = await AllocatedAsync(360_000, W.Jackets);
        input = Input((jackets.Id, 360_000));
        input.Lines[0].Quantity = 0;
        Assert.Contains("từ 1", (await ProposeAsync(input)).Errors[ExpenseService.QuantityKey(0)]);
        // A meals allocation is a service: it has no goods to plan.
        Assert.Equal(DistributionService.NoAllocation, (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Plan(meals.Id, 1)))).Errors["AllocationId"]);

        // The database refuses it too, and a quantity that changes.
        var expense = Ok(await ProposeAsync(Input((jackets.Id, 360_000))));
        await using var db = Db.NewContext();
        var lineId = await db.ExpenseLines.IgnoreQueryFilters().Where(l => l.ExpenseId == expense.Id).Select(l => l.Id).SingleAsync();
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE expense_lines SET quantity = 2 WHERE id = {0}", lineId)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO expense_lines (expense_id, allocation_id, amount_vnd, quantity) VALUES ({0}, {1}, 1000, 5)", expense.Id, meals.Id)));
    }

    [Fact]
    public async Task An_expense_whose_goods_are_handed_over_is_not_reversed_and_the_database_refuses_handing_over_more_than_was_bought()
    {
        var (allocation, expense) = await BoughtAsync(10);
        var first = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Plan(allocation.Id, 6))));
        var refused = await SpendAsAsync(W.Approver, s => s.ReverseAsync(expense.Id, "Nhà cung cấp giao thiếu"));
        Assert.Contains("đang được cấp phát hoặc đã trao (6 cái/chiếc, phân bổ số", refused.Errors["Reason"]);
        Assert.Contains("chỉ còn 4", (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Plan(allocation.Id, 5)))).Errors["Quantity"]);
        var second = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Plan(allocation.Id, 4))));

        await using var db = Db.NewContext();
        // A draft's quantity raised past the service (5: 6 + 5 > 10 bought) ...
        await db.Database.ExecuteSqlRawAsync("UPDATE distributions SET quantity = 5 WHERE id = {0}", second.Id);
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(second.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(first.Id)));
        // ... is stopped at departure by the service and, written directly, by the database.
        Assert.Contains("chỉ còn 4", (await DistributeAsAsync(W.Proposer, s => s.DepartAsync(second.Id))).Errors["Quantity"]);
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE distributions SET state = 'Departed', departed_by_id = 'x', departed_at = created_at WHERE id = {0}", second.Id)));
        // Purchased goods never leave our stock: a departure naming a stock movement is refused.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE distributions SET state = 'Departed', departed_by_id = 'x', departed_at = created_at, departure_sequence = (SELECT max(sequence) FROM ledger_entries) WHERE id = {0}", first.Id)));
        // A new row is a draft from an approved allocation that bought goods, never a money allocation to meals.
        var meals = await AllocatedAsync(400_000);
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO distributions (admin_unit_id, allocation_id, quantity, planned_on, place, carrier, recipient, state, created_by_id, created_at) " +
            "SELECT admin_unit_id, {1}, 1, planned_on, place, carrier, 'Commune', 'Draft', created_by_id, created_at FROM distributions WHERE id = {0}", first.Id, meals.Id)));
        // What was planned holds its share: the first plan cannot depart either while the raised one asks for 5 of the 10.
        Assert.Contains("chỉ còn 5", (await DistributeAsAsync(W.Proposer, s => s.DepartAsync(first.Id))).Errors["Quantity"]);
    }

    [Fact]
    public async Task A_school_in_a_village_of_the_commune_receives_and_a_school_of_another_commune_does_not()
    {
        var (allocation, _) = await BoughtAsync(20);
        int village, otherCommune;
        await using (var db = Db.NewContext())
        {
            var thon = new Shared.AdminUnits.AdminUnit
            {
                Level = Shared.AdminUnits.AdminUnitLevel.Village, Code = W.IaDal.Code + "-09", Name = "Thôn 9", ParentId = W.IaDal.Id, ValidFrom = W.IaDal.ValidFrom,
            };
            db.AdminUnits.Add(thon);
            await db.SaveChangesAsync();
            Shared.Organisations.Organisation School(string name, int unit) => new()
            {
                Name = name, Type = Shared.Organisations.OrganisationType.School, SchoolLevel = Shared.Organisations.SchoolLevel.Primary, AdminUnitId = unit,
            };
            var inVillage = School("Điểm trường Thôn 9", thon.Id);
            var inIaToi = School("Trường TH Ia Tơi", W.IaToi.Id);
            db.Organisations.AddRange(inVillage, inIaToi);
            await db.SaveChangesAsync();
            (village, otherCommune) = (inVillage.Id, inIaToi.Id);
        }
        var elsewhere = Plan(allocation.Id, 5);
        elsewhere.SchoolId = otherCommune;
        Assert.Equal("Chọn trường nhận hàng trong xã của nhu cầu.", (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(elsewhere))).Errors["SchoolId"]);
        var toVillage = Plan(allocation.Id, 5);
        toVillage.SchoolId = village;
        Assert.Equal(village, Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(toVillage))).SchoolId);
        // The plan page offers it too.
        var plan = await ActAsAsync<DistributionQueries, DistributionPlan?>(W.Proposer, (q, _) => q.PlanAsync(allocation.Id, null));
        Assert.Contains(plan!.Schools, s => s.Id == village);
    }
}

public class PurchasedGoodsTestsOnSqlite() : PurchasedGoodsTests(DatabaseProvider.Sqlite);

public class PurchasedGoodsTestsOnPostgres() : PurchasedGoodsTests(DatabaseProvider.Postgres);
