namespace ChildAid.BackOffice;

/// <summary>
/// Admin verbs run from the command line: `dotnet run --project BackOffice -- VERB [options]`. Plain parsing, no framework:
/// each verb names its options; configuration arguments (`--Database:ConnectionString=…`) work with every verb.
/// Callable in-process (tests): <see cref="RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/>.
/// Exit codes: 0 done, 1 failed (e.g. a broken ledger), 2 bad usage.
/// </summary>
public static class CommandLine
{
    private sealed record Verb(string Name, string Usage, string Summary, string[] Values, string[] Flags,
        Func<CliContext, CliArgs, CancellationToken, Task<int>> Run, int Positional = 0);

    private static readonly Verb[] Verbs =
    [
        new("migrate", "migrate", "Apply the database migrations (SQLite: also switch the file to WAL).", [], [],
            (cli, _, ct) => DatabaseCommands.MigrateAsync(cli, ct)),
        new("seed", "seed --demo [--content DIR]", "Load the synthetic demo data set (idempotent: a second run adds nothing).", ["content"], ["demo"],
            DatabaseCommands.SeedAsync),
        new("verify-ledger", "verify-ledger [--file statement.csv]",
            "Recompute the ledger hash chain from the database, or from a downloaded statement CSV. Exit 0 intact, 1 broken.", ["file"], [],
            DatabaseCommands.VerifyLedgerAsync),
        new("verify-balances", "verify-balances [--publish]",
            "Recompute every balance from the ledger and check the invariants (nothing allocated beyond a gift, spent beyond an allocation, outside a campaign's restriction, reversed twice; stock never negative). With --publish, also publish the result as a balance run on PublicSite (what BackOffice does nightly). Exit 0 all hold, 1 at the first violation.",
            [], ["publish"], BalanceCommands.VerifyAsync),
        new("publish-nutrition", "publish-nutrition",
            "Recompute the public nutrition figures (/dinh-duong: cells of ten children or more by school; before/after once a programme has ended), as BackOffice does hourly; prints the rows published.",
            [], [], NutritionCommands.PublishNutritionAsync),
        new("verify-log", LogCommands.VerifyUsage,
            "Check a transparency-log checkpoint: its Ed25519 signature, its root recomputed from the ledger entries (from the database, or with --url from a site's /log/ entry bundles alone), and that an earlier saved checkpoint is a prefix of it. Exit 0 verified, 1 broken.",
            ["key", "checkpoint", "previous", "save", "url", "policy"], [], LogCommands.VerifyAsync),
        new("log", LogCommands.Usage,
            "Transparency log: make a signing key (printed or written to a new file, never anywhere else), or catch the tree up and sign a checkpoint now if one is due.",
            ["origin", "out"], [], LogCommands.LogAsync, Positional: 1),
        new("create-admin", "create-admin --email E --password P [--name N]",
            "Create (or reset) an admin with every unit; two-factor sign-in is enrolled at the first log-in.", ["email", "password", "name"], [],
            AccountCommands.CreateAdminAsync),
        new("create-public-login", "create-public-login --user U --password P",
            "PostgreSQL only: a LOGIN role in childaid_public_reader, for PublicSite's connection string.", ["user", "password"], [],
            AccountCommands.CreatePublicLoginAsync),
        new("create-backoffice-login", "create-backoffice-login --user U --password P",
            "PostgreSQL only: a LOGIN role in childaid_app (no DDL; the ledger read, appended, names erased), for BackOffice's connection string.",
            ["user", "password"], [], AccountCommands.CreateBackOfficeLoginAsync),
        new("erase-donor-name", "erase-donor-name --donor ID",
            "Erase a donor's name and salt from their v2 ledger entries (the hashes still verify) and the honor roll; audited.",
            ["donor"], [], LedgerCommands.EraseDonorNameAsync),
        new("campaign-areas", CampaignCommands.AreasUsage,
            "List a campaign's areas (where its gifts may be allocated: a commune, optionally one category) after adding and removing the ones given; a removal is refused while a live allocation depends on the area. Audited.",
            ["campaign", "add", "remove"], [], CampaignCommands.AreasAsync),
        new("import", ImportCommands.Usage,
            "Import a filled needs workbook into the commune's open review of that year (a new draft if none), or a bank statement (CSV/XLSX) into an account, then book the lines that name a pledge: every row checked, all written or none; errors in Vietnamese, exit 1.",
            ["review", "account"], [], ImportCommands.ImportAsync, Positional: 2),
        new("growth", GrowthCommands.Usage,
            "WHO z-scores (weight-for-age, length/height-for-age, weight-for-length/height, BMI-for-age) for a CSV of children (needs no database, only the WHO tables, Growth:ReferenceFolder); recompute: the stored z-scores of check-up measurements made with other tables, with progress.",
            [], [], GrowthCommands.RunAsync, Positional: 3),
        new("run", "run [--public-urls URLS] [--backoffice-urls URLS] [--public-site DLL] [--content DIR]",
            $"Migrate, seed an empty database with the demo data, start PublicSite ({RunCommand.DefaultPublicUrls}) and BackOffice ({RunCommand.DefaultBackOfficeUrls}); Ctrl+C stops both.",
            ["public-urls", "backoffice-urls", "public-site", "content"], [], RunCommand.RunAsync),
        new("help", "help", "This list.", [], [], (cli, _, _) => Help(cli.Output, 0)),
    ];

    /// <summary>
    /// True when the first argument names a verb (or looks like one and is misspelled); web host arguments start with
    /// "-" or are key=value, and go to the web app.
    /// </summary>
    public static bool IsVerb(string arg) => !arg.StartsWith('-') && !arg.Contains('=', StringComparison.Ordinal);

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter? error = null, CancellationToken ct = default)
    {
        error ??= output;
        if (args.Length == 0 || args[0] is "--help" or "-h") return await Help(output, args.Length == 0 ? 2 : 0);
        var verb = Verbs.FirstOrDefault(v => v.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase));
        if (verb is null)
        {
            await error.WriteLineAsync($"Unknown verb '{args[0]}'.");
            return await Help(error, 2);
        }
        var parsed = CliArgs.Parse(args, verb.Values, verb.Flags, verb.Positional);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await error.WriteLineAsync(e);
            await error.WriteLineAsync($"usage: {verb.Usage}");
            return 2;
        }
        try
        {
            return await verb.Run(CliContext.Create(parsed, output, error), parsed, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or FormatException
                                      or System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            await error.WriteLineAsync($"{verb.Name}: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> Help(TextWriter w, int exitCode)
    {
        await w.WriteLineAsync("ChildAid BackOffice. Without a verb it serves the staff site. Verbs:");
        foreach (var v in Verbs)
        {
            await w.WriteLineAsync($"  {v.Usage}");
            await w.WriteLineAsync($"      {v.Summary}");
        }
        await w.WriteLineAsync("Database (every verb): --Database:Provider=Sqlite|Postgres --Database:ConnectionString=\"…\"");
        await w.WriteLineAsync("  or the environment variables Database__Provider and Database__ConnectionString;");
        await w.WriteLineAsync("  default: SQLite file in ~/.local/share/ChildAid/childaid.db (the one `run` uses).");
        await w.WriteLineAsync("Ports of run: --public-urls/--backoffice-urls or CHILDAID_PUBLIC_URLS/CHILDAID_BACKOFFICE_URLS.");
        return exitCode;
    }
}
