using BenchmarkDotNet.Attributes;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ChildAid.Benchmarks;

/// <summary>
/// The same searches with the proposed index (see <see cref="BenchDatabase.ProposedConnectionStringAsync"/>):
/// PostgreSQL runs the unchanged EF query, which now uses the pg_trgm GIN index for LIKE '%term%';
/// SQLite asks the FTS5 trigram table newest first (ORDER BY its rowid DESC needs no sort, so a common term stops
/// after one page) and falls back to instr for terms shorter than three characters.
/// </summary>
[Config(typeof(StatementSearchBenchmarks.Config))]
public class ProposedIndexSearchBenchmarks
{
    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    [ParamsAllValues]
    public SearchCase Case { get; set; }

    private PooledDbContextFactory<PublicDbContext> _contexts = null!;
    private string _folded = "";
    private int? _campaignId;

    [GlobalSetup]
    public void Setup()
    {
        var cs = BenchDatabase.ProposedConnectionStringAsync(Provider, StatementSearchBenchmarks.Entries).GetAwaiter().GetResult();
        var o = new DbContextOptionsBuilder<PublicDbContext>();
        if (Provider == DatabaseProvider.Postgres) DataServiceCollectionExtensions.ConfigurePostgres(o, cs);
        else DataServiceCollectionExtensions.ConfigureSqlite(o, cs);
        o.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        _contexts = new PooledDbContextFactory<PublicDbContext>(o.Options);
        _folded = TextFolding.Fold(StatementSearchBenchmarks.Term(Case));
        _campaignId = Case == SearchCase.CommonInCampaign ? 3 : null;
        var hits = SearchAsync().GetAwaiter().GetResult();
        var expected = Case switch { SearchCase.NoMatch => 0, SearchCase.Rare => LedgerGenerator.RareDonorEntries, _ => StatementSearchBenchmarks.PageSize + 1 };
        if (hits != expected) throw new InvalidOperationException($"{Provider}/{Case}: expected {expected} rows, got {hits}.");
    }

    [Benchmark]
    public Task<int> SearchWithProposedIndex() => SearchAsync();

    public async Task<int> SearchAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        const int take = StatementSearchBenchmarks.PageSize + 1;
        List<LedgerEntry> page;
        if (Provider == DatabaseProvider.Sqlite && _folded.Length >= 3)
        {
            var pattern = "%" + _folded + "%";
            page = _campaignId is { } c
                ? await db.LedgerEntries.FromSql($"""
                    SELECT e.* FROM ledger_search s JOIN ledger_entries e ON e.sequence = s.rowid
                    WHERE s.search_text LIKE {pattern} AND e.campaign_id = {c} ORDER BY s.rowid DESC LIMIT {take}
                    """).ToListAsync()
                : await db.LedgerEntries.FromSql($"""
                    SELECT e.* FROM ledger_search s JOIN ledger_entries e ON e.sequence = s.rowid
                    WHERE s.search_text LIKE {pattern} ORDER BY s.rowid DESC LIMIT {take}
                    """).ToListAsync();
        }
        else
        {
            IQueryable<LedgerEntry> query = db.LedgerEntries.Where(e => e.SearchText.Contains(_folded));
            if (_campaignId is { } campaign) query = query.Where(e => e.CampaignId == campaign);
            page = await query.OrderByDescending(e => e.Sequence).Take(take).ToListAsync();
        }
        return page.Count;
    }
}
