using BenchmarkDotNet.Attributes;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Benchmarks;

/// <summary>
/// What the public statement page really runs: <see cref="StatementQuery.PageAsync"/> (20 lines a page, every word of
/// the query must occur), resolved from DI as PublicSite registers it — pooled PublicDbContext, and with
/// <c>InMemoryIndex = true</c> the singleton <see cref="StatementSearchIndex"/> (warmed up first, as PublicSite does at
/// start-up); <c>false</c> is the SQL fallback StatementQuery uses when no index is registered.
/// </summary>
[Config(typeof(StatementSearchBenchmarks.Config))]
public class StatementQueryBenchmarks
{
    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    [ParamsAllValues]
    public SearchCase Case { get; set; }

    [Params(true, false)]
    public bool InMemoryIndex { get; set; }

    private ServiceProvider _services = null!;
    private StatementFilter _filter = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cs = BenchDatabase.ConnectionStringAsync(Provider, StatementSearchBenchmarks.Entries).GetAwaiter().GetResult();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPublicData(new DatabaseOptions { Provider = Provider, ConnectionString = cs });
        services.AddSingleton(sp => new StatementSearchIndex(sp.GetRequiredService<IServiceScopeFactory>(), TimeSpan.FromSeconds(2)));
        var useIndex = InMemoryIndex;
        services.AddScoped(sp => new StatementQuery(sp.GetRequiredService<PublicDbContext>(), useIndex ? sp.GetRequiredService<StatementSearchIndex>() : null));
        _services = services.BuildServiceProvider();
        if (useIndex) _services.GetRequiredService<StatementSearchIndex>().WarmUpAsync().GetAwaiter().GetResult();

        var campaign = Case == SearchCase.CommonInCampaign ? LedgerGenerator.Campaigns[2].Slug : null;
        _filter = new StatementFilter(StatementSearchBenchmarks.Term(Case), campaign);
        var lines = SearchAsync().GetAwaiter().GetResult();
        var expected = Case switch { SearchCase.NoMatch => 0, SearchCase.Rare => LedgerGenerator.RareDonorEntries, _ => StatementFilter.PageSize };
        if (lines != expected) throw new InvalidOperationException($"{Provider}/{Case}/index={InMemoryIndex}: expected {expected} lines, got {lines}.");
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
}
