using System.Text;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Mail;
using ChildAid.Shared.Pledges;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.BankStatements;

/// <summary>
/// Credit lines that name a pledge are booked against it through the one booking core, once; the rest wait in the
/// queue for a manual match (with suggestions) or to be recorded as an unsolicited gift.
/// </summary>
public abstract class BankStatementMatchingTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private ServiceProvider _services = null!;
    private BankAccount _account = null!;
    private Campaign _campaign = null!;
    private Donor _donor = null!;
    private int _unitId;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _services = Db.Services();
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        _unitId = unit.Id;
        _campaign = await TestData.CampaignAsync(db);
        _donor = await TestData.DonorAsync(db, unit.Id, "Nguyễn Văn An");
        var fund = await TestData.CampaignAsync(db, "Quỹ chung");
        _account = await BankTestData.AccountAsync(db, unit.Id, StatementPreset.Vietcombank, campaignId: fund.Id);
    }

    public override async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await base.DisposeAsync();
    }

    private async Task<Pledge> PledgeAsync(string reference, long amount, string? message = null)
    {
        await using var db = Db.NewContext();
        var pledge = new Pledge
        {
            Reference = reference, IntakeId = Guid.NewGuid(), DonorId = _donor.Id, CampaignId = _campaign.Id, AdminUnitId = _unitId,
            AmountVnd = amount, CreatedAt = new DateTime(2026, 11, 1, 3, 0, 0, DateTimeKind.Utc), Message = message,
        };
        db.Pledges.Add(pledge);
        await db.SaveChangesAsync();
        return pledge;
    }

    private async Task<BankImportReport> ImportSampleAsync(string sample = "vcb.csv")
    {
        if (sample == "mb.csv")
        {
            await using var db = Db.NewContext();
            (await db.BankAccounts.SingleAsync(a => a.Id == _account.Id)).Preset = StatementPreset.MbBank.Code;
            await db.SaveChangesAsync();
        }
        await using var scope = Scope(_services, "ketoan@demo");
        await using var file = StatementParsingTests.Sample(sample);
        return await scope.ServiceProvider.GetRequiredService<BankStatementImporter>().RunAsync(_account.Id, file, sample);
    }

    private async Task<T> WithMatcher<T>(Func<BankStatementMatcher, Task<T>> work)
    {
        await using var scope = Scope(_services, "ketoan@demo");
        return await work(scope.ServiceProvider.GetRequiredService<BankStatementMatcher>());
    }

    private async Task<T> WithRematch<T>(Func<BankStatementRematch, Task<T>> work)
    {
        await using var scope = Scope(_services, "ketoan@demo");
        return await work(scope.ServiceProvider.GetRequiredService<BankStatementRematch>());
    }

    private async Task<BankStatementLine> LineAsync(int row)
    {
        await using var db = Db.NewContext();
        return await db.BankStatementLines.AsNoTracking().SingleAsync(l => l.RowNumber == row);
    }

    [Fact]
    public async Task A_line_whose_description_names_a_pledge_is_booked_against_it_with_receipt_and_ledger_entry_once()
    {
        var pledge = await PledgeAsync("CA7K3M9Q7", 1_000_000, message: "Chúc các em học giỏi");

        var report = await ImportSampleAsync();
        var again = await WithMatcher(m => m.MatchAsync(_account.Id));

        Assert.Equal((1, 1), (report.Match!.Matched, report.Match.Unmatched));
        Assert.Equal((0, 1), (again.Matched, again.Unmatched));
        await using var db = Db.NewContext();
        var gift = await db.Contributions.SingleAsync();
        Assert.Equal((ContributionChannel.BankStatement, "bank:VCB-QUY:id:5243.90051", pledge.Id, _donor.Id, _campaign.Id, 500_000L),
            (gift.Channel, gift.ExternalId, gift.PledgeId, gift.DonorId, gift.CampaignId, gift.AmountVnd));
        Assert.Equal((ContributionMethod.BankTransfer, new DateOnly(2026, 11, 5)), (gift.Method, gift.ReceivedOn));
        Assert.Equal("Chúc các em học giỏi", gift.Message); // the pledge form's message travels with the money
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.ReceiptNumber == gift.ReceiptNumber));
        var paid = await db.Pledges.SingleAsync();
        Assert.Equal((500_000L, PledgeState.PartlyPaid), (paid.PaidVnd, paid.Status));
        var line = await LineAsync(7);
        Assert.Equal((BankLineStatus.Matched, gift.Id, pledge.Id), (line.Status, line.ContributionId, line.PledgeId));
    }

    [Fact]
    public async Task A_statement_longer_than_a_batch_books_every_referenced_line_once_with_gapless_receipts_and_an_intact_chain()
    {
        const int paying = BankStatementMatcher.MatchBatchSize + 50;
        List<Pledge> pledges;
        await using (var db = Db.NewContext())
        {
            (await db.Donors.SingleAsync(d => d.Id == _donor.Id)).Email = "an@example.org";
            var references = new HashSet<string>(StringComparer.Ordinal);
            while (references.Count < paying) references.Add(PledgeReference.New());
            pledges = references.Select(r => new Pledge
            {
                Reference = r, IntakeId = Guid.NewGuid(), DonorId = _donor.Id, CampaignId = _campaign.Id, AdminUnitId = _unitId, AmountVnd = 100_000,
                CreatedAt = new DateTime(2026, 11, 1, 3, 0, 0, DateTimeKind.Utc),
            }).ToList();
            db.Pledges.AddRange(pledges);
            await db.SaveChangesAsync();
        }
        var csv = new StringBuilder("Ngày giao dịch/Transaction Date,Số tham chiếu/Reference No,Số tiền ghi nợ/Debit,Số tiền ghi có/Credit,Số dư/Balance,Mô tả/Description\n");
        for (var i = 0; i < paying; i++)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"05/11/2026,9000.{i},,\"100,000\",,\"IBFT {pledges[i].Reference[..4]} {pledges[i].Reference[4..].ToLowerInvariant()} NGUYEN VAN AN\"\n");
        csv.Append("06/11/2026,9001.1,,\"250,000\",,ung ho tre em vung cao\n06/11/2026,9001.2,\"11,000\",,,Phi dich vu SMS Banking\n");

        BankImportReport report;
        var progress = new RecordedProgress();
        await using (var scope = Scope(_services, "ketoan@demo"))
        await using (var file = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())))
            report = await scope.ServiceProvider.GetRequiredService<BankStatementImporter>().RunAsync(_account.Id, file, "sao-ke-lon.csv", progress);

        Assert.True(report.Succeeded, string.Join("\n", report.Result.Errors));
        Assert.Equal(paying, report.Match!.Matched);
        // The progress bar moves through the matching too (most of a big statement's time), batch by batch, after writing.
        var matching = progress.Reports.Where(p => p.Stage == Shared.Import.ImportStage.Matching).Select(p => (p.Matched, p.ToMatch)).ToList();
        Assert.Equal([(0, paying), (BankStatementMatcher.MatchBatchSize, paying), (paying, paying)], matching);
        Assert.Equal(Shared.Import.ImportStage.Matching, progress.Reports[^1].Stage);
        Assert.Equal(1, report.Match.Unmatched);
        Assert.Empty(report.Match.Problems);
        await using var check = Db.NewContext();
        var receipts = await check.Contributions.Select(c => new { c.ReceiptSequence, c.LedgerSequence, c.PledgeId, c.Channel }).ToListAsync();
        Assert.Equal(paying, receipts.Count);
        Assert.Equal(paying, receipts.Max(r => r.ReceiptSequence) - receipts.Min(r => r.ReceiptSequence) + 1);
        Assert.All(receipts, r => Assert.Equal(ContributionChannel.BankStatement, r.Channel));
        Assert.Equal(paying, receipts.Select(r => r.PledgeId).Distinct().Count());
        var head = await check.LedgerHeads.AsNoTracking().SingleAsync(h => h.Id == 1);
        var chain = await LedgerVerifier.VerifyAsync(check.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable(), head.LastHash);
        Assert.True(chain.IsIntact, chain.Problem);
        Assert.Equal(paying, chain.EntriesChecked);
        Assert.Equal(paying, await check.VerifiedGifts.CountAsync());
        Assert.Equal(paying, await check.HonorRollEntries.CountAsync());
        Assert.All(await check.Pledges.ToListAsync(), p => Assert.Equal(PledgeState.Paid, p.Status));
        Assert.Equal(2 * paying, await check.Set<MailOutboxMessage>().CountAsync());
        Assert.Equal(paying, await check.AuditEntries.CountAsync(a => a.EntityType == nameof(Contribution) && a.Actor == "ketoan@demo"));
        Assert.False(await check.AuditEntries.AnyAsync(a => a.EntityType == nameof(VerifiedGift) || a.EntityType == "DonorLink"));
        var marked = await check.BankStatementLines.Where(l => l.Status == BankLineStatus.Matched).Select(l => l.ContributionId).ToListAsync();
        Assert.Equal(paying, marked.Distinct().Count(id => id != null));

        // Matching again finds nothing left to book.
        var again = await WithMatcher(m => m.MatchAsync(_account.Id));
        Assert.Equal(0, again.Matched);
        Assert.Equal(paying, await check.Contributions.CountAsync());
    }

    [Fact]
    public async Task A_reference_that_checks_out_but_names_no_pledge_waits_in_the_queue()
    {
        var report = await ImportSampleAsync("mb.csv");

        Assert.Equal((0, 2), (report.Match!.Matched, report.Match.Unmatched));
        await using var db = Db.NewContext();
        Assert.Equal(["CAQ2ZD6P9", "CAM9TA3E7"], await db.BankStatementLines.OrderBy(l => l.RowNumber).Select(l => l.FoundReference).ToListAsync());
        Assert.Equal(0, await db.Contributions.CountAsync());
    }

    [Fact]
    public async Task A_line_left_waiting_by_a_failed_match_or_a_pledge_that_came_later_is_booked_by_the_next_rematch_once()
    {
        // The pledge's campaign is closed when the statement comes: the match refuses the line, which waits with its reference.
        var pledge = await PledgeAsync("CA7K3M9Q7", 1_000_000);
        await using (var db = Db.NewContext())
            await db.Campaigns.Where(c => c.Id == _campaign.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatus.Closed));
        var report = await ImportSampleAsync();
        Assert.Equal(0, report.Match!.Matched);
        Assert.NotEmpty(report.Match.Problems);
        Assert.Equal((BankLineStatus.Unmatched, "CA7K3M9Q7"), ((await LineAsync(7)).Status, (await LineAsync(7)).FoundReference));

        await using (var db = Db.NewContext())
            await db.Campaigns.Where(c => c.Id == _campaign.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CampaignStatus.Active));
        var first = await WithRematch(r => r.RunAsync(CancellationToken.None));
        var second = await WithRematch(r => r.RunAsync(CancellationToken.None));

        Assert.Equal((1, 0), (first.Matched, second.Matched));
        var line = await LineAsync(7);
        await using var check = Db.NewContext();
        var gift = await check.Contributions.SingleAsync();
        Assert.Equal((BankLineStatus.Matched, gift.Id, pledge.Id), (line.Status, line.ContributionId, line.PledgeId));
        Assert.Equal(500_000L, (await check.Pledges.SingleAsync()).PaidVnd);
        Assert.Empty(await WithRematch(r => r.AccountsWaitingAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_line_naming_a_pledge_still_in_PublicSites_intake_is_booked_once_the_pledge_exists()
    {
        var report = await ImportSampleAsync();
        Assert.Equal(0, report.Match!.Matched);
        Assert.Empty(await WithRematch(r => r.AccountsWaitingAsync(CancellationToken.None))); // no pledge yet: nothing to do

        var pledge = await PledgeAsync("CA7K3M9Q7", 1_000_000);
        Assert.Equal([_account.Id], await WithRematch(r => r.AccountsWaitingAsync(CancellationToken.None)));
        Assert.Equal(1, (await WithRematch(r => r.RunAsync(CancellationToken.None))).Matched);

        Assert.Equal((BankLineStatus.Matched, pledge.Id), ((await LineAsync(7)).Status, (await LineAsync(7)).PledgeId));
    }

    [Fact]
    public async Task BackOffices_worker_books_a_waiting_line_naming_a_pledge_for_every_unit_as_soon_as_it_starts()
    {
        await ImportSampleAsync();
        await PledgeAsync("CA7K3M9Q7", 1_000_000);
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["BankStatements:RematchMinutes"] = "60" }).Build();
        await using var app = Db.Services(s => s.AddBankStatementRematch(settings), asApp: true);
        var worker = app.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<BankStatementRematchWorker>().Single();

        await worker.StartAsync(CancellationToken.None);
        try
        {
            for (var i = 0; i < 200 && (await LineAsync(7)).Status == BankLineStatus.Unmatched; i++) await Task.Delay(50);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        Assert.Equal(BankLineStatus.Matched, (await LineAsync(7)).Status);
        await using var check = Db.NewContext();
        var gift = await check.Contributions.SingleAsync();
        Assert.Contains(await check.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Contribution)).Select(a => a.Actor).ToListAsync(),
            a => a == BankStatementRematch.Actor);
        Assert.Equal(ContributionChannel.BankStatement, gift.Channel);
    }

    [Fact]
    public async Task A_cancelled_pledge_is_not_paid_by_a_line_naming_it()
    {
        var pledge = await PledgeAsync("CA7K3M9Q7", 1_000_000);
        await using (var db = Db.NewContext())
        {
            (await db.Pledges.SingleAsync(p => p.Id == pledge.Id)).Cancel();
            await db.SaveChangesAsync();
        }

        var report = await ImportSampleAsync();

        Assert.Equal(0, report.Match!.Matched);
        Assert.Equal(BankLineStatus.Unmatched, (await LineAsync(7)).Status);
    }

    [Fact]
    public async Task An_unmatched_line_gets_suggestions_by_amount_and_name_and_a_manual_match_books_it()
    {
        await ImportSampleAsync();
        var sameAmount = await PledgeAsync("CAB4NH2TG", 1_000_000);
        var line = await LineAsync(9);

        var suggestions = await WithMatcher(m => m.SuggestAsync(line.Id));
        var outcome = await WithMatcher(m => m.MatchToPledgeAsync(line.Id, "cab4 nh2-tg"));
        var twice = await WithMatcher(m => m.MatchToPledgeAsync(line.Id, "CAB4NH2TG"));

        var suggestion = Assert.Single(suggestions);
        Assert.Equal((sameAmount.Id, "Cùng số tiền", "Nguyễn Văn An"), (suggestion.PledgeId, suggestion.Why, suggestion.DonorName));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        Assert.Equal(BankStatementMatcher.NotWaiting, twice.Errors["Line"]);
        await using var db = Db.NewContext();
        Assert.Equal(PledgeState.Paid, (await db.Pledges.SingleAsync(p => p.Id == sameAmount.Id)).Status);
        Assert.Equal(1, await db.Contributions.CountAsync());
    }

    [Fact]
    public async Task A_suggestion_finds_the_pledge_of_a_donor_named_in_the_description()
    {
        await using (var db = Db.NewContext()) await TestData.DonorAsync(db, _unitId, "Công ty TNHH An Bình", kind: DonorKind.Business);
        var pledge = await PledgeAsync("CAW5CF8JC", 9_000_000);
        await using (var db = Db.NewContext())
        {
            var business = await db.Donors.SingleAsync(d => d.Name == "Công ty TNHH An Bình");
            (await db.Pledges.SingleAsync(p => p.Id == pledge.Id)).DonorId = business.Id;
            await db.SaveChangesAsync();
        }
        await ImportSampleAsync("mb.csv");

        var suggestions = await WithMatcher(async m => await m.SuggestAsync((await LineAsync(5)).Id));

        Assert.Equal(("CAW5CF8JC", "Tên nhà tài trợ có trong nội dung"), (Assert.Single(suggestions).Reference, suggestions[0].Why));
    }

    [Fact]
    public async Task An_unsolicited_gift_is_booked_to_a_new_anonymous_donor_in_the_accounts_campaign()
    {
        await ImportSampleAsync();
        var line = await LineAsync(9);

        var outcome = await WithMatcher(m => m.RecordUnsolicitedAsync(line.Id, null, null));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        await using var db = Db.NewContext();
        var gift = await db.Contributions.Include(c => c.Donor).SingleAsync();
        Assert.Equal((ContributionChannel.Unsolicited, _account.CampaignId, DisplayChoice.Anonymous, BankStatementMatcher.Anonymous),
            (gift.Channel, gift.CampaignId, gift.Donor!.DisplayChoice, gift.Donor.Name));
        Assert.Equal(BankLineStatus.Unsolicited, (await LineAsync(9)).Status);
        Assert.Equal("bank:VCB-QUY:id:5243.90077", gift.ExternalId);
    }

    [Fact]
    public async Task An_unsolicited_gift_can_go_to_a_donor_named_by_staff()
    {
        await ImportSampleAsync();

        var outcome = await WithMatcher(async m => await m.RecordUnsolicitedAsync((await LineAsync(9)).Id, null, "Trần Thị Bình"));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        await using var db = Db.NewContext();
        Assert.Equal("Trần Thị Bình", (await db.Contributions.Include(c => c.Donor).SingleAsync()).Donor!.Name);
    }

    [Fact]
    public async Task Two_matching_runs_racing_over_the_same_lines_book_each_line_once()
    {
        await PledgeAsync("CA7K3M9Q7", 500_000);
        await using (var db = Db.NewContext())
        {
            var account = await db.BankAccounts.SingleAsync();
            var import = new BankStatementImport { BankAccountId = account.Id, AdminUnitId = _unitId, FileName = "x.csv", ImportedBy = "t", ImportedAt = DateTime.UtcNow };
            db.BankStatementImports.Add(import);
            await db.SaveChangesAsync();
            db.BankStatementLines.Add(new BankStatementLine
            {
                BankAccountId = account.Id, ImportId = import.Id, AdminUnitId = _unitId, RowNumber = 2, TransactionDate = new DateOnly(2026, 11, 5),
                DedupeKey = "id:FT1", Description = "CA7K3M9Q7", AmountVnd = 500_000, Status = BankLineStatus.Unmatched, FoundReference = "CA7K3M9Q7",
            });
            await db.SaveChangesAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => WithMatcher(m => m.MatchAsync(_account.Id)))));

        await using var check = Db.NewContext();
        Assert.Equal(1, await check.Contributions.CountAsync());
        Assert.Equal(500_000L, (await check.Pledges.SingleAsync()).PaidVnd);
    }

    [Fact]
    public async Task The_CLI_imports_a_statement_into_an_account_and_books_the_lines_naming_a_pledge()
    {
        await PledgeAsync("CA7K3M9Q7", 500_000);
        var path = Path.Combine(Path.GetTempPath(), $"sao-ke-{Guid.NewGuid():N}.csv");
        await using (var sample = StatementParsingTests.Sample("vcb.csv"))
        await using (var copy = File.Create(path)) await sample.CopyToAsync(copy);

        var (code, output) = await CliRunner.RunAsync(Db, "import", "bank-statement", "--account", "vcb-quy", path);
        var (again, againOutput) = await CliRunner.RunAsync(Db, "import", "bank-statement", "--account", "VCB-QUY", path);
        var (unknown, unknownOutput) = await CliRunner.RunAsync(Db, "import", "bank-statement", "--account", "KHONG-CO", path);

        Assert.True(code == 0, output);
        Assert.Contains("Đã nhập 3 giao dịch (2 khoản tiền vào) vào tài khoản VCB-QUY; đã ghi nhận 1 khoản theo mã cam kết, 1 khoản chờ đối chiếu.", output);
        Assert.Equal(1, again);
        Assert.Contains("Tệp này đã được nhập vào tài khoản VCB-QUY", againOutput);
        Assert.Equal(1, unknown);
        Assert.Contains("không có tài khoản ngân hàng mã KHONG-CO", unknownOutput);
        await using var db = Db.NewContext();
        Assert.Equal("cli:import-bank-statement", (await db.BankStatementImports.SingleAsync()).ImportedBy);
        Assert.Equal(1, await db.Contributions.CountAsync());
    }

    private async Task<Shared.Validation.Outcome<Contribution>> RecordByHandAsync(int pledgeId, long amount, DateOnly on)
    {
        await using var scope = Scope(_services, "ketoan@demo");
        return await ActivatorUtilities.CreateInstance<PledgeService>(scope.ServiceProvider).RecordTransferAsync(pledgeId,
            new PledgeTransferInput { AmountVnd = amount, ReceivedOn = on, IdempotencyKey = Guid.NewGuid() });
    }

    [Fact]
    public async Task A_transfer_staff_recorded_by_hand_is_linked_when_its_statement_line_arrives_and_not_booked_again()
    {
        var pledge = await PledgeAsync("CA7K3M9Q7", 1_000_000);
        var byHand = await RecordByHandAsync(pledge.Id, 500_000, new DateOnly(2026, 11, 4)); // the bank app, a day before the statement's date

        var report = await ImportSampleAsync();

        Assert.True(byHand.Succeeded);
        Assert.Equal((0, 1), (report.Match!.Matched, report.Match.Unmatched));
        Assert.Equal(new AlreadyRecordedLine(7, 500_000, byHand.Value!.ReceiptNumber), Assert.Single(report.Match.AlreadyRecorded));
        await using var db = Db.NewContext();
        var gift = await db.Contributions.SingleAsync();
        Assert.Equal((byHand.Value.Id, ContributionChannel.Transfer), (gift.Id, gift.Channel));
        var paid = await db.Pledges.SingleAsync();
        Assert.Equal((500_000L, PledgeState.PartlyPaid), (paid.PaidVnd, paid.Status));
        Assert.Equal(1, await db.LedgerEntries.CountAsync());
        var line = await LineAsync(7);
        Assert.Equal((BankLineStatus.AlreadyRecorded, gift.Id, pledge.Id), (line.Status, line.ContributionId, line.PledgeId));
        Assert.Equal(0, (await WithMatcher(m => m.MatchAsync(_account.Id))).Matched); // a second run books nothing either
        Assert.Equal(1, await db.Contributions.CountAsync());
    }

    [Fact]
    public async Task A_hand_recorded_transfer_of_another_amount_or_a_week_away_is_not_the_statement_line()
    {
        var pledge = await PledgeAsync("CA7K3M9Q7", 1_000_000);
        await RecordByHandAsync(pledge.Id, 400_000, new DateOnly(2026, 11, 5));
        await RecordByHandAsync(pledge.Id, 500_000, new DateOnly(2026, 10, 28));

        var report = await ImportSampleAsync();

        Assert.Equal(1, report.Match!.Matched);
        Assert.Empty(report.Match.AlreadyRecorded);
        await using var db = Db.NewContext();
        Assert.Equal(3, await db.Contributions.CountAsync());
        Assert.Equal(BankLineStatus.Matched, (await LineAsync(7)).Status);
    }

    [Fact]
    public async Task Recording_by_hand_a_transfer_the_statement_already_booked_is_refused_next_to_the_amount_naming_the_receipt()
    {
        var pledge = await PledgeAsync("CA7K3M9Q7", 1_000_000);
        await ImportSampleAsync();
        await using var db = Db.NewContext();
        var booked = await db.Contributions.SingleAsync();

        var byHand = await RecordByHandAsync(pledge.Id, 500_000, new DateOnly(2026, 11, 6));

        Assert.False(byHand.Succeeded);
        var message = byHand.Errors[nameof(PledgeTransferInput.AmountVnd)];
        Assert.Contains("đã được ghi nhận từ sao kê", message, StringComparison.Ordinal);
        Assert.Contains(booked.ReceiptNumber, message, StringComparison.Ordinal);
        Assert.Equal(1, await db.Contributions.CountAsync());
        Assert.Equal(500_000L, await db.Pledges.Select(p => p.PaidVnd).SingleAsync());
    }
}

public class BankStatementMatchingTestsOnSqlite() : BankStatementMatchingTests(DatabaseProvider.Sqlite);

public class BankStatementMatchingTestsOnPostgres() : BankStatementMatchingTests(DatabaseProvider.Postgres);

/// <summary>Keeps every report, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class RecordedProgress : IProgress<Shared.Import.ImportProgress>
{
    public List<Shared.Import.ImportProgress> Reports { get; } = [];
    public void Report(Shared.Import.ImportProgress value) => Reports.Add(value);
}
