using System.Diagnostics;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Benchmarks;

/// <summary>
/// `-- --try-indexes [--sqlite|--postgres]`: measures the search with the index this benchmark proposes, without
/// touching the migrations. PostgreSQL: pg_trgm GIN index on search_text (the same EF query then uses it for
/// LIKE '%term%'). SQLite: an FTS5 trigram table over search_text (external content), queried through
/// FromSql and composed by EF with the campaign filter, order and page. Works on a copy (SQLite) or the throwaway
/// bench database (PostgreSQL).
/// </summary>
public static class IndexExperiment
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sqlite = !args.Contains("--postgres");
        var postgres = !args.Contains("--sqlite");
        if (postgres)
        {
            var cs = await BenchDatabase.ProposedConnectionStringAsync(DatabaseProvider.Postgres, StatementSearchBenchmarks.Entries);
            await MeasureAsync("Postgres + pg_trgm GIN", () => BenchDatabase.PublicContext(DatabaseProvider.Postgres, cs),
                (db, folded) => db.LedgerEntries.Where(e => e.SearchText.Contains(folded)));
        }
        if (sqlite)
        {
            var ftsCs = await BenchDatabase.ProposedConnectionStringAsync(DatabaseProvider.Sqlite, StatementSearchBenchmarks.Entries);
            // Composed by EF: the FTS5 subquery collects every match before the page is cut (slow for common terms).
            await MeasureAsync("SQLite FTS5 IN (…)", () => BenchDatabase.PublicContext(DatabaseProvider.Sqlite, ftsCs),
                (db, folded) => folded.Length >= 3
                    ? db.LedgerEntries.FromSql($"SELECT * FROM ledger_entries WHERE sequence IN (SELECT rowid FROM ledger_search WHERE search_text LIKE {"%" + folded + "%"})")
                    : db.LedgerEntries.Where(e => e.SearchText.Contains(folded)));
            await MeasureRawSqliteAsync(ftsCs);
        }
        return 0;
    }

    /// <summary>
    /// The FTS5 table drives the search newest first (ORDER BY its rowid DESC, which FTS5 delivers without sorting),
    /// so a common term stops after one page and a rare one is found through the trigram index.
    /// </summary>
    private static async Task MeasureRawSqliteAsync(string cs)
    {
        foreach (var c in Enum.GetValues<SearchCase>())
        {
            var folded = TextFolding.Fold(StatementSearchBenchmarks.Term(c));
            var campaign = c == SearchCase.CommonInCampaign ? " AND e.campaign_id = 3" : "";
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < 65; i++)
            {
                var sw = Stopwatch.StartNew();
                await using var conn = new SqliteConnection(cs);
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = "SELECT e.* FROM ledger_search s JOIN ledger_entries e ON e.sequence = s.rowid " +
                                  $"WHERE s.search_text LIKE $p{campaign} ORDER BY s.rowid DESC LIMIT {StatementSearchBenchmarks.PageSize + 1}";
                cmd.Parameters.AddWithValue("$p", "%" + folded + "%");
                await using var reader = await cmd.ExecuteReaderAsync();
                rows = 0;
                var values = new object[reader.FieldCount];
                while (await reader.ReadAsync()) { reader.GetValues(values); rows++; }
                if (i >= 5) times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{"SQLite FTS5 ordered join",-24} {c,-17} rows {rows,3}  p50 {times[times.Count / 2],7:F2} ms  p95 {times[(int)Math.Ceiling(times.Count * 0.95) - 1],7:F2} ms  max {times[^1],7:F2} ms");
        }
    }

    private static async Task MeasureAsync(string label, Func<PublicDbContext> newContext, Func<PublicDbContext, string, IQueryable<LedgerEntry>> search)
    {
        foreach (var c in Enum.GetValues<SearchCase>())
        {
            var folded = TextFolding.Fold(StatementSearchBenchmarks.Term(c));
            int? campaign = c == SearchCase.CommonInCampaign ? 3 : null;
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < 65; i++)
            {
                var sw = Stopwatch.StartNew();
                await using var db = newContext();
                var q = search(db, folded);
                if (campaign is { } id) q = q.Where(e => e.CampaignId == id);
                rows = (await q.OrderByDescending(e => e.Sequence).Take(StatementSearchBenchmarks.PageSize + 1).ToListAsync()).Count;
                if (i >= 5) times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{label,-24} {c,-17} rows {rows,3}  p50 {times[times.Count / 2],7:F2} ms  p95 {times[(int)Math.Ceiling(times.Count * 0.95) - 1],7:F2} ms  max {times[^1],7:F2} ms");
        }
    }
}
