using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Demo;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Security;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Demo;

public abstract class DemoSeedingTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private async Task<Dictionary<string, int>> CountsAsync()
    {
        await using var db = Db.NewContext();
        return new Dictionary<string, int>
        {
            ["units"] = await db.AdminUnits.CountAsync(),
            ["organisations"] = await db.Organisations.CountAsync(),
            ["campaigns"] = await db.Campaigns.CountAsync(),
            ["donors"] = await db.Donors.CountAsync(),
            ["children"] = await db.Children.CountAsync(),
            ["users"] = await db.Users.CountAsync(),
            ["roles"] = await db.Roles.CountAsync(),
            ["contributions"] = await db.Contributions.CountAsync(),
            ["reversals"] = await db.ContributionReversals.CountAsync(),
            ["ledger"] = await db.LedgerEntries.CountAsync(),
            ["allocations"] = await db.Allocations.CountAsync(),
            ["approved allocations"] = await db.Allocations.CountAsync(a => a.State == Shared.Allocations.AllocationState.Approved),
            ["reversed allocations"] = await db.Allocations.CountAsync(a => a.State == Shared.Allocations.AllocationState.Reversed),
            ["expenses"] = await db.Expenses.CountAsync(),
            ["approved expenses"] = await db.Expenses.CountAsync(e => e.State == Shared.Expenses.ExpenseState.Approved),
            ["expense entries"] = await db.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.Expense),
            ["expense documents"] = await db.ExpenseDocuments.CountAsync(),
            ["public expense copies"] = await db.PublicExpenseCopies.CountAsync(),
            ["stock lots"] = await db.StockLots.CountAsync(),
            ["stock entries"] = await db.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.StockMovement),
            ["distribution entries"] = await db.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.Distribution),
            ["honor roll"] = await db.HonorRollEntries.CountAsync(),
            ["honor roll names"] = await db.HonorRollNames.CountAsync(),
            ["audit"] = await db.AuditEntries.CountAsync(),
            ["content versions"] = await db.ContentVersions.CountAsync(),
            ["campaign followers"] = await db.CampaignFollowers.CountAsync(),
        };
    }

    [Fact]
    public async Task Seeding_twice_adds_nothing_the_second_time_and_leaves_an_intact_ledger()
    {
        var first = await CliRunner.RunAsync(Db, "seed", "--demo");
        var afterFirst = await CountsAsync();
        var second = await CliRunner.RunAsync(Db, "seed", "--demo");
        var afterSecond = await CountsAsync();
        var verify = await CliRunner.RunAsync(Db, "verify-ledger");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("Nothing to add", second.Output);
        Assert.True(afterFirst.SequenceEqual(afterSecond),
            string.Join(", ", afterFirst.Where(kv => afterSecond[kv.Key] != kv.Value).Select(kv => $"{kv.Key}: {kv.Value} → {afterSecond[kv.Key]}")) + "\n" + second.Output);
        Assert.Equal(DemoGenerator.ChildCount + DemoRegistry.ChildCount + DemoUnderFives.ChildCount, afterFirst["children"]);
        Assert.True(afterFirst["donors"] >= 40);
        Assert.Equal(2, afterFirst["campaigns"]);
        Assert.Equal(DemoStaff.Users.Count, afterFirst["users"]);
        Assert.True(afterFirst["contributions"] >= 300);
        Assert.True(afterFirst["reversals"] >= 2);
        // Three allocations approved (one ledger entry each), one still waiting for its second person, and one approved then
        // reversed (two entries: the allocation and its reversal); and three goods allocations of stocked jackets, approved,
        // for the demo's distributions; 800.000 ₫ to a school's lunches, paid and served, and 600.000 ₫ more for the rest of the same
        // week (DemoServiceDeliveries); and money for a
        // school's jackets, bought and handed over (DemoPurchases).
        Assert.Equal(11, afterFirst["allocations"]);
        Assert.Equal(9, afterFirst["approved allocations"]);
        Assert.Equal(1, afterFirst["reversed allocations"]);
        // Three expenses approved (one entry each: one allocation each, with the SHA-256 of their invoice and proof of payment), one waiting,
        // an advance (tạm ứng) approved without its invoice, with its proof of payment, the caterer of the school's lunches and
        // the clothes shop that sold the school's jackets.
        Assert.Equal(7, afterFirst["expenses"]);
        Assert.Equal(6, afterFirst["approved expenses"]);
        Assert.Equal(6, afterFirst["expense entries"]);
        Assert.Equal(13, afterFirst["expense documents"]);
        // The first approved expense's transfer slip is public with its account number blacked out.
        Assert.Equal(1, afterFirst["public expense copies"]);
        Assert.Equal(afterFirst["contributions"] + afterFirst["reversals"] + afterFirst["approved allocations"] + 2 * afterFirst["reversed allocations"]
            + afterFirst["expense entries"] + afterFirst["stock entries"] + afterFirst["distribution entries"], afterFirst["ledger"]);
        // Lots of the in-kind receipts in every state: two stocked (one entry each), a write-off and a stock count's shortfall
        // (one more entry each); two
        // distributions left the stock (one entry each), one of them delivered (a distribution entry), and a third left and was
        // called back (two entries: out and back in); and the school's meals served and the jackets bought (a distribution entry
        // of 0 ₫ each, with the quantity).
        Assert.True(afterFirst["stock lots"] >= 6, $"{afterFirst["stock lots"]} lots");
        Assert.Equal(8, afterFirst["stock entries"]);
        Assert.Equal(3, afterFirst["distribution entries"]);
        // Name-only donors' gifts are counted by name only (honor_roll_names), never as a dated row.
        Assert.True(afterFirst["honor roll names"] > 0);
        Assert.InRange(afterFirst["honor roll"], 1, afterFirst["ledger"] - 1);
        Assert.Equal(0, afterFirst["audit"]); // a bulk load of synthetic data is not a staff change
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains($"OK: {afterFirst["ledger"]} entries", verify.Output);
        // The demo's allocations, its reversed one and its expenses keep every balance rule (verify-balances), and the
        // expense entries list exactly their stored originals.
        var balances = await CliRunner.RunAsync(Db, "verify-balances");
        Assert.True(balances.ExitCode == 0, balances.Output);
        await using var db = Db.NewContext();
        var expenseEntries = await db.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.Expense).ToListAsync();
        var states = await db.StockLots.Select(l => l.State).ToListAsync();
        Assert.All(Enum.GetValues<Shared.Stock.StockLotState>(), s => Assert.Contains(s, states));
        Assert.Equal(2, states.Count(s => s == Shared.Stock.StockLotState.Stocked));
        // One write-off when stocking, one from the demo's stock count (a lot counted one short).
        Assert.Equal(2, await db.StockWriteOffs.CountAsync());
        Assert.Equal(1, await db.StockWriteOffs.CountAsync(w => w.Note.StartsWith("Kiểm kê")));
        // Goods on their way: one delivered (a distribution entry, one item back to stock), one on the road, one planned.
        var distributions = await db.Distributions.Select(d => d.State).ToListAsync();
        Assert.Contains(Shared.Distributions.DistributionState.Delivered, distributions);
        Assert.Contains(Shared.Distributions.DistributionState.Departed, distributions);
        Assert.Contains(Shared.Distributions.DistributionState.Draft, distributions);
        Assert.Contains(Shared.Distributions.DistributionState.Cancelled, distributions);
        Assert.Contains(await db.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.StockMovement && e.Quantity > 0).Select(e => e.Description).ToListAsync(),
            d => d.StartsWith("Nhập lại kho, huỷ cấp phát số", StringComparison.Ordinal));
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.Distribution && e.AmountVnd > 0));
        // They go to the children whose needs they meet, named from the registry (demo children); the delivered one ticked.
        var named = await db.DistributionChildren.Select(c => new { c.Child!.IsDemo, c.Received, c.Distribution!.State }).ToListAsync();
        Assert.Equal(4, named.Count); // the called-back trip keeps its named child, as signed lists do; it counts for no support
        Assert.Single(named, c => c.State == Shared.Distributions.DistributionState.Cancelled);
        Assert.All(named, c => Assert.True(c.IsDemo));
        Assert.Contains(named, c => c.State == Shared.Distributions.DistributionState.Delivered && c.Received == true);
        // Meals served: one confirmed service delivery, booked as a quantity (0 ₫) drawn from its money allocation.
        var services = await db.ServiceDeliveries.OrderBy(d => d.Id).ToListAsync();
        Assert.Equal(2, services.Count);
        var service = services[0];
        Assert.Equal((Shared.Distributions.ServiceDeliveryState.Confirmed, 150, 40), (service.State, service.Served, service.Quantity));
        // The same week's rest split to a second allocation, waiting for Ia Đal's officer.
        Assert.Equal((Shared.Distributions.ServiceDeliveryState.Recorded, 150, 30, service.FromDate, service.ToDate),
            (services[1].State, services[1].Served, services[1].Quantity, services[1].FromDate, services[1].ToDate));
        var served = await db.LedgerEntries.SingleAsync(e => e.Sequence == service.LedgerSequence);
        Assert.Equal((0L, 40m), (served.AmountVnd, served.Quantity));
        Assert.StartsWith("40 suất ăn trưa, ", served.Description);
        Assert.Equal([1, 2, 2, 2, 2, 2], expenseEntries.Select(e => LedgerDocuments.Parse(e.Documents).Count).Order());
        // Jackets bought with money: the expense entry names them and how many; the school received them without stock.
        var purchase = await db.Distributions.SingleAsync(d => d.StockLotId == null);
        Assert.Equal(Shared.Distributions.DistributionState.Delivered, purchase.State);
        var bought = Assert.Single(expenseEntries, e => e.Quantity != null);
        Assert.Equal((decimal)purchase.Quantity, bought.Quantity);
        var handed = await db.LedgerEntries.SingleAsync(e => e.Sequence == purchase.DistributionSequence);
        Assert.Equal((0L, bought.Quantity, bought.Item), (handed.AmountVnd, handed.Quantity, handed.Item));
        Assert.Single(await db.Expenses.Where(e => e.Kind == Shared.Expenses.ExpenseKind.Advance && e.InvoiceFiledAt == null).ToListAsync());
        await using (var sp = Db.Services())
        await using (var scope = Scope(sp))
        {
            var expenses = scope.ServiceProvider.GetRequiredService<Shared.Expenses.ExpenseService>();
            foreach (var id in await db.Expenses.Where(e => e.State == Shared.Expenses.ExpenseState.Approved).Select(e => e.Id).ToListAsync())
                Assert.Null(await expenses.VerifyDocumentsAsync(id));
        }
        var workflow = await db.ContentItems.Where(i => i.Path.StartsWith("/tin-tuc/")).ToListAsync();
        Assert.Contains(workflow, i => i.State == Shared.Content.ContentState.Draft && i.ReturnComment is not null);
        Assert.Contains(workflow, i => i.State == Shared.Content.ContentState.Submitted && i.CreatedBy == "phongvien@demo.childaid.example");
        Assert.Contains(workflow, i => i.ScheduledPublishAt is not null && i.CreatedBy == "bientap@demo.childaid.example");
        // Online pledges in every state, made by the intake processor and paid through the booking core; one still waits.
        var pledges = await db.Pledges.IgnoreQueryFilters().ToListAsync();
        Assert.Equal(
            [Shared.Pledges.PledgeState.Pledged, Shared.Pledges.PledgeState.PartlyPaid, Shared.Pledges.PledgeState.Paid, Shared.Pledges.PledgeState.Cancelled],
            pledges.Select(p => p.Status).Distinct().Order());
        Assert.All(pledges, p => Assert.Contains(p.Reference, Shared.Demo.DemoPledges.References));
        Assert.Equal(Shared.Demo.DemoPledges.References.Count - pledges.Count, await db.PledgeIntake.CountAsync(i => i.ProcessedAt == null));
        // Money paid is what the money receipts on the pledge hold; goods received count against the goods lines instead.
        Assert.All(pledges, p => Assert.Equal(p.PaidVnd, db.Contributions.IgnoreQueryFilters()
            .Where(c => c.PledgeId == p.Id && c.Method != Shared.Contributions.ContributionMethod.InKind).Sum(c => c.AmountVnd)));
        var goodsOnly = Assert.Single(pledges, p => p.IsGoodsOnly);
        Assert.Equal(Shared.Pledges.PledgeState.PartlyPaid, goodsOnly.Status);
        Assert.Equal([(300L, 120L)], (await Shared.Pledges.PledgeGoods.OfAsync(db, goodsOnly)).Select(g => (g.PledgedQuantity, g.ReceivedQuantity)));
    }

    [Fact]
    public async Task Demo_check_ups_measure_one_school_class_twice_with_stored_z_scores_that_the_demo_health_worker_can_read()
    {
        var tables = $"--Growth:ReferenceFolder={SharedFolder.WhoGrowth}";
        var first = await CliRunner.RunAsync(Db, "seed", "--demo", tables);
        int measured;
        await using (var count = Db.NewContext()) measured = await count.Measurements.CountAsync();
        var second = await CliRunner.RunAsync(Db, "seed", "--demo", tables);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("synthetic check-up measurements: +", first.Output);
        await using var db = Db.NewContext();
        Assert.Equal(measured, await db.Measurements.CountAsync());
        var all = await db.CheckupSessions.Include(s => s.Site).Include(s => s.Measurements).ThenInclude(m => m.Child).ToListAsync();
        var sessions = all.Where(s => s.Site!.Name == Shared.Demo.DemoCheckups.SchoolName).ToList();
        Assert.Equal(Shared.Demo.DemoCheckups.Days, sessions.Select(s => s.HeldOn).Order());
        Assert.All(sessions, s => Assert.True(s.IsDemo && s.Site!.Name == Shared.Demo.DemoCheckups.SchoolName));
        Assert.All(sessions, s => Assert.InRange(s.Measurements.Count, 5, 60));
        var rows = sessions.SelectMany(s => s.Measurements).ToList();
        Assert.All(rows, m => Assert.Equal(Shared.Demo.DemoCheckups.ClassName, m.Child!.ClassName));
        Assert.All(rows, m => Assert.Equal(Growth.WhoTables.Calculator.ReferenceVersion, m.ReferenceVersion));
        Assert.Contains(rows, m => m.Status.HasFlag(Shared.Growth.NutritionStatus.Stunting));
        Assert.Contains(rows, m => m.Status == Shared.Growth.NutritionStatus.None);
        // Some carry skinfolds; the pupils are 8, past WHO's skinfold standards, so none has a skinfold z-score.
        Assert.Contains(rows, m => m.TricepsSkinfoldMm is not null && m.SubscapularSkinfoldMm is not null);
        Assert.All(rows.Where(m => m.TricepsSkinfoldMm is not null), m => Assert.Null(m.TricepsSkinfoldForAge));
        // The demo health worker's organisation looks after the class: their scope reads the sessions and the children.
        var worker = await db.Users.SingleAsync(u => u.Email == "yte@demo.childaid.example");
        db.OrganisationScope = [worker.OrganisationId!.Value];
        Assert.Equal(4, await db.CheckupSessions.CountAsync()); // the school's two and the centre's two
        Assert.Equal(rows.Select(m => m.ChildId).Distinct().Count(), await db.Children.CountAsync(c => c.ClassName == Shared.Demo.DemoCheckups.ClassName));
        // The under-fives measured at the health centre, May and November: head circumference under 2 only, MUAC from 6
        // months, weight-for-length scored, one severe acute malnutrition by MUAC referred and treated, one oedema.
        var centre = all.Where(s => s.Site!.Name == Shared.Demo.DemoCheckups.HealthCentreName).ToList();
        Assert.Equal(Shared.Demo.DemoCheckups.Days, centre.Select(s => s.HeldOn).Order());
        var young = centre.SelectMany(s => s.Measurements.Select(m => (s.HeldOn, m))).ToList();
        Assert.Equal(2 * DemoUnderFives.ChildCount, young.Count);
        Assert.All(young.Where(x => x.m.HeadCm is not null), x => Assert.True(x.HeldOn.DayNumber - x.m.Child!.DateOfBirth.DayNumber < Shared.Growth.GrowthCalculator.FirstDayOfHeight));
        Assert.Contains(young, x => x.m.HeadForAge is not null);
        Assert.Contains(young, x => x.m.WeightForLength is not null && x.m.WeightForLengthTable == Shared.Growth.WeightForLengthTable.Length);
        Assert.Contains(young, x => x.m.WeightForLength is not null && x.m.WeightForLengthTable == Shared.Growth.WeightForLengthTable.Height);
        Assert.Contains(young, x => x.m.MuacMm < 115 && x.m.Status.HasFlag(Shared.Growth.NutritionStatus.SevereAcuteMalnutrition) && x.m.Referral is not null && x.m.Treatment is not null);
        Assert.Contains(young, x => x.m.Oedema && x.m.WeightForAge is null);
        // One school meal programme over the class (seeded once), May its baseline and November its endline: its
        // evaluation pairs every pupil of the class, and the health worker reads it.
        var intervention = await db.Interventions.SingleAsync();
        var evaluation = await new Shared.Interventions.InterventionEvaluation(db).EvaluateAsync(intervention.Id);
        Assert.Equal(rows.Select(m => m.ChildId).Distinct().Count(), evaluation!.MeasuredAtBoth);
        // Four school weeks of meal days at the demo school (seeded once), which the health worker's station reads too.
        var mealDays = await db.MealDays.Where(m => m.InterventionId == intervention.Id).ToListAsync();
        Assert.Equal(20, mealDays.Count);
        Assert.All(mealDays, m => Assert.True(m.IsDemo && m.Meals > 0 && m.CostPerMealVnd > 0 && m.ServedOn.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)));
        Assert.All(mealDays, m => Assert.InRange(m.ServedOn, intervention.StartsOn, intervention.EndsOn));
    }

    [Fact]
    public async Task Demo_registry_has_one_possible_duplicate_pair_in_a_village_one_across_villages_and_a_child_with_an_estimated_year_of_birth()
    {
        var seeded = await CliRunner.RunAsync(Db, "seed", "--demo");
        Assert.True(seeded.ExitCode == 0, seeded.Output);
        await using var db = Db.NewContext();

        var children = await db.Children.ToListAsync();
        var pairs = children.GroupBy(c => c.AdminUnitId)
            .SelectMany(v => v.SelectMany(a => v.Where(b => a.Id < b.Id && Shared.Children.ChildDuplicates.IsPossibleDuplicate(a, b)).Select(b => (a, b)))).ToList();
        var estimated = Assert.Single(children, c => c.DateOfBirthEstimated);
        Assert.Equal((Shared.Children.GuardianRelation.Father, "0900000007"), (estimated.GuardianRelation!.Value, estimated.GuardianPhone));
        Assert.True(estimated.ChildConsentOn >= estimated.DateOfBirth.AddYears(Shared.Children.ChildService.OwnConsentAge));

        var (first, second) = Assert.Single(pairs);
        Assert.Equal(DemoRegistry.WithoutDiacritics(first.FullName), second.FullName);
        Assert.NotEqual(first.FullName, second.FullName);
        Assert.Equal(DemoRegistry.EstimatedName, estimated.FullName);
        Assert.Equal(new DateOnly(2019, 7, 1), estimated.DateOfBirth);
        // And one pair of two places: a pupil of the demo class entered again by a neighbouring village (a family that moved).
        var (here, there) = Assert.Single(children.SelectMany(a => children.Where(b => a.Id < b.Id && a.AdminUnitId != b.AdminUnitId
            && Shared.Children.ChildDuplicates.IsPossibleDuplicate(a, b)).Select(b => (a, b))));
        Assert.Equal((here.FullName, here.DateOfBirth, here.Sex), (there.FullName, there.DateOfBirth, there.Sex));
        Assert.Null(there.SchoolId);
    }

    [Fact]
    public async Task The_demo_bank_account_is_marked_bound_to_a_campaign_and_its_statement_leaves_matched_lines_a_gift_and_a_queue()
    {
        var seeded = await CliRunner.RunAsync(Db, "seed", "--demo");
        Assert.True(seeded.ExitCode == 0, seeded.Output);
        await using var db = Db.NewContext();

        var account = await db.BankAccounts.SingleAsync(a => a.Code == DemoBankStatement.AccountCode);
        Assert.Contains("TÀI KHOẢN DEMO", account.AccountName, StringComparison.Ordinal);
        Assert.Equal(DemoBankStatement.CampaignSlug, await db.Campaigns.Where(c => c.Id == account.CampaignId).Select(c => c.Slug).SingleAsync());
        var import = await db.BankStatementImports.SingleAsync(i => i.BankAccountId == account.Id);
        Assert.Equal(("bank-statement-demo.csv", 5, 4), (import.FileName, import.LineCount, import.CreditCount));
        var lines = await db.BankStatementLines.Where(l => l.BankAccountId == account.Id).ToListAsync();
        Assert.Equal(
            [BankLineStatusCount(Shared.BankStatements.BankLineStatus.Debit, 1), BankLineStatusCount(Shared.BankStatements.BankLineStatus.Unmatched, 1),
             BankLineStatusCount(Shared.BankStatements.BankLineStatus.Matched, 2), BankLineStatusCount(Shared.BankStatements.BankLineStatus.Unsolicited, 1)],
            lines.GroupBy(l => l.Status).OrderBy(g => g.Key).Select(g => BankLineStatusCount(g.Key, g.Count())));
        var paidByStatement = await db.Pledges.IgnoreQueryFilters().Where(p => p.Reference == "CADEM4CCY" || p.Reference == "CADEM6EE8")
            .OrderBy(p => p.Reference).Select(p => new { p.Status, p.PaidVnd }).ToListAsync();
        Assert.Equal(["Paid 300000", "PartlyPaid 30000000"], paidByStatement.Select(p => $"{p.Status} {p.PaidVnd}"));
        var matched = lines.Where(l => l.ContributionId is not null).Select(l => l.ContributionId!.Value).ToList();
        Assert.All(await db.Contributions.Where(c => matched.Contains(c.Id)).ToListAsync(), c => Assert.True(c.IsDemo));

        var queued = lines.Single(l => l.Status == Shared.BankStatements.BankLineStatus.Unmatched);
        Assert.Equal(DemoBankStatement.QueuedTransactionId, queued.TransactionId);
        await using var services = Db.Services();
        await using var scope = services.CreateAsyncScope();
        var suggestions = await scope.ServiceProvider.GetRequiredService<Shared.BankStatements.BankStatementMatcher>().SuggestAsync(queued.Id);
        Assert.Contains(suggestions, s => s.Reference == "CADEM6EE8");
    }

    [Fact]
    public async Task The_demo_campaign_has_followers_who_confirmed_one_who_waits_for_the_link_and_one_who_unsubscribed()
    {
        var seeded = await CliRunner.RunAsync(Db, "seed", "--demo");
        Assert.True(seeded.ExitCode == 0, seeded.Output);
        await using var db = Db.NewContext();

        var followers = await db.CampaignFollowers.Where(f => f.CampaignId == db.Campaigns.Single(c => c.Slug == DemoFollowers.CampaignSlug).Id)
            .Select(f => f.State).ToListAsync();
        Assert.Equal(["Pending: 1", "Confirmed: 2", "Unsubscribed: 1"],
            followers.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));
    }

    private static string BankLineStatusCount(Shared.BankStatements.BankLineStatus status, int count) => $"{status}: {count}";

    [Fact]
    public async Task Demo_data_covers_every_kind_of_donor_and_gift_and_keeps_the_units_of_its_time()
    {
        var seeded = await CliRunner.RunAsync(Db, "seed", "--demo");
        Assert.True(seeded.ExitCode == 0, seeded.Output);
        await using var db = Db.NewContext();
        var tree = new AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync());
        var donors = await db.Donors.ToListAsync();
        var gifts = await db.Contributions.Include(c => c.GoodsLines).ToListAsync();

        Assert.Equal(Enum.GetValues<DonorKind>().Order(), donors.Select(d => d.Kind).Distinct().Order());
        Assert.Equal(Enum.GetValues<DisplayChoice>().Order(), donors.Select(d => d.DisplayChoice).Distinct().Order());
        Assert.Equal(Enum.GetValues<DonorOrigin>().Order(), donors.Select(d => d.Origin).Distinct().Order());
        Assert.All(donors.Where(d => d.Email is not null), d => Assert.EndsWith("example.com", d.Email));
        Assert.Superset(new HashSet<string> { "USD", "EUR", "JPY" }, gifts.Where(g => g.OriginalCurrency is not null).Select(g => g.OriginalCurrency!).ToHashSet());
        Assert.Contains(gifts, g => g.Method == ContributionMethod.InKind && g.GoodsLines.Any(l => l.Item.Contains("Áo khoác", StringComparison.Ordinal)));
        Assert.Contains(gifts, g => g.CampaignId is null);
        Assert.All(gifts, g => Assert.True(g.IsDemo));

        // Records keep the unit they were made under: before 1 July 2025 the Kon Tum units, after it the Quảng Ngãi ones.
        var reform = new DateOnly(2025, 7, 1);
        Assert.Contains(gifts, g => g.ReceivedOn < reform);
        Assert.Contains(gifts, g => g.ReceivedOn >= reform);
        Assert.All(gifts, g => Assert.True(tree[g.AdminUnitId].IsValidOn(g.ReceivedOn), $"{g.ReceiptNumber} made under a unit not in force on {g.ReceivedOn}"));
        Assert.All(gifts.Where(g => g.ReceivedOn < reform), g => Assert.Equal("62", tree.Ancestor(g.AdminUnitId, AdminUnitLevel.Province, g.ReceivedOn)!.Code));
        Assert.All(gifts, g => Assert.Equal("51", tree.Ancestor(g.AdminUnitId, AdminUnitLevel.Province, new DateOnly(2026, 1, 1))?.Code));

        // Receipt numbers are gapless per year, in date order.
        foreach (var year in gifts.GroupBy(g => g.FiscalYear))
            Assert.Equal(Enumerable.Range(1, year.Count()), year.OrderBy(g => g.ReceiptSequence).Select(g => g.ReceiptSequence));
    }

    [Fact]
    public async Task Demo_staff_cover_their_units_across_the_2025_merger()
    {
        var seeded = await CliRunner.RunAsync(Db, "seed", "--demo");
        Assert.True(seeded.ExitCode == 0, seeded.Output);
        await using var db = Db.NewContext();
        var units = await db.AdminUnits.AsNoTracking().ToListAsync();
        var tree = new AdminUnitTree(units);
        var staff = await db.Users.Include(u => u.Units).ToListAsync();
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync();
        HashSet<int> Covered(string email) => tree.Covered(staff.Single(u => u.Email == email).Units.Select(u => u.AdminUnitId));
        int Unit(string code, DateOnly on) => units.Single(u => u.Code == code && u.Level == AdminUnitLevel.Commune && u.IsValidOn(on)).Id;
        var before = new DateOnly(2024, 6, 1);
        var after = new DateOnly(2026, 6, 1);

        Assert.Equal(Roles.All.Order(), roles.Select(r => r.Name!).Distinct().Order());
        var iaToi = Covered("xa.iatoi@demo.childaid.example");
        Assert.Contains(Unit("23537", before), iaToi); // Ia Dom merged into Ia Tơi
        Assert.Contains(Unit("23538", before), iaToi);
        Assert.Contains(Unit("23538", after), iaToi);
        Assert.DoesNotContain(Unit("23535", before), iaToi);
        Assert.DoesNotContain(Unit("23535", after), iaToi);
        var iaDal = Covered("xa.iadal@demo.childaid.example");
        Assert.Contains(Unit("23535", before), iaDal);
        Assert.DoesNotContain(Unit("23537", before), iaDal);
        var district = Covered("chuongtrinh@demo.childaid.example");
        Assert.Superset(iaToi.Union(iaDal).ToHashSet(), district);
        Assert.Equal(units.Count, Covered("quantri@demo.childaid.example").Count);
    }
}

public class DemoSeedingTestsOnSqlite() : DemoSeedingTests(DatabaseProvider.Sqlite);

public class DemoSeedingTestsOnPostgres() : DemoSeedingTests(DatabaseProvider.Postgres);
