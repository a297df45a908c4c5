using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using NpgsqlTypes;

namespace ChildAid.Benchmarks;

/// <summary>
/// Migrated databases (the real migrations, per provider) holding the generated ledger. The SQLite file is kept in
/// the temp folder and reused by the next run if it holds the same number of entries; PostgreSQL is a throwaway
/// cluster started with initdb/pg_ctl (as user postgres when root), or the server named by CHILDAID_BENCH_PG
/// (an admin connection string; database childaid_bench is dropped and rebuilt there).
/// </summary>
public static class BenchDatabase
{
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private static readonly Dictionary<DatabaseProvider, string> Ready = [];

    public static async Task<string> ConnectionStringAsync(DatabaseProvider provider, int entries)
    {
        await Lock.WaitAsync();
        try
        {
            if (Ready.TryGetValue(provider, out var cs)) return cs;
            var watch = Stopwatch.StartNew();
            cs = provider == DatabaseProvider.Sqlite ? await SqliteAsync(entries) : await PostgresAsync(entries);
            Console.WriteLine($"// {provider}: {entries:N0} ledger entries ready in {watch.Elapsed.TotalSeconds:F1} s");
            return Ready[provider] = cs;
        }
        finally { Lock.Release(); }
    }

    /// <summary>
    /// Where a benchmark keeps its data between runs: a SQLite file under CHILDAID_BENCH_DIR (default the temp folder), or a
    /// PostgreSQL database on CHILDAID_BENCH_PG (default the throwaway cluster), created when missing.
    /// </summary>
    public static async Task<string> PlaceAsync(DatabaseProvider provider, string sqliteFile, string postgresDatabase)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var dir = Environment.GetEnvironmentVariable("CHILDAID_BENCH_DIR") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "childaid-bench");
            Directory.CreateDirectory(dir);
            return $"Data Source={Path.Combine(dir, sqliteFile + ".db")}";
        }
        var admin = Environment.GetEnvironmentVariable("CHILDAID_BENCH_PG") is { Length: > 0 } external
            ? external : ChildAid.Tests.Infrastructure.ThrowawayPostgres.Start("childaid-bench-pg", "-c fsync=off");
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{postgresDatabase}'", conn);
            if (await exists.ExecuteScalarAsync() is null)
                await new NpgsqlCommand($"CREATE DATABASE {postgresDatabase}", conn).ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = postgresDatabase, CommandTimeout = 0 }.ConnectionString;
    }

    /// <summary>The full (BackOffice) context of a benchmark database, without the audit interceptor: setup writes only.</summary>
    public static ChildAidDbContext Context(DatabaseProvider provider, string cs)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var o = new DbContextOptionsBuilder<PostgresChildAidDbContext>();
            DataServiceCollectionExtensions.ConfigurePostgres(o, cs);
            return new PostgresChildAidDbContext(o.Options);
        }
        var s = new DbContextOptionsBuilder<SqliteChildAidDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(s, cs);
        return new SqliteChildAidDbContext(s.Options);
    }

    public static PublicDbContext PublicContext(DatabaseProvider provider, string connectionString, IInterceptor? interceptor = null)
    {
        var o = new DbContextOptionsBuilder<PublicDbContext>();
        if (interceptor is not null) o.AddInterceptors(interceptor);
        if (provider == DatabaseProvider.Postgres) DataServiceCollectionExtensions.ConfigurePostgres(o, connectionString);
        else DataServiceCollectionExtensions.ConfigureSqlite(o, connectionString);
        o.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        return new PublicDbContext(o.Options);
    }

    // ------------------------------------------------------------------ SQLite

    private static async Task<string> SqliteAsync(int entries)
    {
        var dir = Environment.GetEnvironmentVariable("CHILDAID_BENCH_DIR") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "childaid-bench");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"ledger-{entries}-v2.db");
        var cs = $"Data Source={file}";
        var o = new DbContextOptionsBuilder<SqliteChildAidDbContext>();
        DataServiceCollectionExtensions.ConfigureSqlite(o, cs);
        if (File.Exists(file) && await SqliteCountAsync(cs) == entries)
        {
            await using var existing = new SqliteChildAidDbContext(o.Options);
            await existing.Database.MigrateAsync();
            return cs;
        }

        // Up to the first Search… migration, load, then the rest: the FTS5 table is built once from the loaded rows.
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
        await using (var db = new SqliteChildAidDbContext(o.Options))
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeSearch(db));
            db.Campaigns.AddRange(LedgerGenerator.Campaigns);
            await db.SaveChangesAsync();
        }

        await using var conn = new SqliteConnection(cs);
        await conn.OpenAsync();
        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO ledger_entries ({Columns}) VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,@p9,@p10,@p11,@p12,@p13,@p14,@p15)";
        var p = Enumerable.Range(0, 16).Select(i => cmd.Parameters.Add(new SqliteParameter($"@p{i}", null))).ToArray();
        cmd.Prepare();
        LedgerEntry last = null!;
        foreach (var e in LedgerGenerator.Generate(entries))
        {
            // The text forms EF Core's SQLite provider writes and reads back.
            p[0].Value = e.Sequence;
            p[1].Value = e.RecordedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            p[2].Value = e.ValueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p[3].Value = e.Kind.ToString();
            p[4].Value = e.AmountVnd;
            p[5].Value = (object?)e.Currency ?? DBNull.Value;
            p[6].Value = e.OriginalAmount is { } oa ? oa.ToString("0.0###########################", CultureInfo.InvariantCulture) : DBNull.Value;
            p[7].Value = e.ExchangeRate is { } er ? er.ToString("0.0###########################", CultureInfo.InvariantCulture) : DBNull.Value;
            p[8].Value = (object?)e.CampaignId ?? DBNull.Value;
            p[9].Value = (object?)e.ReceiptNumber ?? DBNull.Value;
            p[10].Value = e.Description;
            p[11].Value = e.DonorDisplay;
            p[12].Value = (object?)e.ReversesSequence ?? DBNull.Value;
            p[13].Value = e.PreviousHash;
            p[14].Value = e.Hash;
            p[15].Value = e.SearchText;
            await cmd.ExecuteNonQueryAsync();
            last = e;
        }
        await using (var head = conn.CreateCommand())
        {
            head.Transaction = tx;
            head.CommandText = "UPDATE ledger_heads SET last_sequence = @s, last_hash = @h WHERE id = 1";
            head.Parameters.AddWithValue("@s", last.Sequence);
            head.Parameters.AddWithValue("@h", last.Hash);
            await head.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        await using (var db = new SqliteChildAidDbContext(o.Options))
        {
            var watch = Stopwatch.StartNew();
            await db.Database.MigrateAsync();
            Console.WriteLine($"// SQLite: remaining migrations (search index) applied in {watch.Elapsed.TotalSeconds:F0} s; file {new FileInfo(file).Length / 1e6:F0} MB");
        }
        return cs;
    }

    private static string BeforeSearch(DbContext db) =>
        db.Database.GetMigrations().TakeWhile(m => !m[14..].StartsWith("_Search", StringComparison.Ordinal)).Last();

    private static async Task<long> SqliteCountAsync(string cs)
    {
        try
        {
            await using var conn = new SqliteConnection(cs);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM ledger_entries";
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        catch (SqliteException) { return -1; }
    }

    private const string Columns =
        "sequence, recorded_at, value_date, kind, amount_vnd, currency, original_amount, exchange_rate, campaign_id, receipt_number, " +
        "description, donor_display, reverses_sequence, previous_hash, hash, search_text";

    // ------------------------------------------------------------------ PostgreSQL

    /// <summary>
    /// Database <c>childaid_bench_N</c>: reused when it already holds N entries (then only pending migrations run, so
    /// a new index is built over the loaded rows), else rebuilt: migrated up to the first <c>Search…</c> migration,
    /// loaded with COPY, then migrated to the end, so the search index is built once after loading, not row by row.
    /// </summary>
    private static async Task<string> PostgresAsync(int entries)
    {
        var admin = Environment.GetEnvironmentVariable("CHILDAID_BENCH_PG") is { Length: > 0 } external ? external : ChildAid.Tests.Infrastructure.ThrowawayPostgres.Start("childaid-bench-pg", "-c fsync=off");
        var name = $"childaid_bench_{entries}";
        // Index builds after the load run in memory (GIN with the default 64 MB spills and merges many times over).
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, CommandTimeout = 0, Options = "-c maintenance_work_mem=2GB" }.ConnectionString;
        if (await PostgresCountAsync(cs) == entries)
        {
            await MigratePostgresAsync(cs, null);
            return cs;
        }
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn)) await drop.ExecuteNonQueryAsync();
            await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", conn)) await create.ExecuteNonQueryAsync();
        }

        var o = new DbContextOptionsBuilder<PostgresChildAidDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(o, cs);
        await using (var db = new PostgresChildAidDbContext(o.Options))
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeSearch(db));
            db.Campaigns.AddRange(LedgerGenerator.Campaigns);
            await db.SaveChangesAsync();
        }

        var watch = Stopwatch.StartNew();
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            LedgerEntry last = null!;
            await using (var copy = await conn.BeginBinaryImportAsync($"COPY ledger_entries ({Columns}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var e in LedgerGenerator.Generate(entries))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(e.Sequence, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(DateTime.SpecifyKind(e.RecordedAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(e.ValueDate, NpgsqlDbType.Date);
                    await copy.WriteAsync(e.Kind.ToString(), NpgsqlDbType.Varchar);
                    await copy.WriteAsync(e.AmountVnd, NpgsqlDbType.Bigint);
                    await WriteNullable(copy, e.Currency, NpgsqlDbType.Varchar);
                    await WriteNullable(copy, e.OriginalAmount, NpgsqlDbType.Numeric);
                    await WriteNullable(copy, e.ExchangeRate, NpgsqlDbType.Numeric);
                    await WriteNullable(copy, e.CampaignId, NpgsqlDbType.Integer);
                    await WriteNullable(copy, e.ReceiptNumber, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(e.Description, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(e.DonorDisplay, NpgsqlDbType.Varchar);
                    await WriteNullable(copy, e.ReversesSequence, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(e.PreviousHash, NpgsqlDbType.Char);
                    await copy.WriteAsync(e.Hash, NpgsqlDbType.Char);
                    await copy.WriteAsync(e.SearchText, NpgsqlDbType.Varchar);
                    last = e;
                    if (e.Sequence % 1_000_000 == 0) Console.WriteLine($"// Postgres: {e.Sequence:N0} entries copied, {watch.Elapsed.TotalSeconds:F0} s");
                }
                await copy.CompleteAsync();
            }
            await using (var head = new NpgsqlCommand("UPDATE ledger_heads SET last_sequence = @s, last_hash = @h WHERE id = 1", conn))
            {
                head.Parameters.AddWithValue("s", last.Sequence);
                head.Parameters.AddWithValue("h", last.Hash);
                await head.ExecuteNonQueryAsync();
            }
        }
        Console.WriteLine($"// Postgres: {entries:N0} entries copied in {watch.Elapsed.TotalSeconds:F0} s; building the indexes");
        await MigratePostgresAsync(cs, null);
        return cs;
    }

    /// <summary>
    /// Pending migrations (the search index among them), then what autovacuum would have done by the time anyone
    /// searches. An index that a later pending migration drops again is not built (<see cref="Superseded"/>): the
    /// schema ends the same, without an hour of GIN build at 10M entries for nothing.
    /// </summary>
    private static async Task MigratePostgresAsync(string cs, string? target)
    {
        var watch = Stopwatch.StartNew();
        var o = new DbContextOptionsBuilder<PostgresChildAidDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(o, cs);
        await using (var db = new PostgresChildAidDbContext(o.Options))
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count == 0) return;
            var migrator = db.GetService<IMigrator>();
            foreach (var migration in pending)
            {
                var step = Stopwatch.StartNew();
                if (Superseded(migration, pending))
                {
                    var history = db.GetService<IHistoryRepository>();
                    await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(migration, ProductInfo.GetVersion())));
                    Console.WriteLine($"// Postgres: {migration} marked applied without building its index (a later migration replaces it)");
                    continue;
                }
                await migrator.MigrateAsync(migration);
                Console.WriteLine($"// Postgres: {migration} applied in {step.Elapsed.TotalSeconds:F0} s");
            }
            Console.WriteLine($"// Postgres: migrations applied in {watch.Elapsed.TotalSeconds:F0} s");
        }
        var vacuum = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE ledger_entries", conn) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
        Console.WriteLine($"// Postgres: VACUUM ANALYZE in {vacuum.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>SearchFullText's expression index, dropped by Search10mStoredPrefixes when both are pending.</summary>
    private static bool Superseded(string migration, List<string> pending) =>
        migration.EndsWith("_SearchFullText", StringComparison.Ordinal)
        && pending.Any(m => m.EndsWith("_Search10mStoredPrefixes", StringComparison.Ordinal));

    private static async Task<long> PostgresCountAsync(string cs)
    {
        try
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM ledger_entries", conn) { CommandTimeout = 0 };
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        catch (PostgresException) { return -1; }
    }

    private static async Task WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null) await copy.WriteNullAsync();
        else await copy.WriteAsync(value, type);
    }
}
