using System.Net;
using System.Text.Json;
using ChildAid.Shared.Balances;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.Cli;
using ChildAid.Tests.PublicSite;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Balances;

/// <summary>The rules of <see cref="LedgerBalances"/> on hand-made ledgers: each invariant, and totals that add up.</summary>
public class LedgerBalanceRuleTests
{
    private static BalanceEntry Receipt(long seq, long amount, int? campaign = null) =>
        new(seq, LedgerEntryKind.Receipt, amount, campaign, null, null, null, null, null, null);
    private static BalanceEntry Allocation(long seq, long from, long amount, int? campaign = null, string unit = "23535") =>
        new(seq, LedgerEntryKind.Allocation, amount, campaign, unit, null, from, null, null, null);
    private static BalanceEntry Expense(long seq, long from, long amount) =>
        new(seq, LedgerEntryKind.Expense, amount, null, "23535", null, from, null, null, null);
    private static BalanceEntry Reversal(long seq, long of, long amount) =>
        new(seq, LedgerEntryKind.Reversal, amount, null, null, of, null, null, null, null);
    private static BalanceEntry Stock(long seq, string item, decimal quantity) =>
        new(seq, LedgerEntryKind.StockMovement, 0, null, "23535", null, null, item, quantity, "chiếc");

    private static LedgerBalances Run(IReadOnlyDictionary<int, IReadOnlySet<string>>? areas, params BalanceEntry[] entries)
    {
        var balances = new LedgerBalances { CampaignAreas = areas };
        foreach (var e in entries) balances.Add(e);
        return balances;
    }

    [Fact]
    public void Received_is_allocated_plus_unallocated_and_allocated_is_spent_plus_held_overall_per_campaign_and_per_commune()
    {
        var b = Run(null, Receipt(1, 3_000_000), Receipt(2, 1_000_000, campaign: 7), Allocation(3, 1, 2_000_000), Allocation(4, 2, 600_000, campaign: 7, unit: "23536"),
            Expense(5, 3, 1_500_000), Reversal(6, 4, -600_000), Allocation(7, 2, 400_000, campaign: 7, unit: "23536"));

        Assert.True(b.Holds, string.Join(" | ", b.Violations));
        Assert.Equal((4_000_000, 2_400_000, 1_600_000, 1_500_000, 900_000),
            (b.Overall.ReceivedVnd, b.Overall.AllocatedVnd, b.Overall.UnallocatedVnd, b.Overall.SpentVnd, b.Overall.HeldVnd));
        Assert.Equal((1_000_000, 400_000, 600_000), (b.ByCampaign[7].ReceivedVnd, b.ByCampaign[7].AllocatedVnd, b.ByCampaign[7].UnallocatedVnd));
        Assert.Equal((3_000_000, 2_000_000, 500_000), (b.ByCampaign[0].ReceivedVnd, b.ByCampaign[0].AllocatedVnd, b.ByCampaign[0].HeldVnd));
        Assert.Equal((2_000_000, 1_500_000), (b.ByCommune["23535"].AllocatedVnd, b.ByCommune["23535"].SpentVnd));
        Assert.Equal(400_000, b.ByCommune["23536"].AllocatedVnd);
    }

    [Fact]
    public void A_gift_allocated_beyond_its_amount_or_after_its_reversal_breaks_the_receipt_rules()
    {
        Assert.Equal("receipt-over-allocated", Run(null, Receipt(1, 1_000), Allocation(2, 1, 600), Allocation(3, 1, 401)).Violations.Single().Rule);
        Assert.Equal(3, Run(null, Receipt(1, 1_000), Allocation(2, 1, 600), Allocation(3, 1, 401)).Violations.Single().Sequence);
        Assert.Equal("allocation-of-reversed-receipt", Run(null, Receipt(1, 1_000), Reversal(2, 1, -1_000), Allocation(3, 1, 10)).Violations.Single().Rule);
        Assert.Equal("allocation-source", Run(null, Receipt(1, 1_000), Allocation(2, 99, 10)).Violations.Single().Rule);
        // An allocation reversed gives its money back to the gift.
        Assert.True(Run(null, Receipt(1, 1_000), Allocation(2, 1, 1_000), Reversal(3, 2, -1_000), Allocation(4, 1, 1_000)).Holds);
    }

    [Fact]
    public void A_campaign_gift_stays_in_its_campaign_and_inside_the_campaign_areas_when_they_are_known()
    {
        Assert.Equal("restriction", Run(null, Receipt(1, 1_000, campaign: 7), Allocation(2, 1, 10, campaign: 8)).Violations.Single().Rule);
        var areas = new Dictionary<int, IReadOnlySet<string>> { [7] = new HashSet<string> { "23535" } };
        Assert.True(Run(areas, Receipt(1, 1_000, campaign: 7), Allocation(2, 1, 10, campaign: 7, unit: "23535")).Holds);
        Assert.Equal("restriction", Run(areas, Receipt(1, 1_000, campaign: 7), Allocation(2, 1, 10, campaign: 7, unit: "23536")).Violations.Single().Rule);
        // Money without a campaign has no area to keep.
        Assert.True(Run(areas, Receipt(1, 1_000), Allocation(2, 1, 10, unit: "23536")).Holds);
    }

    [Fact]
    public void Spending_beyond_an_allocation_reversing_twice_or_by_another_amount_and_negative_stock_are_each_caught()
    {
        Assert.Equal("allocation-over-spent", Run(null, Receipt(1, 1_000), Allocation(2, 1, 500), Expense(3, 2, 300), Expense(4, 2, 201)).Violations.Single().Rule);
        Assert.Equal("spend-source", Run(null, Receipt(1, 1_000), Expense(2, 1, 10)).Violations.Single().Rule);
        Assert.Equal("reversal", Run(null, Receipt(1, 1_000), Reversal(2, 1, -1_000), Reversal(3, 1, -1_000)).Violations.Single().Rule);
        Assert.Equal("reversal", Run(null, Receipt(1, 1_000), Reversal(2, 1, -999)).Violations.Single().Rule);
        Assert.Equal("stock-negative", Run(null, Stock(1, "Áo ấm 6–8 tuổi", 300), Stock(2, "Áo ấm 6–8 tuổi", -301)).Violations.Single().Rule);
        Assert.True(Run(null, Stock(1, "Áo ấm 6–8 tuổi", 300), Stock(2, "Áo ấm 6–8 tuổi", -300)).Holds);
    }
}

/// <summary>
/// verify-balances and GET /api/v1/balances on a real ledger (a gift, an approved allocation) on both databases; then,
/// as an attacker with SQL access, one forged entry appended past the application for each rule: the CLI exits 1 naming
/// the rule and the entry, and the public API says the invariants do not hold.
/// </summary>
public abstract class BalanceTests(DatabaseProvider provider) : AllocationTest(provider)
{
    private async Task<(Shared.Contributions.Contribution Receipt, long AllocationSequence)> GiftAndAllocationAsync()
    {
        var receipt = await ReceiptAsync(3_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Meals, 2_000_000));
        var approved = await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id));
        Assert.True(approved.Booked);
        return (receipt, approved.Approved!.LedgerSequence!.Value);
    }

    [Fact]
    public async Task The_cli_and_the_api_show_balances_that_hold_and_name_no_child()
    {
        var (receipt, _) = await GiftAndAllocationAsync();

        var (code, output) = await CliRunner.RunAsync(Db, "verify-balances");
        Assert.True(code == 0, output);
        Assert.Contains("received 3000000 = allocated 2000000 + unallocated 1000000", output);

        await using var site = new PublicSiteFactory(Db);
        var client = site.CreateClient();
        var json = await client.GetStringAsync("/api/v1/balances");
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("invariantsHold").GetBoolean());
        Assert.Equal(3_000_000, root.GetProperty("overall").GetProperty("received").GetInt64());
        Assert.Equal(1_000_000, root.GetProperty("overall").GetProperty("unallocated").GetInt64());
        var commune = root.GetProperty("communes").EnumerateArray().Single();
        Assert.Equal(W.IaDal.Code, commune.GetProperty("code").GetString());
        Assert.Equal(2_000_000, commune.GetProperty("balance").GetProperty("held").GetInt64());
        Assert.DoesNotContain("Rơ Châm", json);
        Assert.DoesNotContain(receipt.VerifyToken!, json);
        Assert.Contains("/api/v1/balances", await client.GetStringAsync("/openapi/v1.json"));

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/so-du"));
        Assert.Contains("Mọi quy tắc cân đối đều đúng", page);
        Assert.Contains(Shared.Text.VietnameseFormat.Vnd(1_000_000), page);
        Assert.Contains("Xã Ia Đal", page);
        Assert.DoesNotContain("Rơ Châm", page);
    }

    [Theory]
    [InlineData("receipt-over-allocated")]
    [InlineData("restriction")]
    [InlineData("area")]
    [InlineData("allocation-over-spent")]
    [InlineData("reversal")]
    [InlineData("stock-negative")]
    public async Task A_forged_entry_appended_in_sql_is_caught_by_verify_balances_and_shown_by_the_api(string tamper)
    {
        var (receipt, allocation) = await GiftAndAllocationAsync();
        var campaignReceipt = await ReceiptAsync(500_000, W.WarmClothes.Id);
        await using (var db = Db.NewContext())
        {
            var receiptSequence = receipt.LedgerSequence;
            var forged = tamper switch
            {
                "receipt-over-allocated" => Entry(LedgerEntryKind.Allocation, 1_500_000, source: receiptSequence),
                "restriction" => Entry(LedgerEntryKind.Allocation, 1_000, source: receiptSequence, campaign: W.WarmClothes.Id),
                // Campaign gift to Ia Tơi, outside its one area (Ia Đal, warm clothes).
                "area" => Entry(LedgerEntryKind.Allocation, 1_000, source: campaignReceipt.LedgerSequence, campaign: W.WarmClothes.Id, unit: W.IaToi.Code),
                "allocation-over-spent" => Entry(LedgerEntryKind.Expense, 2_500_000, source: allocation),
                "reversal" => Entry(LedgerEntryKind.Reversal, -1, reverses: allocation),
                "stock-negative" => Entry(LedgerEntryKind.StockMovement, 0, item: "Áo ấm 6–8 tuổi", quantity: -5),
                _ => throw new ArgumentOutOfRangeException(nameof(tamper)),
            };
            forged.Sequence = await db.LedgerEntries.MaxAsync(e => e.Sequence) + 1;
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, [forged]);
            await tx.CommitAsync();
        }

        var (code, output) = await CliRunner.RunAsync(Db, "verify-balances", "--publish");
        Assert.True(code == 1, output);
        Assert.Contains($"[{(tamper == "area" ? "restriction" : tamper)}]", output);
        // --publish records the run as BackOffice's nightly worker does, broken rule and all.
        await using (var db = Db.NewContext())
        {
            var run = await db.BalanceRuns.SingleAsync();
            Assert.Equal((false, tamper == "area" ? "restriction" : tamper), (run.InvariantsHold, run.FirstRule));
        }

        await using var site = new PublicSiteFactory(Db);
        using var doc = JsonDocument.Parse(await site.CreateClient().GetStringAsync("/api/v1/balances"));
        // The area rule needs the campaigns' areas, which PublicSite does not read: the CLI alone catches it.
        Assert.Equal(tamper == "area", doc.RootElement.GetProperty("invariantsHold").GetBoolean());
        if (tamper != "area")
            Assert.Contains("Có bút toán vi phạm quy tắc cân đối", WebUtility.HtmlDecode(await site.CreateClient().GetStringAsync("/so-du")));
    }

    [Fact]
    public async Task The_nightly_run_is_published_catches_the_area_rule_the_public_check_cannot_and_can_never_be_rewritten()
    {
        var (_, _) = await GiftAndAllocationAsync();
        var campaignReceipt = await ReceiptAsync(500_000, W.WarmClothes.Id);
        await using (var db = Db.NewContext())
        {
            var first = await new BalanceRunner(db, TimeProvider.System).RunAsync();
            Assert.True(first.InvariantsHold);
            Assert.Equal(await db.LedgerEntries.MaxAsync(e => e.Sequence), first.LastSequence);

            // Campaign gift to Ia Tơi, outside its one area (Ia Đal): forged past the application.
            var forged = Entry(LedgerEntryKind.Allocation, 1_000, source: campaignReceipt.LedgerSequence, campaign: W.WarmClothes.Id, unit: W.IaToi.Code);
            forged.Sequence = first.LastSequence + 1;
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                await BulkInsert.InsertAsync(db, [forged]);
                await tx.CommitAsync();
            }
            var second = await new BalanceRunner(db, TimeProvider.System).RunAsync();
            Assert.False(second.InvariantsHold);
            Assert.Equal(("restriction", forged.Sequence), (second.FirstRule, second.FirstSequence));
        }

        await using var site = new PublicSiteFactory(Db);
        var client = site.CreateClient();
        using (var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/balances/runs")))
        {
            var runs = doc.RootElement.EnumerateArray().ToList();
            Assert.Equal(2, runs.Count);
            Assert.False(runs[0].GetProperty("invariantsHold").GetBoolean());
            Assert.Equal("restriction", runs[0].GetProperty("firstRule").GetString());
            Assert.True(runs[1].GetProperty("invariantsHold").GetBoolean());
        }
        using (var doc = JsonDocument.Parse(await client.GetStringAsync("/api/v1/balances")))
            Assert.Equal("restriction", doc.RootElement.GetProperty("lastNightlyRun").GetProperty("firstRule").GetString());
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/so-du"));
        Assert.Contains("Kiểm tra hằng đêm", page);
        Assert.Contains("Mọi quy tắc đều đúng", page);
        Assert.Contains("[restriction]", page);

        // Published results are never rewritten: the database refuses, whoever asks.
        await using (var db = Db.NewContext())
        {
            var update = Provider == DatabaseProvider.Sqlite
                ? "UPDATE balance_runs SET invariants_hold = 1, violation_count = 0, first_rule = NULL, first_sequence = NULL"
                : "UPDATE balance_runs SET invariants_hold = true, violation_count = 0, first_rule = NULL, first_sequence = NULL";
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(update));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM balance_runs"));
            Assert.Equal(2, await db.BalanceRuns.CountAsync());
        }
    }

    [Fact]
    public async Task A_campaign_page_shows_where_its_money_went_from_its_own_ledger_entries()
    {
        await GiftAndAllocationAsync(); // money without a campaign: not this campaign's
        var gift = await ReceiptAsync(500_000, W.WarmClothes.Id);
        var proposed = Ok(await ProposeMoneyAsync(gift, W.Jackets, 300_000));
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id))).Booked);

        await using var site = new PublicSiteFactory(Db);
        var page = WebUtility.HtmlDecode(await site.CreateClient().GetStringAsync($"/chien-dich/{W.WarmClothes.Slug}"));
        var money = page[page.IndexOf("Tiền của chiến dịch đi đâu", StringComparison.Ordinal)..];
        Assert.Contains("Đã phân bổ cho nhu cầu của các xã</dt><dd>" + Shared.Text.VietnameseFormat.Vnd(300_000), money);
        Assert.Contains("Đang giữ để chi</dt><dd>" + Shared.Text.VietnameseFormat.Vnd(300_000), money);
        Assert.Contains("Chưa phân bổ</dt><dd>" + Shared.Text.VietnameseFormat.Vnd(200_000), money);
        Assert.DoesNotContain(AllocationWorld.ChildName, page);
    }

    [Fact]
    public async Task The_programme_dashboard_shows_received_allocated_spent_and_uncovered_needs_within_the_readers_units()
    {
        var (receipt, allocation) = await GiftAndAllocationAsync();
        await using (var db = Db.NewContext())
        {
            // An expense of 500.000 ₫ from the allocation and one more, reversed: the ledger as the expense service writes it.
            var last = await db.LedgerEntries.MaxAsync(e => e.Sequence);
            var paid = Entry(LedgerEntryKind.Expense, 500_000, source: allocation);
            var undone = Entry(LedgerEntryKind.Expense, 300_000, source: allocation);
            var reversal = Entry(LedgerEntryKind.Reversal, -300_000, reverses: last + 2);
            // And goods handed out at 200.000 ₫ from it: delivered in kind, no longer held (the dashboard reads the ledger as is).
            var handedOut = Entry(LedgerEntryKind.Distribution, 200_000, source: allocation);
            (paid.Sequence, undone.Sequence, reversal.Sequence, handedOut.Sequence) = (last + 1, last + 2, last + 3, last + 4);
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAsync(db, [paid, undone, reversal, handedOut]);
            await tx.CommitAsync();
        }

        var mine = await AsAsync(W.Approver, (_, db) => new ProgrammeDashboard(db).ComputeAsync());
        Assert.Equal((3_000_000, 2_000_000, 1_000_000, 500_000, 200_000, 1_300_000),
            (mine.Total.ReceivedVnd, mine.Total.AllocatedVnd, mine.Total.UnallocatedVnd, mine.Total.SpentVnd, mine.Total.DeliveredVnd, mine.Total.HeldVnd));
        var commune = Assert.Single(mine.ByCommune);
        Assert.Equal(("Xã Ia Đal", 2_000_000, 500_000, 200_000), (commune.Name, commune.AllocatedVnd, commune.SpentVnd, commune.DeliveredVnd));
        Assert.Equal((nameof(Shared.Needs.NeedCategory.Nutrition), 500_000), (Assert.Single(mine.ByCategory).Name, mine.ByCategory[0].SpentVnd));
        // Ia Đal's approved needs: 100 meals at 20.000 ₫ and 51 jackets at 180.000 ₫, all at level 1; the allocation
        // committed 100 meals' worth (2.000.000 ₫) of the meals line.
        var level = Assert.Single(mine.Uncovered);
        Assert.Equal((1, 3, 2_000_000 + 51 * 180_000), (level.Level, level.Lines, level.RequestedVnd));
        Assert.Equal(level.RequestedVnd - level.CommittedVnd, level.UncoveredVnd);

        // A commune officer of Ia Tơi sees none of Ia Đal's money, only Ia Tơi's needs.
        var theirs = await AsAsync(W.OtherCommune, (_, db) => new ProgrammeDashboard(db).ComputeAsync());
        Assert.Equal((0, 0, 0), (theirs.Total.ReceivedVnd, theirs.Total.AllocatedVnd, theirs.Total.SpentVnd));
        Assert.Empty(theirs.ByCommune);
        Assert.Equal(1, Assert.Single(theirs.Uncovered).Lines);
        Assert.DoesNotContain(receipt.ReceiptNumber, System.Text.Json.JsonSerializer.Serialize(theirs));
    }

    [Theory]
    [InlineData("2026-12-02T01:00:00Z", null, true)] // 08:00 in Vietnam, no run yet
    [InlineData("2026-12-02T01:00:00Z", "2026-12-01T19:05:00Z", false)] // ran at 02:05 tonight
    [InlineData("2026-12-02T01:00:00Z", "2026-12-01T18:55:00Z", true)] // last ran before 02:00 tonight
    [InlineData("2026-12-01T18:30:00Z", "2026-11-30T19:05:00Z", false)] // 01:30: tonight's is not due yet, last night's done
    public async Task A_run_is_due_once_each_night_after_the_hour(string now, string? lastRun, bool due)
    {
        await using var db = Db.NewContext();
        if (lastRun is not null)
        {
            var at = DateTime.Parse(lastRun, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
            db.BalanceRuns.Add(new BalanceRun { StartedAt = at, FinishedAt = at, InvariantsHold = true });
            await db.SaveChangesAsync();
        }
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(due, await new BalanceRunner(db, clock).IsDueAsync(hour: 2));
    }

    private LedgerEntry Entry(LedgerEntryKind kind, long amount, long? source = null, long? reverses = null, int? campaign = null, string? unit = null,
        string? item = null, decimal? quantity = null) => new()
    {
        FormatVersion = LedgerCanonicalForm.CurrentVersion, RecordedAt = DateTime.UtcNow, ValueDate = new DateOnly(2026, 12, 1), Kind = kind,
        AmountVnd = amount, CampaignId = campaign, Description = "Bút toán giả", DonorDisplay = "", SourceSequence = source, ReversesSequence = reverses,
        UnitCode = unit ?? W.IaDal.Code, Item = item, Quantity = quantity, UnitOfMeasure = item is null ? null : "chiếc",
        PreviousHash = new string('0', 64), Hash = new string('f', 64), SearchText = "",
    };
}

public class BalanceTestsOnSqlite() : BalanceTests(DatabaseProvider.Sqlite);

public class BalanceTestsOnPostgres() : BalanceTests(DatabaseProvider.Postgres);
