using ChildAid.Shared.Data;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.TransparencyLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildAid.BackOffice;

/// <summary>log keygen, log checkpoint, verify-log: the transparency log from the command line.</summary>
public static class LogCommands
{
    public const string Usage = "log keygen [--origin ORIGIN] [--out FILE] | log checkpoint";
    public const string VerifyUsage = "verify-log [--key VKEY] [--checkpoint FILE] [--previous FILE] [--save FILE] [--policy FILE] | verify-log --url LOG-URL --key VKEY [--previous FILE] [--save FILE] [--policy FILE]";

    public static async Task<int> LogAsync(CliContext cli, CliArgs args, CancellationToken ct) => args.Positional switch
    {
        ["keygen"] => await KeygenAsync(cli, args),
        ["checkpoint"] => await CheckpointAsync(cli, ct),
        _ => await UsageAsync(cli, Usage),
    };

    private static async Task<int> UsageAsync(CliContext cli, string usage)
    {
        await cli.Error.WriteLineAsync($"usage: {usage}");
        return 2;
    }

    private static string Origin(CliContext cli) =>
        (cli.Configuration.GetSection(TransparencyLogOptions.Section).Get<TransparencyLogOptions>() ?? new())
        .ResolveOrigin(cli.Configuration.GetSection(PublicSiteLinkOptions.Section).Get<PublicSiteLinkOptions>()?.BaseUrl ?? PublicSiteLinkOptions.DefaultBaseUrl);

    /// <summary>
    /// A new Ed25519 key named after the origin. The private key goes to --out (created, never overwritten) or to the
    /// output for the operator to put in configuration (TransparencyLog__SigningKey); it is never written anywhere else.
    /// </summary>
    private static async Task<int> KeygenAsync(CliContext cli, CliArgs args)
    {
        var origin = args["origin"] ?? Origin(cli);
        if (!NoteVerifier.IsValidName(origin)) return await UsageAsync(cli, "log keygen --origin ORIGIN   (no spaces, no '+')");
        using var signer = NoteSigner.Generate(origin);
        if (args["out"] is { } file)
        {
            if (File.Exists(file))
            {
                await cli.Error.WriteLineAsync($"log keygen: {file} exists; a signing key is never overwritten.");
                return 1;
            }
            await WriteKeyFileAsync(file, signer, "");
            await cli.Output.WriteLineAsync($"Signing key written to {Path.GetFullPath(file)} (TransparencyLog:SigningKeyFile). Keep it out of the repository.");
        }
        else
        {
            await cli.Output.WriteLineAsync("Signing key (configuration TransparencyLog:SigningKey; keep it secret, never commit it):");
            await cli.Output.WriteLineAsync(signer.PrivateKeyText);
        }
        await cli.Output.WriteLineAsync("Verifier key (publish it: README, /log/key):");
        await cli.Output.WriteLineAsync(signer.Verifier.VerifierKey);
        return 0;
    }

    /// <summary>A key file readable by its owner only; <paramref name="warning"/> goes on top as a comment line.</summary>
    public static async Task WriteKeyFileAsync(string file, NoteSigner signer, string warning)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var writer = new StreamWriter(file, System.Text.Encoding.UTF8, options);
        if (warning.Length > 0) await writer.WriteLineAsync("# " + warning);
        await writer.WriteLineAsync(signer.PrivateKeyText);
        await writer.WriteLineAsync("# verifier key: " + signer.Verifier.VerifierKey);
    }

    private static async Task<int> CheckpointAsync(CliContext cli, CancellationToken ct)
    {
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:log");
        var outcome = await scope.ServiceProvider.GetRequiredService<CheckpointSigner>().SignIfDueAsync(ct);
        await cli.Output.WriteLineAsync(outcome.Signed is { } signed ? signed.Note : outcome.Reason);
        return outcome.IsProblem ? 1 : 0;
    }

    /// <summary>
    /// Checks a checkpoint (--checkpoint FILE, else the latest signed) against the key (--key, else the configured
    /// signing key's, else the one the archive names), recomputes its root from the entries, and checks an earlier
    /// checkpoint the user saved (--previous) is a prefix of it; --save keeps this one for next time.
    /// </summary>
    public static async Task<int> VerifyAsync(CliContext cli, CliArgs args, CancellationToken ct)
    {
        if (args["url"] is { } url) return await VerifyRemoteAsync(cli, args, url, ct);
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:verify-log");
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var latest = await db.LogCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).FirstOrDefaultAsync(ct);

        string note;
        if (args["checkpoint"] is { } checkpointFile)
        {
            if (!File.Exists(checkpointFile)) return await MissingAsync(cli, checkpointFile);
            note = await File.ReadAllTextAsync(checkpointFile, ct);
        }
        else if (latest is not null)
            note = WitnessCollector.WithCosignatures(latest, await db.LogCosignatures.AsNoTracking().Where(c => c.CheckpointId == latest.Id).ToListAsync(ct));
        else
        {
            await cli.Output.WriteLineAsync("BROKEN: no checkpoint has been signed yet (log checkpoint signs one).");
            return 1;
        }

        NoteVerifier key;
        try
        {
            using var configured = scope.ServiceProvider.GetRequiredService<IOptions<TransparencyLogOptions>>().Value.LoadSigner();
            key = args["key"] is { } vkey ? NoteVerifier.Parse(vkey)
                : configured?.Verifier ?? (latest is not null ? NoteVerifier.Parse(latest.VerifierKey) : throw new FormatException("no key given (--key)"));
        }
        catch (FormatException e)
        {
            await cli.Output.WriteLineAsync($"BROKEN: {e.Message}");
            return 1;
        }

        if (args["previous"] is { } previousFile && !File.Exists(previousFile)) return await MissingAsync(cli, previousFile);
        var earlier = args["previous"] is { } previous ? await File.ReadAllTextAsync(previous, ct) : null;

        var result = await LogVerifier.VerifyAsync(note, key, EntriesOf(db), earlier, ct);
        return await ReportAsync(cli, args, result, note, key, cli.DescribeDatabase(), ct);
    }

    /// <summary>
    /// A log served as tlog-tiles (ours, a mirror, anyone's), checked over HTTP alone: no database, and the key comes from
    /// the user — a site that could forge entries could serve a key of its own just as well.
    /// </summary>
    private static async Task<int> VerifyRemoteAsync(CliContext cli, CliArgs args, string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var logUrl) || logUrl.Scheme is not ("https" or "http"))
            return await UsageAsync(cli, "verify-log --url https://SITE/log --key VKEY   (the log's address, e.g. https://childaid.vn/log)");
        if (args["key"] is not { } vkey)
        {
            await cli.Error.WriteLineAsync("verify-log --url needs --key VKEY: the verifier key you trust, taken from somewhere other than the site you check (the organisation's published key).");
            return 2;
        }
        if (args["previous"] is { } previousFile && !File.Exists(previousFile)) return await MissingAsync(cli, previousFile);
        var earlier = args["previous"] is { } previous ? await File.ReadAllTextAsync(previous, ct) : null;

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        var log = new RemoteLog(http, logUrl);
        try
        {
            var key = NoteVerifier.Parse(vkey);
            var note = await log.CheckpointAsync(ct);
            var result = await LogVerifier.VerifyAsync(note, key, log.EntriesAsync(RemoteLog.SizeOf(note, key), ct), earlier, ct);
            return await ReportAsync(cli, args, result, note, key, logUrl.AbsoluteUri, ct);
        }
        catch (Exception e) when (e is FormatException or HttpRequestException or InvalidDataException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            await cli.Output.WriteLineAsync($"BROKEN: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> ReportAsync(CliContext cli, CliArgs args, LogVerification result, string note, NoteVerifier key, string source, CancellationToken ct)
    {
        if (!result.IsIntact)
        {
            await cli.Output.WriteLineAsync($"BROKEN: {result.Problem}");
            return 1;
        }
        var c = result.Checkpoint!;
        if (args["policy"] is { } policyFile && !File.Exists(policyFile)) return await MissingAsync(cli, policyFile);
        var witnessed = args["policy"] is { } policyPath ? Witnessed(await File.ReadAllTextAsync(policyPath, ct), note, key) : null;
        if (witnessed is { Met: false })
        {
            await cli.Output.WriteLineAsync($"BROKEN: {witnessed.Value.Text}");
            return 1;
        }
        if (args["save"] is { } saveFile) await File.WriteAllTextAsync(saveFile, note, ct);
        await cli.Output.WriteLineAsync(
            $"OK: checkpoint {c.TreeSize} of {c.Origin} is signed by {key.Name}+{key.KeyId:x8}, its root is recomputed from the {c.TreeSize} entries ({source})" +
            (result.EarlierSize is { } earlierSize ? $", and it extends the earlier checkpoint of {earlierSize} entries." : ".") +
            (witnessed is { } w ? $" {w.Text}" : ""));
        return 0;
    }

    /// <summary>Whether the checkpoint's cosignatures meet a witness policy (C2SP tlog-policy) the user trusts, and which witnesses cosigned.</summary>
    private static (bool Met, string Text)? Witnessed(string policyText, string note, NoteVerifier key)
    {
        WitnessPolicy policy;
        try { policy = WitnessPolicy.Parse(policyText); }
        catch (FormatException e) { return (false, $"the policy file is not a tlog-policy: {e.Message}"); }
        if (policy.Logs.Count > 0 && !policy.Logs.Any(l => l.VerifierKey == key.VerifierKey))
            return (false, $"the policy does not name the log key {key.Name}+{key.KeyId:x8}");
        var cosigned = policy.CosignedBy(note);
        var names = cosigned.Count == 0 ? "none" : string.Join(", ", cosigned.Order(StringComparer.Ordinal));
        return policy.IsMet(cosigned)
            ? (true, $"Witnesses: {cosigned.Count} of {policy.Witnesses.Count} cosigned ({names}); the policy's quorum ({policy.Quorum}) is met.")
            : (false, $"the witness quorum ({policy.Quorum}) is not met: {cosigned.Count} of {policy.Witnesses.Count} witnesses cosigned ({names}).");
    }

    private static async IAsyncEnumerable<LoggedEntry> EntriesOf(ChildAidDbContext db)
    {
        await foreach (var e in db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable())
            yield return new LoggedEntry(e.Sequence, LogEntryBytes.Of(e), e.Hash);
    }

    private static async Task<int> MissingAsync(CliContext cli, string file)
    {
        await cli.Error.WriteLineAsync($"verify-log: no such file {Path.GetFullPath(file)}");
        return 2;
    }
}
