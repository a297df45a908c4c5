using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Audit;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Pledges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Benchmarks;

/// <summary>
/// Import and match of a generated statement of <see cref="Lines"/> lines (CHILDAID_BENCH_STATEMENT_LINES, default
/// 200,000: the scale of a national relief appeal) through <see cref="BankStatementImporter.RunAsync"/> as the page and
/// the CLI run it: read the CSV, parse, dedupe keys, check against the account's stored lines, write the lines in one
/// transaction, then match: half the lines name one of <see cref="Lines"/>/2 real pledges (each paid once per
/// iteration), which are booked in batches (contribution, receipt number, ledger entry, verified-gift key, honor roll,
/// payment on the pledge, receipt and thank-you mails for the donors with an address, audit rows). Each iteration
/// imports the same file into a new account of the same unit, so no line is a duplicate and every reference matches
/// again. Lines/s = Lines ÷ Mean. The ledger's hash chain is verified after the last iteration.
/// CHILDAID_BENCH_PROVIDERS=Postgres (or Sqlite) limits the run to one database.
/// </summary>
[Config(typeof(NeedsImportBenchmarks.Config))]
[MemoryDiagnoser]
public class BankStatementImportBenchmarks
{
    public static readonly int Lines = int.Parse(Environment.GetEnvironmentVariable("CHILDAID_BENCH_STATEMENT_LINES") is { Length: > 0 } n ? n : "200000",
        System.Globalization.CultureInfo.InvariantCulture);

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    public static IEnumerable<DatabaseProvider> Providers() => StatementQueryBenchmarks.Providers();

    private ServiceProvider _services = null!;
    private string _file = "";
    private int _unit;
    private int _campaign;
    private int _iteration;
    private int _account;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var cs = Provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), $"childaid-statement-bench-{Guid.NewGuid():N}.db")}"
            : await FreshPostgresAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChildAidData(new DatabaseOptions { Provider = Provider, ConnectionString = cs });
        _services = services.BuildServiceProvider();

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        await db.Database.MigrateAsync();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Suppressed = true;
        var unit = new AdminUnit { Code = "23535", Name = "Xã Ia Đal", Level = AdminUnitLevel.Commune };
        db.AdminUnits.Add(unit);
        var campaign = new Campaign
        {
            Slug = "cuu-tro-bao-lu", Title = "Cứu trợ bão lũ miền Trung", Summary = "Lời kêu gọi toàn quốc", StartDate = new DateOnly(2026, 10, 1),
            MoneyGoalVnd = 500_000_000_000, Status = CampaignStatus.Active, UpdatedAt = DateTime.UtcNow,
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        (_unit, _campaign) = (unit.Id, campaign.Id);

        // One donor and one pledge per referenced line; half the donors gave an e-mail address (they get two mails per receipt).
        var pledgeCount = (Lines + 1) / 2;
        var random = new Random(7);
        var donors = Enumerable.Range(0, pledgeCount).Select(i =>
        {
            var donor = new Donor
            {
                Name = $"Nhà tài trợ {i:D6}", Kind = i % 20 == 0 ? DonorKind.Business : DonorKind.Person, Origin = DonorOrigin.Domestic,
                DisplayChoice = (DisplayChoice)(i % 4 + 1), Email = i % 2 == 0 ? $"donor{i}@example.org" : null, AdminUnitId = unit.Id, CreatedAt = DateTime.UtcNow,
            };
            donor.RefreshSearchText();
            return donor;
        }).ToList();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await BulkInsert.InsertAsync(db, donors);
            await tx.CommitAsync();
        }
        var donorIds = await db.Donors.OrderBy(d => d.Id).Select(d => d.Id).ToListAsync();
        var references = new HashSet<string>(StringComparer.Ordinal);
        while (references.Count < pledgeCount) references.Add(PledgeReference.New());
        var pledges = references.Select((reference, i) => new Pledge
        {
            Reference = reference, IntakeId = Guid.NewGuid(), DonorId = donorIds[i], CampaignId = campaign.Id, AdminUnitId = unit.Id,
            AmountVnd = 50_000L * random.Next(1, 200), CreatedAt = new DateTime(2026, 10, 20, 3, 0, 0, DateTimeKind.Utc),
        }).ToList();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await BulkInsert.InsertAsync(db, pledges);
            await tx.CommitAsync();
        }
        _file = Path.Combine(Path.GetTempPath(), $"childaid-statement-bench-{Lines}.csv");
        BankStatementGenerator.Write(_file, Lines, pledges.Select(p => (p.Reference, p.AmountVnd)).ToList());
        Console.WriteLine($"// {Provider}: {Lines:N0}-line statement {new FileInfo(_file).Length / 1024:N0} KiB, {pledgeCount:N0} pledges");
    }

    private static async Task<string> FreshPostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable("CHILDAID_BENCH_PG") is { Length: > 0 } external ? external
            : ChildAid.Tests.Infrastructure.ThrowawayPostgres.Start("childaid-statement-pg", "");
        await using (var conn = new Npgsql.NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand("DROP DATABASE IF EXISTS childaid_statement_bench WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
            await using var create = new Npgsql.NpgsqlCommand("CREATE DATABASE childaid_statement_bench", conn);
            await create.ExecuteNonQueryAsync();
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = "childaid_statement_bench", CommandTimeout = 0 }.ConnectionString;
    }

    [IterationSetup]
    public void NewAccount()
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var account = new BankAccount
        {
            Code = $"BENCH-{++_iteration}", BankName = "Vietcombank", Bin = "970436", AccountNumber = "0000000093", AccountName = "QUY BAO TRO TRE EM (BENCH)",
            AdminUnitId = _unit, CampaignId = _campaign, Preset = StatementPreset.Vietcombank.Code, CreatedAt = DateTime.UtcNow,
        };
        db.BankAccounts.Add(account);
        db.SaveChanges();
        _account = account.Id;
        if (Provider == DatabaseProvider.Postgres) db.Database.ExecuteSqlRaw("ANALYZE");
    }

    [Benchmark]
    public async Task<int> ImportAndMatch()
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "bench";
        await using var file = File.OpenRead(_file);
        var watch = Stopwatch.StartNew();
        var report = await scope.ServiceProvider.GetRequiredService<BankStatementImporter>().RunAsync(_account, file, "sao-ke-bench.csv");
        var total = watch.Elapsed;
        if (!report.Succeeded || report.Match is not { } match)
            throw new InvalidOperationException($"{Provider}: {string.Join("\n", report.Result.Errors.Take(5))}");
        var expected = (Lines + 1) / 2;
        if (match.Matched != expected || match.Problems.Count > 0)
            throw new InvalidOperationException($"{Provider}: matched {match.Matched} of {expected}; {string.Join("\n", match.Problems.Take(5))}");
        var t = report.Result.Timings!;
        Console.WriteLine(FormattableString.Invariant(
            $"// {Provider}: {Lines / total.TotalSeconds:N0} lines/s; import {t.ReadAndParse.TotalSeconds:F1} s read+parse, {t.Check.TotalSeconds:F1} s checks, {t.Write.TotalSeconds:F1} s write; match {report.MatchTime.TotalSeconds:F1} s ({match.Matched:N0} booked, {match.Unmatched:N0} waiting); working set {Environment.WorkingSet / (1024 * 1024)} MiB, managed heap {GC.GetTotalMemory(false) / (1024 * 1024)} MiB"));
        return match.Matched;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        using (var scope = _services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var head = db.LedgerHeads.AsNoTracking().Single(h => h.Id == 1);
            var verified = LedgerVerifier.VerifyAsync(db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable(), head.LastHash)
                .GetAwaiter().GetResult();
            Console.WriteLine($"// {Provider}: ledger {(verified.IsIntact ? "intact" : "BROKEN at " + verified.FirstBrokenSequence + ": " + verified.Problem)}, {verified.EntriesChecked:N0} entries");
        }
        Console.WriteLine($"// {Provider}: peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        _services.Dispose();
    }
}
