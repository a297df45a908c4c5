using System.Data.Common;
using System.Diagnostics;
using ChildAid.Shared.Data;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Benchmarks;

/// <summary>
/// `-- --explain [--sqlite|--postgres]`: for each search case, the SQL EF sends, the database's plan, and a quick
/// stopwatch p50/p95 over 40 runs (a sanity check beside BenchmarkDotNet, not a replacement).
/// </summary>
public static class Explain
{
    public static async Task<int> RunAsync(string[] args)
    {
        var providers = args.Contains("--sqlite") ? [DatabaseProvider.Sqlite]
            : args.Contains("--postgres") ? [DatabaseProvider.Postgres]
            : new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };
        foreach (var provider in providers)
        {
            var cs = await BenchDatabase.ConnectionStringAsync(provider, StatementSearchBenchmarks.Entries);
            foreach (var c in Enum.GetValues<SearchCase>())
            {
                var bench = new StatementSearchBenchmarks { Provider = provider, Case = c };
                bench.Setup();
                await using var db = BenchDatabase.PublicContext(provider, cs);
                var folded = TextFolding.Fold(StatementSearchBenchmarks.Term(c));
                IQueryable<Shared.Ledger.LedgerEntry> q = db.LedgerEntries.Where(e => e.SearchText.Contains(folded));
                if (c == SearchCase.CommonInCampaign) q = q.Where(e => e.CampaignId == 3);
                var sql = q.OrderByDescending(e => e.Sequence).Take(StatementSearchBenchmarks.PageSize + 1).ToQueryString();
                Console.WriteLine($"\n=== {provider} / {c} (\"{StatementSearchBenchmarks.Term(c)}\" → \"{folded}\")\n{sql}");
                await PrintPlanAsync(db, provider, sql);

                var times = new List<double>();
                for (var i = 0; i < 45; i++)
                {
                    var sw = Stopwatch.StartNew();
                    await bench.SearchAsync();
                    if (i >= 5) times.Add(sw.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                Console.WriteLine($"-- stopwatch: p50 {times[times.Count / 2]:F2} ms, p95 {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:F2} ms, max {times[^1]:F2} ms");
            }
        }
        return 0;
    }

    private static async Task PrintPlanAsync(DbContext db, DatabaseProvider provider, string sql)
    {
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using DbCommand cmd = conn.CreateCommand();
        // ToQueryString declares parameters inline (SQLite: .param set; PostgreSQL: -- @p='…'); run the statement text with literals instead.
        cmd.CommandText = (provider == DatabaseProvider.Postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + Inline(sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Console.WriteLine("   " + reader.GetValue(reader.FieldCount - 1));
        await conn.CloseAsync();
    }

    /// <summary>Replaces the parameter declarations ToQueryString prints with literals in the statement.</summary>
    private static string Inline(string sql)
    {
        var lines = sql.Split('\n');
        var values = new Dictionary<string, string>();
        var body = new List<string>();
        foreach (var line in lines)
        {
            var m = System.Text.RegularExpressions.Regex.Match(line, @"^(?:\.param set|-- )\s*(@\w+)\s*=?\s*(.*?)(?:\s*\(DbType = \w+\))?\s*$");
            if (m.Success && (line.StartsWith(".param", StringComparison.Ordinal) || line.StartsWith("-- @", StringComparison.Ordinal)))
                values[m.Groups[1].Value] = m.Groups[2].Value;
            else body.Add(line);
        }
        var text = string.Join('\n', body);
        foreach (var (name, value) in values.OrderByDescending(v => v.Key.Length))
            text = text.Replace(name, value, StringComparison.Ordinal);
        return text;
    }
}
