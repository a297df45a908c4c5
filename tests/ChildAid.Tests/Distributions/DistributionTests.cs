using ChildAid.Shared.Balances;
using ChildAid.Shared.Data;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Stock;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using ChildAid.Tests.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Distributions;

/// <summary>
/// Goods distributions from a stocked lot for an approved goods allocation: draft → confirmed → departed (a negative stock
/// movement) → arrived → delivered, confirmed by the receiver and never the dispatcher (a distribution entry); a partial
/// delivery puts the rest back in stock. Refused by the service and by the database.
/// </summary>
public abstract class DistributionTests(DatabaseProvider provider) : StockTest(provider)
{
    private Task<T> DistributeAsAsync<T>(Person person, Func<DistributionService, Task<T>> act) => ActAsAsync<DistributionService, T>(person, (s, _) => act(s));

    private static Distribution Done(DistributionStep step)
    {
        Assert.True(step.Succeeded, step.Refusal ?? string.Join(" | ", step.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return step.Distribution!;
    }

    /// <summary>50 jackets received in kind at 150.000 ₫, 30 allocated to the school's jackets line and approved, all 50 stocked.</summary>
    private async Task<(Shared.Allocations.Allocation Allocation, StockLot Lot)> StockedAllocationAsync()
    {
        var receipt = await GoodsReceiptAsync(Jackets, 50, 150_000);
        var proposed = Ok(await ProposeGoodsAsync(receipt, W.Jackets, 30));
        var approved = await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id));
        Assert.True(approved.Booked, approved.Problem ?? approved.Refusal);
        var lot = Assert.Single(Ok(await StockAsAsync(W.Proposer, s => s.AnnounceAsync(receipt.Id))));
        Done(await StockAsAsync(W.Proposer, s => s.ReceiveAsync(lot.Id, Received(50))));
        Done(await StockAsAsync(W.Approver, s => s.InspectAsync(lot.Id, Clothes(50))));
        lot = Done(await StockAsAsync(W.Approver, s => s.StockAsync(lot.Id, "LO-1")));
        return (approved.Approved!, lot);
    }

    private DistributionInput Input(int allocationId, int quantity) => new()
    {
        AllocationId = allocationId, Quantity = quantity, PlannedOn = Yesterday, Place = "Trường TH-THCS Ia Đal", Carrier = "Nguyễn Văn Chở",
        Recipient = DistributionRecipient.School, SchoolId = W.SchoolIaDal,
    };

    private static DeliveryInput Delivery(int quantity) => new()
    {
        DeliveredQuantity = quantity, DeliveredOn = Yesterday, ReceiverName = "Rơ Mah Thầy", ReceiverRole = "Hiệu trưởng",
    };

    [Fact]
    public async Task A_distribution_departs_from_stock_is_confirmed_by_the_receiver_and_puts_a_partial_delivery_s_rest_back()
    {
        var (allocation, lot) = await StockedAllocationAsync();
        Assert.Contains("chỉ còn 30", (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 31)))).Errors["Quantity"]);
        var draft = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 30))));
        Assert.Equal("Cần xác nhận đợt cấp phát trước khi xuất kho.", (await DistributeAsAsync(W.Proposer, s => s.DepartAsync(draft.Id))).Errors["Quantity"]);
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(draft.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(draft.Id)));
        Assert.Equal(Distribution.WrongState, (await DistributeAsAsync(W.Proposer, s => s.DepartAsync(draft.Id))).Errors["Quantity"]);
        Done(await DistributeAsAsync(W.Proposer, s => s.ArriveAsync(draft.Id)));

        var proof = Png(77);
        var own = await DistributeAsAsync(W.Proposer, s => s.ConfirmDeliveryAsync(draft.Id, Delivery(25), "bien-ban.png", proof));
        Assert.Equal(Distribution.Dispatcher, own.Refusal);
        Assert.Contains("biên bản", (await DistributeAsAsync(W.Approver, s => s.ConfirmDeliveryAsync(draft.Id, Delivery(25), "x.txt", "abc"u8.ToArray()))).Errors["Proof"]);
        var delivered = Done(await DistributeAsAsync(W.Approver, s => s.ConfirmDeliveryAsync(draft.Id, Delivery(25), "bien-ban.png", proof)));
        Assert.Equal(DistributionState.Delivered, delivered.State);
        Assert.Equal(Distribution.WrongState, (await DistributeAsAsync(W.Approver, s => s.ConfirmDeliveryAsync(draft.Id, Delivery(25), "b.png", proof))).Errors["DeliveredQuantity"]);

        var ledger = await LedgerAsync();
        var allocationEntry = ledger.Single(e => e.Kind == LedgerEntryKind.Allocation);
        var movements = ledger.Where(e => e.Kind == LedgerEntryKind.StockMovement).ToList();
        Assert.Equal([50m, -30m, 5m], movements.Select(e => e.Quantity));
        Assert.Equal(movements[0].Sequence, movements[1].SourceSequence);
        Assert.Equal(movements[1].Sequence, movements[2].SourceSequence);
        var distribution = Assert.Single(ledger, e => e.Kind == LedgerEntryKind.Distribution);
        Assert.Equal(25 * 150_000, distribution.AmountVnd);
        Assert.Equal(25m, distribution.Quantity);
        Assert.Equal(allocationEntry.Sequence, distribution.SourceSequence);
        Assert.Equal(allocationEntry.NeedReference, distribution.NeedReference);
        Assert.Equal(W.IaDal.Code, distribution.UnitCode);
        Assert.Equal("Cấp phát: Áo ấm trẻ em (6–8 tuổi), 25 chiếc, Xã Ia Đal", distribution.Description);
        Assert.DoesNotContain("Rơ Mah", LedgerCanonicalForm.Build(distribution));
        var verification = await LedgerVerifier.VerifyAsync(ledger.ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);

        await using var db = Db.NewContext();
        Assert.Equal(25, (await db.StockLots.AsNoTracking().SingleAsync()).OnHand);
        var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking());
        Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
        Assert.Equal(25 * 150_000, balances.Overall.DeliveredInKindVnd);
        Assert.Equal(25m, balances.StockOnHand[("Áo ấm trẻ em (6–8 tuổi)", "chiếc")]);
        // The need moved: 25 of its jackets delivered, on the line and in the public needs list (need fulfilment).
        var line = await db.NeedLines.IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == W.Jackets.Id);
        Assert.Equal((30, 30, 25), (line.CommittedQuantity, line.ReceivedQuantity, line.DeliveredQuantity));
        Assert.Contains(await db.Set<Shared.PublicNeeds.PublicNeed>().AsNoTracking().ToListAsync(), n => n.DeliveredQuantity == 25);
        // The rest of the allocation (5) can be planned again, from what went back to stock.
        Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 5))));
        Assert.Contains("chỉ còn 0", (await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 1)))).Errors["Quantity"]);
    }

    [Fact]
    public async Task The_trace_shows_what_was_handed_over_and_never_who_received_it_or_the_hand_over_list()
    {
        var (allocation, _) = await StockedAllocationAsync();
        var draft = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 30))));
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(draft.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(draft.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.ArriveAsync(draft.Id)));
        var proof = Png(91);
        Done(await DistributeAsAsync(W.Approver, s => s.ConfirmDeliveryAsync(draft.Id, Delivery(25), "bien-ban.png", proof)));
        Shared.Contributions.Contribution receipt;
        await using (var db = Db.NewContext()) receipt = await db.Contributions.SingleAsync(c => c.Id == allocation.ContributionId);

        await using var site = new PublicSite.PublicSiteFactory(Db);
        var client = site.CreateClient();
        var json = await client.GetStringAsync($"/api/v1/trace/{receipt.ReceiptNumber}");
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(25 * 150_000, doc.RootElement.GetProperty("deliveredVnd").GetInt64());
        var traced = Assert.Single(doc.RootElement.GetProperty("allocations").EnumerateArray());
        var delivery = Assert.Single(traced.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(25m, delivery.GetProperty("quantity").GetDecimal());
        Assert.Equal(Yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), delivery.GetProperty("date").GetString());

        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(Shared.Ledger.VerifiedGift.PathPrefix + receipt.VerifyToken));
        Assert.Contains($"Đã giao ngày {Yesterday:dd/MM/yyyy}: Cấp phát: {Jackets} (6–8 tuổi), 25 chiếc", page);
        var statement = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/sao-ke?kind=Distribution"));
        Assert.Contains("25 chiếc", statement);

        var proofBase64 = Convert.ToBase64String(proof);
        foreach (var text in new[] { json, page, statement, await client.GetStringAsync("/api/v1/statement.csv"), await client.GetStringAsync($"/sao-ke/{receipt.ReceiptNumber}") })
        {
            var decoded = System.Net.WebUtility.HtmlDecode(text);
            Assert.DoesNotContain("Rơ Mah Thầy", decoded);
            Assert.DoesNotContain("Nguyễn Văn Chở", decoded);
            Assert.DoesNotContain(proofBase64, text);
            Assert.DoesNotContain("anh kiem tra 91", decoded);
        }
    }

    [Fact]
    public async Task The_need_shows_goods_on_the_road_from_departure_until_the_delivery_is_confirmed()
    {
        var (allocation, _) = await StockedAllocationAsync();
        var draft = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 30))));
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(draft.Id)));
        Assert.Equal((0, 0), await FiguresAsync());
        Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(draft.Id)));
        Assert.Equal((30, 0), await FiguresAsync());
        Done(await DistributeAsAsync(W.Proposer, s => s.ArriveAsync(draft.Id)));
        Assert.Equal((30, 0), await FiguresAsync());
        Done(await DistributeAsAsync(W.Approver, s => s.ConfirmDeliveryAsync(draft.Id, Delivery(25), "bien-ban.png", Png(3))));
        Assert.Equal((0, 25), await FiguresAsync());

        async Task<(long InTransit, long Delivered)> FiguresAsync()
        {
            await using var db = Db.NewContext();
            var line = await db.NeedLines.AsNoTracking().SingleAsync(l => l.Id == W.Jackets.Id);
            var row = await db.PublicNeeds.AsNoTracking().SingleAsync(n => n.SchoolId == W.SchoolIaDal && n.ItemCode != null && n.SizeBand == line.SizeBand
                && n.Unit == line.Unit && n.Category == line.Category && n.PriorityLevel == line.Level);
            Assert.Equal(line.InTransitQuantity, row.InTransitQuantity);
            Assert.Equal(line.InTransitQuantity * line.EstimatedUnitCostVnd, row.InTransitVnd);
            return (line.InTransitQuantity, line.DeliveredQuantity);
        }
    }

    [Fact]
    public async Task Support_declared_after_the_allocation_stops_the_distribution()
    {
        var (allocation, _) = await StockedAllocationAsync();
        await using (var db = Db.NewContext())
        {
            var agency = new Shared.Organisations.Organisation { Name = "Hội Phụ nữ xã Ia Đal", Type = Shared.Organisations.OrganisationType.RedCross, AdminUnitId = W.IaDal.Id };
            db.Organisations.Add(agency);
            await db.SaveChangesAsync();
            db.DeclaredSupports.Add(new Shared.Needs.DeclaredSupport
            {
                AgencyId = agency.Id, AdminUnitId = W.IaDal.Id, Target = Shared.Needs.NeedTarget.School, SchoolId = W.SchoolIaDal,
                Category = Shared.Needs.NeedCategory.WarmClothes, PeriodStart = W.Jackets.PeriodStart, PeriodEnd = W.Jackets.PeriodEnd,
                Description = "Áo ấm cho học sinh", RecordedById = "x", RecordedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var refused = await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 10)));

        Assert.Contains("Hội Phụ nữ xã Ia Đal đã đăng ký hỗ trợ", refused.Errors["AllocationId"]);
    }

    [Fact]
    public async Task The_database_refuses_a_departure_beyond_stock_a_delivery_without_its_entry_and_a_stale_on_hand()
    {
        var (allocation, lot) = await StockedAllocationAsync();
        var draft = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 20))));
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(draft.Id)));
        await using var db = Db.NewContext();
        // Departed without its stock movement, or skipping a step.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE distributions SET state = 'Departed', departed_by_id = 'x', departed_at = created_at, departure_sequence = (SELECT max(sequence) FROM ledger_entries) WHERE id = {0}", draft.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE distributions SET state = 'Delivered' WHERE id = {0}", draft.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(draft.Id)));
        // The lot's on hand must count what left.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE stock_lots SET on_hand = 50 WHERE id = {0}", lot.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.ArriveAsync(draft.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE distributions SET state = 'Delivered', delivered_quantity = 20, receiver_name = 'x', receiver_role = 'y', proof_sha256 = 'z', " +
            "delivery_confirmed_by_id = 'other', delivery_confirmed_at = created_at, distribution_sequence = (SELECT max(sequence) FROM ledger_entries) WHERE id = {0}", draft.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM distributions")));
        Assert.Equal(30, (await db.StockLots.AsNoTracking().SingleAsync()).OnHand);

        // A commune officer of another commune does not see it.
        Assert.Equal(DistributionService.NotFound, (await DistributeAsAsync(W.OtherCommune, s => s.ArriveAsync(draft.Id))).Errors["State"]);
    }

    [Fact]
    public async Task A_distribution_called_off_before_departure_frees_its_allocation_and_one_on_the_road_puts_its_goods_back()
    {
        var (allocation, lot) = await StockedAllocationAsync();
        var planned = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 30))));
        Assert.Equal("Nhập lý do huỷ (tối đa 500 ký tự).", (await DistributeAsAsync(W.Proposer, s => s.CancelAsync(planned.Id, " "))).Errors["CancelReason"]);
        var called = Done(await DistributeAsAsync(W.Proposer, s => s.CancelAsync(planned.Id, "Đường lên bản bị sạt lở")));
        Assert.Equal((DistributionState.Cancelled, "Đường lên bản bị sạt lở", (long?)null), (called.State, called.CancelReason, called.ReturnSequence));
        Assert.Equal(Distribution.WrongState, (await DistributeAsAsync(W.Proposer, s => s.CancelAsync(planned.Id, "lần nữa"))).Errors["CancelReason"]);
        Assert.DoesNotContain(await LedgerAsync(), e => e.Kind == LedgerEntryKind.StockMovement && e.Quantity != 50m);

        // The allocation's 30 are free again; this time the goods leave the warehouse and are called back on the road.
        var second = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 30))));
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(second.Id)));
        var departed = Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(second.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.ArriveAsync(second.Id)));
        Assert.Equal(30, await InTransitAsync());
        var back = Done(await DistributeAsAsync(W.Approver, s => s.CancelAsync(second.Id, "Trường đã nhận áo của đơn vị khác")));

        var ledger = await LedgerAsync();
        var movements = ledger.Where(e => e.Kind == LedgerEntryKind.StockMovement).ToList();
        Assert.Equal([50m, -30m, 30m], movements.Select(e => e.Quantity));
        Assert.Equal(departed.DepartureSequence, movements[2].SourceSequence);
        Assert.Equal(movements[2].Sequence, back.ReturnSequence);
        Assert.Equal($"Nhập lại kho, huỷ cấp phát số {second.Id}: Áo ấm trẻ em (6–8 tuổi), 30 chiếc, Xã Ia Đal", movements[2].Description);
        Assert.DoesNotContain("sạt lở", string.Join(" ", ledger.Select(e => e.Description)));
        Assert.True((await LedgerVerifier.VerifyAsync(ledger.ToAsyncEnumerable())).IsIntact);
        Assert.Equal(0, await InTransitAsync());
        await using (var db = Db.NewContext())
        {
            Assert.Equal(50, (await db.StockLots.AsNoTracking().SingleAsync(l => l.Id == lot.Id)).OnHand);
            var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking());
            Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
            Assert.Equal(50m, balances.StockOnHand[("Áo ấm trẻ em (6–8 tuổi)", "chiếc")]);
            // Who called it off and why is in the audit trail.
            var key = second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(await db.AuditEntries.IgnoreQueryFilters().AsNoTracking().Where(a => a.EntityType == nameof(Distribution) && a.EntityKey == key).ToListAsync(),
                a => a.UserId == W.Approver.Id && a.After!.Contains("Trường đã nhận áo của đơn vị khác"));
        }

        // Delivered goods are never called off.
        var third = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 30))));
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(third.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(third.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.ArriveAsync(third.Id)));
        Done(await DistributeAsAsync(W.Approver, s => s.ConfirmDeliveryAsync(third.Id, Delivery(30), "bien-ban.png", Png(5))));
        Assert.Equal(Distribution.AlreadyDelivered, (await DistributeAsAsync(W.Proposer, s => s.CancelAsync(third.Id, "nhầm"))).Errors["CancelReason"]);
        // Another commune's officer does not find it at all.
        Assert.Equal(DistributionService.NotFound, (await DistributeAsAsync(W.OtherCommune, s => s.CancelAsync(second.Id, "x"))).Errors["CancelReason"]);

        async Task<int> InTransitAsync()
        {
            await using var db = Db.NewContext();
            return (await db.NeedLines.IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == W.Jackets.Id)).InTransitQuantity;
        }
    }

    [Fact]
    public async Task The_database_refuses_a_cancelled_departure_without_its_return_and_a_delivery_cancelled()
    {
        var (allocation, _) = await StockedAllocationAsync();
        var draft = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 20))));
        await using var db = Db.NewContext();
        const string Cancel = "UPDATE distributions SET state = 'Cancelled', cancelled_by_id = 'x', cancelled_at = created_at, cancel_reason = 'r'";
        // Cancelled without who and why, or gaining a departure on the way.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE distributions SET state = 'Cancelled' WHERE id = {0}", draft.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            Cancel + ", departure_sequence = (SELECT max(sequence) FROM ledger_entries), return_sequence = (SELECT max(sequence) FROM ledger_entries) WHERE id = {0}", draft.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(draft.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(draft.Id)));
        // On the road: cancelled without a return, or naming the departure itself as the return.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(Cancel + " WHERE id = {0}", draft.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(Cancel + ", return_sequence = departure_sequence WHERE id = {0}", draft.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.CancelAsync(draft.Id, "Xe hỏng giữa đường")));
        // Cancelled is the end: it never becomes a draft or a delivery again.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE distributions SET state = 'Draft', cancelled_by_id = NULL, cancelled_at = NULL, cancel_reason = NULL WHERE id = {0}", draft.Id)));
        Assert.Equal(50, (await db.StockLots.AsNoTracking().SingleAsync()).OnHand);

        var delivered = Done(await DistributeAsAsync(W.Proposer, s => s.CreateAsync(Input(allocation.Id, 10))));
        Done(await DistributeAsAsync(W.Proposer, s => s.ConfirmAsync(delivered.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.DepartAsync(delivered.Id)));
        Done(await DistributeAsAsync(W.Proposer, s => s.ArriveAsync(delivered.Id)));
        Done(await DistributeAsAsync(W.Approver, s => s.ConfirmDeliveryAsync(delivered.Id, Delivery(10), "bien-ban.png", Png(6))));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            Cancel + ", delivered_quantity = NULL, distribution_sequence = NULL WHERE id = {0}", delivered.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(Cancel + " WHERE id = {0}", delivered.Id)));
    }
}

public class DistributionTestsOnSqlite() : DistributionTests(DatabaseProvider.Sqlite);

public class DistributionTestsOnPostgres() : DistributionTests(DatabaseProvider.Postgres);
