using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Perfolizer.Horology;

namespace ChildAid.Benchmarks;

public enum SearchCase
{
    /// <summary>"Nguyễn": about a third of all entries match; the newest page is found at once.</summary>
    Common,
    /// <summary>"Moc Chau" typed without diacritics: 12 entries of 200,000 match.</summary>
    Rare,
    /// <summary>"Không có ai tên này": nothing matches, so every entry is read.</summary>
    NoMatch,
    /// <summary>"Trần" within campaign 3 ("Sách vở đến trường"): search plus the campaign filter.</summary>
    CommonInCampaign,
}

/// <summary>
/// The public statement search (sao kê công khai) over 200,000 ledger entries: one page, newest first.
/// Each iteration is exactly one query (InvocationCount = 1), so the P95 column is the 95th percentile of single
/// searches. The query is the plain EF substring query (<see cref="SearchAsync"/>), which is also StatementQuery's SQL
/// fallback; <see cref="StatementQueryBenchmarks"/> measures StatementQuery.PageAsync as PublicSite runs it, and
/// <see cref="ProposedIndexSearchBenchmarks"/> the same search with a database index.
/// </summary>
[Config(typeof(Config))]
public class StatementSearchBenchmarks
{
    public const int Entries = 200_000;
    public const int PageSize = 50;

    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    [ParamsAllValues]
    public SearchCase Case { get; set; }

    private PooledDbContextFactory<PublicDbContext> _contexts = null!;
    private string _folded = "";
    private int? _campaignId;

    public static string Term(SearchCase c) => c switch
    {
        SearchCase.Common => "Nguyễn",
        SearchCase.Rare => "moc chau",
        SearchCase.NoMatch => "Không có ai tên này",
        SearchCase.CommonInCampaign => "Trần",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    [GlobalSetup]
    public void Setup()
    {
        var cs = BenchDatabase.ConnectionStringAsync(Provider, Entries).GetAwaiter().GetResult();
        var o = new DbContextOptionsBuilder<PublicDbContext>();
        if (Provider == DatabaseProvider.Postgres) DataServiceCollectionExtensions.ConfigurePostgres(o, cs);
        else DataServiceCollectionExtensions.ConfigureSqlite(o, cs);
        o.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        _contexts = new PooledDbContextFactory<PublicDbContext>(o.Options);
        _folded = TextFolding.Fold(Term(Case));
        _campaignId = Case == SearchCase.CommonInCampaign ? 3 : null;
        // Fail early if the case is not what it claims to be.
        var hits = SearchAsync().GetAwaiter().GetResult();
        var expected = Case switch { SearchCase.NoMatch => 0, SearchCase.Rare => LedgerGenerator.RareDonorEntries, _ => PageSize + 1 };
        if (hits != expected) throw new InvalidOperationException($"{Provider}/{Case}: expected {expected} rows, got {hits}.");
    }

    [Benchmark]
    public Task<int> PlainSearch() => SearchAsync();

    /// <summary>The statement page query: folded term, optional campaign, newest first, one page plus one row.</summary>
    public async Task<int> SearchAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        IQueryable<LedgerEntry> query = db.LedgerEntries.Where(e => e.SearchText.Contains(_folded));
        if (_campaignId is { } campaign) query = query.Where(e => e.CampaignId == campaign);
        var page = await query.OrderByDescending(e => e.Sequence).Take(PageSize + 1).ToListAsync();
        return page.Count;
    }

    public sealed class Config : ManualConfig
    {
        public Config()
        {
            // In-process: the 200,000-entry databases are built once per provider and shared by every case.
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(60)
                .WithInvocationCount(1).WithUnrollFactor(1)
                .WithId("OneQueryPerIteration"));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
            SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond);
        }
    }
}
