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

    /// <summary>
    /// Replays what the search sent on ledger_entries in one transaction: planner settings (<c>SET LOCAL</c>) as they
    /// were, each query under EXPLAIN, so a two-step PostgreSQL search shows the plan of each step.
    /// </summary>
    private static async Task PrintPlanAsync(DatabaseProvider provider, string cs, LedgerCommandCapture capture)
    {
        await using var db = BenchDatabase.PublicContext(provider, cs);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        foreach (var (sql, parameters) in capture.Commands)
        {
            await using DbCommand cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            if (sql.StartsWith("SET LOCAL", StringComparison.Ordinal))
            {
                Console.WriteLine("   -- " + sql);
                cmd.CommandText = sql;
                await cmd.ExecuteNonQueryAsync();
                continue;
            }
            cmd.CommandText = (provider == DatabaseProvider.Postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + sql;
            foreach (var (name, value) in parameters)
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
        await tx.RollbackAsync();
    }

    /// <summary>Keeps the queries on ledger_entries that EF sends, and planner settings, with their parameter values.</summary>
    public sealed class LedgerCommandCapture : DbCommandInterceptor
    {
        public List<(string Sql, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

        public string Sql => string.Join("\n", Commands.Select(c => c.Sql));

        private void Keep(DbCommand command)
        {
            if (command.CommandText.Contains("ledger_entries", StringComparison.Ordinal) || command.CommandText.StartsWith("SET LOCAL", StringComparison.Ordinal))
                Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Keep(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Keep(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
