using System.Data.Common;
using System.Diagnostics;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChildAid.Benchmarks;

/// <summary>
/// `-- --explain [--sqlite|--postgres]`: for each search case, the SQL that <see cref="StatementQuery"/> sends, the
/// database's plan of it (PostgreSQL: EXPLAIN ANALYZE; SQLite: EXPLAIN QUERY PLAN), and a quick stopwatch p50/p95
/// over 40 runs (a sanity check beside BenchmarkDotNet, not a replacement). Ledger size as in the benchmarks.
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
            var cs = await BenchDatabase.ConnectionStringAsync(provider, StatementQueryBenchmarks.Entries);
            foreach (var c in Enum.GetValues<SearchCase>())
            {
                var filter = StatementQueryBenchmarks.Filter(c);
                var capture = new LedgerCommandCapture();
                await using (var db = BenchDatabase.PublicContext(provider, cs, capture))
                    await new StatementQuery(db).PageAsync(filter);
                Console.WriteLine($"\n=== {provider} / {c} (\"{filter.Query}\"{(filter.Campaign is null ? "" : " in " + filter.Campaign)})\n{capture.Sql}");
                await PrintPlanAsync(provider, cs, capture);

                var times = new List<double>();
                for (var i = 0; i < 45; i++)
                {
                    var sw = Stopwatch.StartNew();
                    await using var db = BenchDatabase.PublicContext(provider, cs);
                    await new StatementQuery(db).PageAsync(filter);
                    if (i >= 5) times.Add(sw.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                Console.WriteLine($"-- stopwatch: p50 {times[times.Count / 2]:F2} ms, p95 {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:F2} ms, max {times[^1]:F2} ms");
            }
        }
        return 0;
    }

    private static async Task PrintPlanAsync(DatabaseProvider provider, string cs, LedgerCommandCapture capture)
    {
        await using var db = BenchDatabase.PublicContext(provider, cs);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using DbCommand cmd = conn.CreateCommand();
        cmd.CommandText = (provider == DatabaseProvider.Postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + capture.Sql;
        foreach (var (name, value) in capture.Parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Console.WriteLine("   " + reader.GetValue(reader.FieldCount - 1));
    }

    /// <summary>Keeps the last query on ledger_entries that EF sends, with its parameter values.</summary>
    public sealed class LedgerCommandCapture : DbCommandInterceptor
    {
        public string Sql { get; private set; } = "";
        public List<(string Name, object? Value)> Parameters { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("ledger_entries", StringComparison.Ordinal))
            {
                Sql = command.CommandText;
                Parameters.Clear();
                foreach (DbParameter p in command.Parameters) Parameters.Add((p.ParameterName, p.Value));
            }
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
