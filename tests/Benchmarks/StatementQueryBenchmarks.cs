using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Perfolizer.Horology;

namespace ChildAid.Benchmarks;

public enum SearchCase
{
    /// <summary>"Nguyễn": about a fifth of all entries match; the newest page is found at once.</summary>
    Common,
    /// <summary>"Moc Chau" typed without diacritics: 12 entries match, whatever the ledger's size.</summary>
    Rare,
    /// <summary>"Không có ai tên này": no entry holds all five words ("co" and "ai" begin many).</summary>
    NoMatch,
    /// <summary>"Trần" within campaign 3 ("Sách vở đến trường"): search plus the campaign filter.</summary>
    CommonInCampaign,
    /// <summary>"Nguyễn Văn An": three common words, each in a large share of the entries, together in about one in 1,500.</summary>
    CommonFullName,
}

/// <summary>
/// What the public statement page runs: <see cref="StatementQuery.PageAsync"/> (20 lines a page, every word must begin
/// a word of the entry), resolved from DI as PublicSite registers it (pooled PublicDbContext, no other state), over
/// the generated ledger of <see cref="Entries"/> entries (CHILDAID_BENCH_ENTRIES, default 1,000,000).
/// Each iteration is exactly one search (InvocationCount = 1), so the P95 column is the 95th percentile of single
/// searches. CHILDAID_BENCH_PROVIDERS=Postgres (or Sqlite) limits the run to one database.
/// </summary>
[Config(typeof(Config))]
public class StatementQueryBenchmarks
{
    public static readonly int Entries = int.Parse(Environment.GetEnvironmentVariable("CHILDAID_BENCH_ENTRIES") is { Length: > 0 } n ? n : "1000000",
        CultureInfo.InvariantCulture);

    public static IEnumerable<DatabaseProvider> Providers() =>
        Environment.GetEnvironmentVariable("CHILDAID_BENCH_PROVIDERS") is { Length: > 0 } p
            ? p.Split(',').Select(Enum.Parse<DatabaseProvider>)
            : [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    [ParamsAllValues]
    public SearchCase Case { get; set; }

    private ServiceProvider _services = null!;
    private StatementFilter _filter = null!;

    public static string Term(SearchCase c) => c switch
    {
        SearchCase.Common => "Nguyễn",
        SearchCase.Rare => "moc chau",
        SearchCase.NoMatch => "Không có ai tên này",
        SearchCase.CommonInCampaign => "Trần",
        SearchCase.CommonFullName => "Nguyễn Văn An",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public static StatementFilter Filter(SearchCase c) =>
        new(Term(c), c == SearchCase.CommonInCampaign ? LedgerGenerator.Campaigns[2].Slug : null);

    [GlobalSetup]
    public void Setup()
    {
        var cs = BenchDatabase.ConnectionStringAsync(Provider, Entries).GetAwaiter().GetResult();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPublicData(new DatabaseOptions { Provider = Provider, ConnectionString = cs });
        services.AddScoped<StatementQuery>();
        _services = services.BuildServiceProvider();
        _filter = Filter(Case);
        // Fail early if the case is not what it claims to be.
        // (A planted rare entry can land where the generator books a reversal instead: 11 or 12 rare hits.)
        var lines = SearchAsync().GetAwaiter().GetResult();
        var ok = Case switch
        {
            SearchCase.NoMatch => lines == 0,
            SearchCase.Rare => lines is > 0 and <= LedgerGenerator.RareDonorEntries,
            _ => lines == StatementFilter.PageSize,
        };
        if (!ok) throw new InvalidOperationException($"{Provider}/{Case}: unexpected {lines} lines.");
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public Task<int> StatementPage() => SearchAsync();

    private async Task<int> SearchAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<StatementQuery>().PageAsync(_filter);
        return page.Lines.Count;
    }

    public sealed class Config : ManualConfig
    {
        public Config()
        {
            // In-process: the databases are built once per provider and shared by every case. The long timeout covers
            // building them on a loaded machine (the default five minutes stopped the PostgreSQL needs list at setup).
            AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true))
                .WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(60)
                .WithInvocationCount(1).WithUnrollFactor(1)
                .WithId("OneQueryPerIteration"));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
            SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond);
        }
    }
}
