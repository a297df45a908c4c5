using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ChildAid.Shared.Balances;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using Microsoft.EntityFrameworkCore;
using Perfolizer.Horology;

namespace ChildAid.Benchmarks;

/// <summary>
/// verify-balances over <see cref="StatementQueryBenchmarks.Entries"/> ledger entries (default 1,000,000; target issue 10:
/// under 10 s). <see cref="VerifyFromDatabase"/>: what the CLI, the nightly run and GET /api/v1/balances do — stream the
/// statement benchmark's generated ledger (receipts, in-kind gifts, ~1 % reversals) from the database in sequence order
/// and check every invariant, on a fresh context. <see cref="CheckMixedLedger"/>: the rules alone over the same number of
/// entries of every kind in memory (half receipts, then allocations, expenses, reversals and stock movements), so the
/// cost of allocation and expense bookkeeping is measured too. CHILDAID_BENCH_PROVIDERS limits the databases.
/// </summary>
[Config(typeof(Config))]
public class BalanceBenchmarks
{
    public static IEnumerable<DatabaseProvider> Providers() => StatementQueryBenchmarks.Providers();

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    private string _cs = "";
    private BalanceEntry[] _mixed = [];

    [GlobalSetup]
    public void Setup()
    {
        _cs = BenchDatabase.ConnectionStringAsync(Provider, StatementQueryBenchmarks.Entries).GetAwaiter().GetResult();
        _mixed = Mixed(StatementQueryBenchmarks.Entries).ToArray();
        var fromDb = VerifyFromDatabase().GetAwaiter().GetResult();
        var mixed = CheckMixedLedger();
        if (fromDb.EntriesRead != StatementQueryBenchmarks.Entries || !fromDb.Holds || !mixed.Holds)
            throw new InvalidOperationException($"read {fromDb.EntriesRead}, holds {fromDb.Holds}; mixed holds {mixed.Holds}: {string.Join(" | ", mixed.Violations.Take(3))}");
        Console.WriteLine($"// {Provider}: {fromDb.EntriesRead:N0} entries, received {fromDb.Overall.ReceivedVnd:N0} VND; mixed: allocated {mixed.Overall.AllocatedVnd:N0}, spent {mixed.Overall.SpentVnd:N0}");
    }

    [Benchmark]
    public async Task<LedgerBalances> VerifyFromDatabase()
    {
        await using var db = BenchDatabase.Context(Provider, _cs);
        return await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking(), await BalanceRunner.CampaignAreasAsync(db, default));
    }

    [Benchmark]
    public LedgerBalances CheckMixedLedger()
    {
        var balances = new LedgerBalances();
        foreach (var e in _mixed) balances.Add(e);
        return balances;
    }

    /// <summary>Receipts, then for each receipt an allocation of 60 % (two in five), an expense of half of that, a few reversals, some stock.</summary>
    private static IEnumerable<BalanceEntry> Mixed(int count)
    {
        var rng = new Random(20261202);
        long seq = 0;
        var receipts = new List<(long Seq, long Amount, int? Campaign)>();
        var allocations = new List<(long Seq, long Amount)>();
        while (seq < count / 2)
        {
            var amount = 50_000L * rng.Next(1, 200);
            int? campaign = rng.Next(3) == 0 ? null : rng.Next(1, 7);
            receipts.Add((++seq, amount, campaign));
            yield return new BalanceEntry(seq, LedgerEntryKind.Receipt, amount, campaign, null, null, null, null, null, null);
        }
        foreach (var r in receipts)
        {
            if (seq >= count) yield break;
            var roll = rng.Next(100);
            if (roll < 40)
            {
                var amount = r.Amount * 6 / 10;
                allocations.Add((++seq, amount));
                yield return new BalanceEntry(seq, LedgerEntryKind.Allocation, amount, r.Campaign, "235" + rng.Next(10, 99), null, r.Seq, null, null, null);
            }
            else if (roll < 41)
                yield return new BalanceEntry(++seq, LedgerEntryKind.Reversal, -r.Amount, r.Campaign, null, r.Seq, null, null, null, null);
            else if (roll < 43)
                yield return new BalanceEntry(++seq, LedgerEntryKind.StockMovement, 0, null, "23535", null, null, "Áo ấm 6–8 tuổi", 10, "chiếc");
        }
        foreach (var a in allocations)
        {
            if (seq >= count) yield break;
            yield return new BalanceEntry(++seq, LedgerEntryKind.Expense, a.Amount / 2, null, "23535", null, a.Seq, null, null, null);
        }
        while (seq < count)
            yield return new BalanceEntry(++seq, LedgerEntryKind.StockMovement, 0, null, "23535", null, null, "Áo ấm 6–8 tuổi", 1, "chiếc");
    }

    public sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true))
                .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
                .WithInvocationCount(1).WithUnrollFactor(1)
                .WithId("OneRunPerIteration"));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
            AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
            SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond);
        }
    }
}
