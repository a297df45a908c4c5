using System.Globalization;
using System.Net;
using ChildAid.Shared.Balances;
using ChildAid.Shared.Data;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Security;
using ChildAid.Shared.Time;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Expenses;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Distributions;

/// <summary>
/// Meals served are distributions too: 800.000 ₫ allocated to Ia Đal's school lunches (40 meals at 20.000 ₫) and paid to the
/// supplier; the school served 30 meals a day on 23–27/11/2026; a programme officer records those days against the
/// allocation, a commune officer (never the recorder) confirms: one ledger entry of kind distribution, amount 0, 40 meals.
/// </summary>
public abstract class ServiceDeliveryTests(DatabaseProvider provider) : ExpenseTest(provider)
{
    private static readonly DateOnly Monday = new(2026, 11, 23), Friday = new(2026, 11, 27);
    private const string EnrolledChild = "Ksor Thị Bữa Trưa";

    private Task<T> ServeAsAsync<T>(Person person, Func<ServiceDeliveryService, Task<T>> act) => ActAsAsync<ServiceDeliveryService, T>(person, (s, _) => act(s));

    private static ServiceDelivery Done(ServiceDeliveryStep step)
    {
        Assert.True(step.Succeeded, step.Refusal ?? string.Join(" | ", step.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return step.Delivery!;
    }

    /// <summary>The school meal programme at Ia Đal's school (one enrolled child), with 30 meals a day on 23–27/11/2026.</summary>
    private async Task<int> MealDaysAsync()
    {
        await using var db = Db.NewContext();
        return await W.SchoolMealsAsync(db, EnrolledChild, Monday, Friday);
    }

    /// <summary>800.000 ₫ to the school's lunches (40 meals at the line's 20.000 ₫), paid to the supplier by an approved expense.</summary>
    private async Task<Shared.Allocations.Allocation> PaidAllocationAsync()
    {
        var allocation = await AllocatedAsync(800_000);
        var expense = Ok(await ProposeAsync(Input((allocation.Id, 800_000))));
        Assert.True((await ApproveAsync(expense.Id)).Booked);
        return allocation;
    }

    private ServiceDeliveryInput Meals(int allocationId, int programme, DateOnly from, DateOnly to) => new()
    {
        AllocationId = allocationId, Kind = ServiceKind.Meals, InterventionId = programme, FromDate = from, ToDate = to,
    };

    [Fact]
    public async Task Meals_served_are_recorded_confirmed_by_someone_else_and_booked_once_as_a_quantity_the_balances_do_not_count_twice()
    {
        var programme = await MealDaysAsync();
        var allocation = await PaidAllocationAsync();

        var recorded = Done(await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(allocation.Id, programme, Monday, Friday))));
        Assert.Equal((150, 40, ServiceDeliveryState.Recorded), (recorded.Served, recorded.Quantity, recorded.State));
        // Four eyes: the recorder may not confirm; another commune's officer does not even see it.
        var own = await ServeAsAsync(W.Proposer, s => s.ConfirmAsync(recorded.Id));
        Assert.Equal(ServiceDelivery.Recorder, own.Refusal);
        Assert.Equal(ServiceDeliveryService.NotFound, (await ServeAsAsync(W.OtherCommune, s => s.ConfirmAsync(recorded.Id))).Errors["State"]);

        Done(await ServeAsAsync(W.Approver, s => s.ConfirmAsync(recorded.Id)));
        // A double click books once.
        Assert.Equal(ServiceDelivery.WrongState, (await ServeAsAsync(W.Approver, s => s.ConfirmAsync(recorded.Id))).Errors["State"]);

        var ledger = await LedgerAsync();
        var allocationEntry = Assert.Single(ledger, e => e.Kind == LedgerEntryKind.Allocation);
        var entry = Assert.Single(ledger, e => e.Kind == LedgerEntryKind.Distribution);
        Assert.Equal((0L, 40m, "suất", "Suất ăn trưa", allocationEntry.Sequence, Friday), (entry.AmountVnd, entry.Quantity, entry.UnitOfMeasure, entry.Item, entry.SourceSequence, entry.ValueDate));
        Assert.Equal("40 suất ăn trưa, Trường TH-THCS Ia Đal, đã phục vụ 23–27/11/2026", entry.Description);
        Assert.Equal((allocationEntry.NeedReference, allocationEntry.UnitCode), (entry.NeedReference, entry.UnitCode));
        Assert.DoesNotContain(EnrolledChild, LedgerCanonicalForm.Build(entry));
        var verification = await LedgerVerifier.VerifyAsync(ledger.ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);

        await using var db = Db.NewContext();
        var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking());
        Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
        // Spent once by the expense; the meals add nothing to money: allocated = spent + delivered in kind + held.
        Assert.Equal((800_000L, 800_000L, 0L, 0L), (balances.Overall.AllocatedVnd, balances.Overall.SpentVnd, balances.Overall.DeliveredInKindVnd, balances.Overall.HeldVnd));
        var (code, output) = await Cli.CliRunner.RunAsync(Db, "verify-balances");
        Assert.True(code == 0, output);
        var stored = await db.ServiceDeliveries.AsNoTracking().SingleAsync();
        Assert.Equal((ServiceDeliveryState.Confirmed, entry.Sequence, W.Approver.Id), (stored.State, stored.LedgerSequence, stored.ConfirmedById));
        // The need counts the meals delivered.
        var line = await db.NeedLines.IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == W.Meals.Id);
        Assert.Equal((40, 40, 40), (line.CommittedQuantity, line.ReceivedQuantity, line.DeliveredQuantity));
        Assert.Contains(await db.Set<Shared.PublicNeeds.PublicNeed>().AsNoTracking().ToListAsync(), n => n.DeliveredQuantity == 40);
    }

    [Fact]
    public async Task Meal_days_entered_or_removed_later_move_the_schools_meal_need_at_once()
    {
        var programme = await MealDaysAsync(); // 150 meals served on 23–27/11
        await PaidAllocationAsync(); // 40 meals committed: the need counts 40 delivered (capped at what was committed)
        async Task<int> Delivered()
        {
            await using var db = Db.NewContext();
            return (await db.NeedLines.IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == W.Meals.Id)).DeliveredQuantity;
        }
        Assert.Equal(40, await Delivered());
        MealDayInput Day(DateOnly day, string meals) => new() { Day = day, Meals = meals, CostPerMealVnd = meals.Length == 0 ? "" : "20.000" };

        // Monday to Thursday corrected away (the wrong school's sheet): 30 served, and the need says so with no other movement.
        var removed = await ActAsAsync<MealService, Shared.Validation.Outcome<MealWeekSaved>>(W.Proposer,
            (meals, _) => meals.SaveDaysAsync(programme, W.SchoolIaDal, [Day(Monday, ""), Day(Monday.AddDays(1), ""), Day(Monday.AddDays(2), ""), Day(Monday.AddDays(3), "")]));
        Assert.True(removed.Succeeded, string.Join(" | ", removed.Errors.Values));
        Assert.Equal(30, await Delivered());
        // Monday entered again with 20: 50 served, 40 committed.
        Assert.True((await ActAsAsync<MealService, Shared.Validation.Outcome<MealWeekSaved>>(W.Proposer,
            (meals, _) => meals.SaveDaysAsync(programme, W.SchoolIaDal, [Day(Monday, "20")]))).Succeeded);
        Assert.Equal(40, await Delivered());
        await using var check = Db.NewContext();
        Assert.Contains(await check.Set<Shared.PublicNeeds.PublicNeed>().AsNoTracking().ToListAsync(), n => n.DeliveredQuantity == 40);
    }

    [Fact]
    public async Task The_same_meal_days_are_never_delivered_twice_by_the_service_or_by_the_database()
    {
        var programme = await MealDaysAsync();
        var allocation = await AllocatedAsync(2_000_000);
        var first = Done(await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(allocation.Id, programme, Monday, Monday.AddDays(2)))));
        Assert.Equal(90, first.Quantity);
        // The same form posted again (a double click), and a range that overlaps it, are refused next to the date.
        Assert.Contains("đã được ghi nhận", (await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(allocation.Id, programme, Monday, Monday.AddDays(2))))).Errors["FromDate"]);
        Assert.Contains("23–25/11/2026", (await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(allocation.Id, programme, Monday.AddDays(2), Friday)))).Errors["FromDate"]);
        // The days after it are free; a day without meals, a day to come and a range outside the need are refused.
        Done(await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(allocation.Id, programme, Monday.AddDays(3), Friday))));
        Assert.Contains("chưa ghi suất ăn", (await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(allocation.Id, programme, Friday.AddDays(3), Friday.AddDays(4))))).Errors["FromDate"]);
        Assert.True((await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(allocation.Id, programme, Friday, TimeProvider.System.VietnamToday().AddDays(1))))).Errors.ContainsKey("ToDate"));
        Assert.Contains("thời gian của nhu cầu", (await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(allocation.Id, programme, new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 2))))).Errors["FromDate"]);
        // A goods-free money allocation of another need (jackets) is not a meal allocation.
        var jackets = await AllocatedAsync(180_000, W.Jackets);
        Assert.Equal(ServiceDeliveryService.NoAllocation, (await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(jackets.Id, programme, Monday, Friday)))).Errors["AllocationId"]);

        await using var db = Db.NewContext();
        // The database: an overlapping range, a confirmation by the recorder or without its entry, a change, a delete.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO service_deliveries (admin_unit_id, allocation_id, kind, site_id, intervention_id, from_date, to_date, served, quantity, item, unit, state, recorded_by_id, recorded_at) " +
            "SELECT admin_unit_id, allocation_id, kind, site_id, intervention_id, to_date, to_date, 30, 30, item, unit, 'Recorded', 'x', recorded_at FROM service_deliveries WHERE id = {0}", first.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE service_deliveries SET state = 'Confirmed', confirmed_by_id = recorded_by_id, confirmed_at = recorded_at, ledger_sequence = (SELECT max(sequence) FROM ledger_entries) WHERE id = {0}", first.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE service_deliveries SET state = 'Confirmed', confirmed_by_id = 'someone', confirmed_at = recorded_at, ledger_sequence = (SELECT max(sequence) FROM ledger_entries) WHERE id = {0}", first.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE service_deliveries SET quantity = 1 WHERE id = {0}", first.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM service_deliveries")));

        // Cancelled (with a reason), its days are free again.
        Assert.True((await ServeAsAsync(W.Approver, s => s.CancelAsync(first.Id, ""))).Errors.ContainsKey("CancelReason"));
        Done(await ServeAsAsync(W.Approver, s => s.CancelAsync(first.Id, "Nhập nhầm tuần")));
        Assert.Equal(90, Done(await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(allocation.Id, programme, Monday, Monday.AddDays(2))))).Quantity);
    }

    [Fact]
    public async Task A_check_up_session_held_is_delivered_once_as_the_children_checked()
    {
        // A school check-up line (150.000 ₫ a check-up) in Ia Đal's approved review, 450.000 ₫ allocated: 3 check-ups.
        Shared.Needs.NeedLine line;
        int session;
        await using (var db = Db.NewContext())
        {
            line = new Shared.Needs.NeedLine
            {
                NeedsReviewId = W.Meals.NeedsReviewId, AdminUnitId = W.IaDal.Id, Target = Shared.Needs.NeedTarget.School, SchoolId = W.SchoolIaDal,
                Category = Shared.Needs.NeedCategory.HealthCheckUp, NeedItemId = 1, Quantity = 30, Unit = Shared.Needs.NeedUnit.Sessions,
                EstimatedUnitCostVnd = 150_000, ChildrenCount = 30, PeriodStart = W.Meals.PeriodStart, PeriodEnd = W.Meals.PeriodEnd,
            };
            db.NeedLines.Add(line);
            var held = new Shared.Checkups.CheckupSession { HeldOn = Monday, SiteId = W.SchoolIaDal, AdminUnitId = W.IaDal.Id, Team = "Trạm y tế xã Ia Đal", CreatedBy = "test", CreatedAt = DateTime.UtcNow };
            db.CheckupSessions.Add(held);
            var children = await PublicNeeds.ApprovedNeeds.ChildrenAsync(db, W.IaDal.Id, W.SchoolIaDal, 5, "Siu Khám");
            foreach (var child in children)
                held.Measurements.Add(new Shared.Checkups.Measurement
                {
                    ChildId = child.Id, AdminUnitId = W.IaDal.Id, WeightKg = 22m, LengthCm = 120m, Position = Shared.Growth.MeasuredPosition.Standing,
                    RecordedBy = "test", RecordedAt = DateTime.UtcNow,
                });
            await db.SaveChangesAsync();
            session = held.Id;
        }
        var allocation = await AllocatedAsync(450_000, line);
        var input = new ServiceDeliveryInput { AllocationId = allocation.Id, Kind = ServiceKind.Checkup, CheckupSessionId = session };
        // A meals form for a check-up allocation is told which kind it is.
        Assert.Contains("khám sức khỏe", (await ServeAsAsync(W.Proposer, s => s.RecordAsync(new ServiceDeliveryInput { AllocationId = allocation.Id, Kind = ServiceKind.Meals }))).Errors["Kind"]);
        var delivery = Done(await ServeAsAsync(W.Proposer, s => s.RecordAsync(input)));
        Assert.Equal((5, 3, Monday, Monday), (delivery.Served, delivery.Quantity, delivery.FromDate, delivery.ToDate));
        Assert.Contains("một buổi khám chỉ được tính một lần", (await ServeAsAsync(W.Proposer, s => s.RecordAsync(input))).Errors["CheckupSessionId"]);
        // Another allocation may be credited with the children this one does not pay for (5 measured, 3 paid): 2, then none.
        var rest = await AllocatedAsync(450_000, line);
        Assert.Equal(2, Done(await ServeAsAsync(W.Proposer, s => s.RecordAsync(new ServiceDeliveryInput { AllocationId = rest.Id, Kind = ServiceKind.Checkup, CheckupSessionId = session }))).Quantity);
        var more = await AllocatedAsync(300_000, line);
        Assert.Contains("đủ số trẻ đã khám", (await ServeAsAsync(W.Proposer, s => s.RecordAsync(new ServiceDeliveryInput { AllocationId = more.Id, Kind = ServiceKind.Checkup, CheckupSessionId = session }))).Errors["CheckupSessionId"]);
        Done(await ServeAsAsync(W.Approver, s => s.ConfirmAsync(delivery.Id)));

        var entry = Assert.Single(await LedgerAsync(), e => e.Kind == LedgerEntryKind.Distribution);
        Assert.Equal((0L, 3m, "lượt"), (entry.AmountVnd, entry.Quantity, entry.UnitOfMeasure));
        Assert.Equal("3 lượt khám sức khỏe, Trường TH-THCS Ia Đal, đã khám ngày 23/11/2026", entry.Description);
        Assert.DoesNotContain("Siu Khám", LedgerCanonicalForm.Build(entry));
        await using var check = Db.NewContext();
        // The database: the session's children credited beyond those measured (3 + 2 of 5 already).
        Assert.NotNull(await Record.ExceptionAsync(() => check.Database.ExecuteSqlRawAsync(
            "INSERT INTO service_deliveries (admin_unit_id, allocation_id, kind, site_id, checkup_session_id, from_date, to_date, served, quantity, item, unit, state, recorded_by_id, recorded_at) " +
            "SELECT admin_unit_id, allocation_id, kind, site_id, checkup_session_id, from_date, to_date, served, 1, item, unit, 'Recorded', 'x', recorded_at FROM service_deliveries WHERE id = {0}", delivery.Id)));
        var balances = await LedgerBalances.ComputeAsync(check.LedgerEntries.AsNoTracking());
        Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
        Assert.Equal(3, (await check.NeedLines.IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == line.Id)).DeliveredQuantity);
    }

    [Fact]
    public async Task Days_served_beyond_one_allocation_are_split_the_rest_credited_to_another_never_more_than_was_served()
    {
        var programme = await MealDaysAsync(); // 30 meals a day
        var tuesday = Monday.AddDays(1);
        var first = await AllocatedAsync(800_000); // pays for 40 meals
        var second = await AllocatedAsync(1_000_000); // pays for 50
        var third = await AllocatedAsync(200_000); // pays for 10

        var a = Done(await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(first.Id, programme, Monday, tuesday))));
        Assert.Equal((60, 40), (a.Served, a.Quantity));
        // The same allocation twice for those days, and a range that only overlaps them, are refused next to the date.
        Assert.Contains("cho phân bổ này", (await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(first.Id, programme, Monday, tuesday)))).Errors["FromDate"]);
        Assert.Contains("ghi nhận đúng các ngày 23–24/11/2026", (await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(second.Id, programme, tuesday, Friday)))).Errors["FromDate"]);
        await using (var db = Db.NewContext())
        {
            // The database: 40 credited of 60 served, so 21 more for the same days is refused whoever writes.
            Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
                "INSERT INTO service_deliveries (admin_unit_id, allocation_id, kind, site_id, intervention_id, from_date, to_date, served, quantity, item, unit, state, recorded_by_id, recorded_at) " +
                "SELECT admin_unit_id, {1}, kind, site_id, intervention_id, from_date, to_date, served, 21, item, unit, 'Recorded', 'x', recorded_at FROM service_deliveries WHERE id = {0}", a.Id, second.Id)));
        }
        // The rest of the same days goes to the second allocation (20, though it pays for 50); then nothing is left for a third.
        var b = Done(await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(second.Id, programme, Monday, tuesday))));
        Assert.Equal((60, 20), (b.Served, b.Quantity));
        Assert.Contains("đủ 60 suất", (await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(third.Id, programme, Monday, tuesday)))).Errors["FromDate"]);

        // Tuesday corrected to 10 meals (40 served): the two records together credit 60, so neither is booked until one is cancelled.
        var saved = await ActAsAsync<MealService, Shared.Validation.Outcome<MealWeekSaved>>(W.Proposer,
            (meals, _) => meals.SaveDaysAsync(programme, W.SchoolIaDal, [new MealDayInput { Day = tuesday, Meals = "10", CostPerMealVnd = "20.000" }]));
        Assert.True(saved.Succeeded, string.Join(" | ", saved.Errors.Values));
        Assert.Contains("đã ghi nhận 60", (await ServeAsAsync(W.Approver, s => s.ConfirmAsync(a.Id))).Errors["State"]);
        Done(await ServeAsAsync(W.Approver, s => s.CancelAsync(b.Id, "Thứ Ba chỉ 10 suất")));
        Done(await ServeAsAsync(W.Approver, s => s.ConfirmAsync(a.Id)));
        // The third allocation now takes nothing either: 40 of 40 are credited.
        Assert.Contains("đủ 40 suất", (await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(third.Id, programme, Monday, tuesday)))).Errors["FromDate"]);

        var entry = Assert.Single(await LedgerAsync(), e => e.Kind == LedgerEntryKind.Distribution);
        Assert.Equal("40 suất ăn trưa, Trường TH-THCS Ia Đal, đã phục vụ 23–24/11/2026", entry.Description);
        var verification = await LedgerVerifier.VerifyAsync((await LedgerAsync()).ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);
    }

    [Fact]
    public async Task A_service_from_a_money_allocation_that_carries_money_breaks_the_service_value_rule()
    {
        var balances = new LedgerBalances();
        balances.Add(new BalanceEntry(1, LedgerEntryKind.Receipt, 1_000_000, null, null, null, null, null, null, null));
        balances.Add(new BalanceEntry(2, LedgerEntryKind.Allocation, 800_000, null, "23535", null, 1, null, null, null));
        balances.Add(new BalanceEntry(3, LedgerEntryKind.Expense, 800_000, null, "23535", null, 2, null, null, null));
        balances.Add(new BalanceEntry(4, LedgerEntryKind.Distribution, 0, null, "23535", null, 2, "Suất ăn trưa", 40, "suất"));
        Assert.True(balances.Holds);
        balances.Add(new BalanceEntry(5, LedgerEntryKind.Distribution, 100, null, "23535", null, 2, "Suất ăn trưa", 5, "suất"));
        Assert.Contains(balances.Violations, v => v.Rule == "service-value" && v.Sequence == 5);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_trace_of_the_gift_shows_the_meals_served_and_no_child()
    {
        var programme = await MealDaysAsync();
        var allocation = await PaidAllocationAsync();
        var recorded = Done(await ServeAsAsync(W.Proposer, s => s.RecordAsync(Meals(allocation.Id, programme, Monday, Friday))));
        Done(await ServeAsAsync(W.Approver, s => s.ConfirmAsync(recorded.Id)));
        Shared.Contributions.Contribution receipt;
        await using (var db = Db.NewContext()) receipt = await db.Contributions.SingleAsync(c => c.Id == allocation.ContributionId);

        await using var site = new PublicSite.PublicSiteFactory(Db);
        var client = site.CreateClient();
        var json = await client.GetStringAsync($"/api/v1/trace/{receipt.ReceiptNumber}");
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var traced = Assert.Single(doc.RootElement.GetProperty("allocations").EnumerateArray());
        var service = Assert.Single(traced.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(40m, service.GetProperty("quantity").GetDecimal());
        Assert.Equal(0, service.GetProperty("amountVnd").GetInt64());
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(VerifiedGift.PathPrefix + receipt.VerifyToken));
        Assert.Contains("→ 40 suất ăn trưa, Trường TH-THCS Ia Đal, đã phục vụ 23–27/11/2026", page);
        // The statement shows the meals with no money (— like a stock movement): the money is the expense's line.
        var statement = WebUtility.HtmlDecode(await client.GetStringAsync("/sao-ke?kind=Distribution"));
        Assert.Contains("40 suất ăn trưa, Trường TH-THCS Ia Đal, đã phục vụ 23–27/11/2026", statement);
        Assert.DoesNotContain("0 ₫", statement.Split("40 suất ăn trưa")[1].Split("</tr>")[0]);
        foreach (var text in new[] { json, page, statement, await client.GetStringAsync("/api/v1/statement.csv"), await client.GetStringAsync("/api/v1/needs") })
        {
            var decoded = WebUtility.HtmlDecode(text);
            Assert.DoesNotContain(EnrolledChild, decoded);
            Assert.DoesNotContain(AllocationWorld.ChildName, decoded);
        }
    }

    [Fact]
    public async Task The_page_records_and_the_other_officer_confirms_the_recorder_gets_403_and_the_list_exports()
    {
        var programme = await MealDaysAsync();
        var allocation = await PaidAllocationAsync();
        await using var app = new BackOfficeFactory(Db);
        await StaffAsync(app, "ghinhan", [Roles.CommuneOfficer], W.IaDal.Id);
        await StaffAsync(app, "xacnhan", [Roles.CommuneOfficer], W.IaDal.Id);
        await StaffAsync(app, "xakhac2", [Roles.CommuneOfficer], W.IaToi.Id);
        var recorder = await LogInAsync(app, "ghinhan");
        const string Page = "/Distributions/Services";
        // Opened from the approved allocation on the allocation list, which it preselects.
        var link = $"{Page}?allocation={allocation.Id.ToString(CultureInfo.InvariantCulture)}";
        Assert.Contains(link, WebUtility.HtmlDecode(await recorder.GetPageAsync("/Allocations?state=Approved")));
        var form = await recorder.GetPageAsync(link);
        var id0 = allocation.Id.ToString(CultureInfo.InvariantCulture);
        Assert.Matches($"<option[^>]*selected[^>]*value=\"{id0}\"|<option[^>]*value=\"{id0}\"[^>]*selected", form);
        var fields = new Dictionary<string, string>
        {
            ["Input.AllocationId"] = allocation.Id.ToString(CultureInfo.InvariantCulture), ["Input.InterventionId"] = programme.ToString(CultureInfo.InvariantCulture),
            ["Input.FromDate"] = "27/11/2026", ["Input.ToDate"] = "23/11/2026",
        };
        var wrong = await recorder.PostWithTokenAsync(Page + "?handler=Record", StaffClient.Token(form), fields);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Ngày cuối không được trước ngày đầu.", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        (fields["Input.FromDate"], fields["Input.ToDate"]) = ("23/11/2026", "27/11/2026");
        var saved = await recorder.PostWithTokenAsync(Page + "?handler=Record", StaffClient.Token(form), fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = (await Db.NewContext().ServiceDeliveries.AsNoTracking().SingleAsync()).Id.ToString(CultureInfo.InvariantCulture);
        // 150 served, 40 credited: the list says what is left and links a form filled in with the same programme and days.
        var list = WebUtility.HtmlDecode(await recorder.GetPageAsync(Page));
        Assert.Contains("còn 110 suất chưa tính cho phân bổ nào", list);
        Assert.Contains($"{Page}?rest={id}#record", list);
        await AllocatedAsync(600_000); // another gift's money for the same lunches, to take the rest
        var rest = await recorder.GetPageAsync($"{Page}?rest={id}");
        var programmeId = programme.ToString(CultureInfo.InvariantCulture);
        Assert.Matches($"<option[^>]*selected[^>]*value=\"{programmeId}\"|<option[^>]*value=\"{programmeId}\"[^>]*selected", rest);
        Assert.Matches("name=\"Input.FromDate\"[^>]*value=\"23/11/2026\"|value=\"23/11/2026\"[^>]*name=\"Input.FromDate\"", rest);
        Assert.Matches("name=\"Input.ToDate\"[^>]*value=\"27/11/2026\"|value=\"27/11/2026\"[^>]*name=\"Input.ToDate\"", rest);

        var own = await recorder.PostWithTokenAsync($"{Page}?handler=Confirm&id={id}", StaffClient.Token(await recorder.GetPageAsync(Page)), []);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("người ghi nhận", WebUtility.HtmlDecode(await own.Content.ReadAsStringAsync()));
        // Another commune's officer sees nothing of it, and cannot confirm it.
        var other = await LogInAsync(app, "xakhac2");
        Assert.DoesNotContain("Trường TH-THCS Ia Đal", WebUtility.HtmlDecode(await other.GetPageAsync(Page)));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostWithTokenAsync($"{Page}?handler=Confirm&id={id}", StaffClient.Token(await other.GetPageAsync(Page)), [])).StatusCode);

        var confirmer = await LogInAsync(app, "xacnhan");
        var token = StaffClient.Token(await confirmer.GetPageAsync(Page));
        Assert.Equal(HttpStatusCode.Redirect, (await confirmer.PostWithTokenAsync($"{Page}?handler=Confirm&id={id}", token, [])).StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await confirmer.PostWithTokenAsync($"{Page}?handler=Confirm&id={id}", token, [])).StatusCode);
        Assert.Single(await LedgerAsync(), e => e.Kind == LedgerEntryKind.Distribution);
        Assert.Contains("Đã xác nhận", WebUtility.HtmlDecode(await confirmer.GetPageAsync(Page)));

        var export = await confirmer.Http.GetAsync(Page + "?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await export.Content.ReadAsByteArrayAsync())[..2]));
    }

    private static async Task StaffAsync(BackOfficeFactory app, string userName, string[] roles, params int[] unitIds)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<StaffUserService>().EnsureRolesAsync();
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, FullName = $"Cán bộ {userName}", Email = $"{userName}@childaid.test" };
        Assert.True((await users.CreateAsync(user, "Mat-khau-2026")).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        var db = sp.GetRequiredService<ChildAidDbContext>();
        db.StaffUserUnits.AddRange(unitIds.Select(u => new StaffUserUnit { UserId = user.Id, AdminUnitId = u }));
        await db.SaveChangesAsync();
    }

    private static async Task<StaffClient> LogInAsync(BackOfficeFactory app, string userName)
    {
        var client = app.NewClient();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = "Mat-khau-2026" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}

public class ServiceDeliveryTestsOnSqlite() : ServiceDeliveryTests(DatabaseProvider.Sqlite);

public class ServiceDeliveryTestsOnPostgres() : ServiceDeliveryTests(DatabaseProvider.Postgres);
