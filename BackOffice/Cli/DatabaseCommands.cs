using ChildAid.Shared.Data;
using ChildAid.Shared.Demo;
using ChildAid.Shared.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice;

/// <summary>migrate, seed --demo, verify-ledger.</summary>
public static class DatabaseCommands
{
    /// <summary>Applies the migrations of the configured provider. On SQLite also switches the file to WAL, so PublicSite reads while BackOffice writes.</summary>
    public static async Task<int> MigrateAsync(CliContext cli, CancellationToken ct)
    {
        if (cli.Database.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(cli.Database.ResolvedConnectionString()).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir) Directory.CreateDirectory(dir);
        }
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:migrate");
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0 && cli.Database.Provider == DatabaseProvider.Postgres && await CannotCreateRolesAsync(db, ct) is { } who)
        {
            // The migrations create the sites' roles; checked first, so a role without the right applies nothing at all.
            await cli.Error.WriteLineAsync(
                $"migrate: {who} may not create roles, and the migrations create the roles {DatabaseRoles.PublicReader} and {DatabaseRoles.App}. " +
                $"Nothing was applied. Run migrate as the database owner with CREATEROLE (ALTER ROLE {who} CREATEROLE; see README, \"Running on PostgreSQL in production\").");
            return 1;
        }
        await db.Database.MigrateAsync(ct);
        if (cli.Database.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await cli.Output.WriteLineAsync(pending.Count == 0
            ? $"Database is up to date ({cli.DescribeDatabase()})."
            : $"Applied {pending.Count} migration(s) to {cli.DescribeDatabase()}: {string.Join(", ", pending)}.");
        return 0;
    }

    /// <summary>The connecting role's name when it is neither superuser nor CREATEROLE; null when it may create roles.</summary>
    private static async Task<string?> CannotCreateRolesAsync(ChildAidDbContext db, CancellationToken ct)
    {
        var who = await db.Database.SqlQueryRaw<string>("SELECT current_user::text AS \"Value\"").SingleAsync(ct);
        var may = await db.Database.SqlQueryRaw<bool>(
            "SELECT coalesce(bool_or(rolsuper OR rolcreaterole), false) AS \"Value\" FROM pg_roles WHERE rolname = current_user").SingleAsync(ct);
        return may ? null : who;
    }

    public static async Task<int> SeedAsync(CliContext cli, CliArgs args, CancellationToken ct)
    {
        if (!args.Has("demo"))
        {
            await cli.Error.WriteLineAsync("seed: say what to load: seed --demo (the synthetic demo data set; never into a production database).");
            return 2;
        }
        var content = DemoContent.Locate(args["content"]);
        await using var services = cli.BuildServices();
        await cli.Output.WriteLineAsync($"Loading the demo data set from {content.Root} into {cli.DescribeDatabase()} …");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await new DemoSeeder(services.GetRequiredService<IServiceScopeFactory>(), cli.Output).SeedAsync(content, ct);
        // The starter pages, campaign stories and their images, through the services editors use (published as their files
        // say); like the rest of the seed, a bulk load of synthetic data is not a staff change, so it is not audited.
        await using (var scope = CliContext.Scope(services, Shared.Content.StarterContentImport.ActorName, suppressAudit: true))
        {
            var starter = await scope.ServiceProvider.GetRequiredService<Shared.Content.StarterContentImport>().ImportAsync(content.Root, ct);
            await cli.Output.WriteLineAsync($"Starter content: {starter.Created} items added ({starter.Published} published, {starter.Scheduled} scheduled), " +
                $"{starter.Images} images, {starter.Skipped} already there.");
        }
        await cli.Output.WriteLineAsync(result.Total == 0
            ? $"Nothing to add: the demo data set is already loaded ({started.Elapsed.TotalSeconds:0.0} s)."
            : $"Demo data loaded in {started.Elapsed.TotalSeconds:0.0} s: {result.Total} rows added.");
        return 0;
    }

    /// <summary>Re-computes the hash chain from the database, or from a statement CSV with --file. Exit code 0 intact, 1 broken.</summary>
    public static async Task<int> VerifyLedgerAsync(CliContext cli, CliArgs args, CancellationToken ct)
    {
        LedgerVerification result;
        string source;
        if (args["file"] is { } file)
        {
            source = Path.GetFullPath(file);
            if (!File.Exists(file))
            {
                await cli.Error.WriteLineAsync($"verify-ledger: no such file {source}");
                return 2;
            }
            try
            {
                using var reader = new StreamReader(file);
                result = await LedgerVerifier.VerifyAsync(StatementCsv.ReadAsync(reader, ct), ct: ct);
            }
            catch (Exception e) when (e is FormatException or CsvHelper.CsvHelperException or OverflowException)
            {
                await cli.Output.WriteLineAsync($"BROKEN: {source} is not a readable statement CSV: {e.Message}");
                return 1;
            }
        }
        else
        {
            source = cli.DescribeDatabase();
            await using var services = cli.BuildServices();
            await using var scope = CliContext.Scope(services, "cli:verify-ledger");
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var head = await db.LedgerHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
            result = await LedgerVerifier.VerifyAsync(
                db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable(), head.LastHash, ct);
        }

        if (result.IsIntact)
        {
            await cli.Output.WriteLineAsync(
                $"OK: {result.EntriesChecked} entries, hash chain intact ({source}). Format v1: {result.V1Entries}, v2: {result.V2Entries}; " +
                $"names erased (commitment kept): {result.ErasedNames}.");
            return 0;
        }
        if (result.IsUnknown)
        {
            await cli.Output.WriteLineAsync(
                $"UNKNOWN at sequence {result.FirstBrokenSequence}: {result.Problem}. {result.EntriesChecked} entries before it are intact; " +
                $"this verifier cannot check the rest ({source}).");
            return 1;
        }
        await cli.Output.WriteLineAsync(
            $"BROKEN at sequence {result.FirstBrokenSequence}: {result.Problem}. {result.EntriesChecked} entries before it are intact ({source}).");
        return 1;
    }
}
