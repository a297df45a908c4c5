using ChildAid.Shared.Data;
using ChildAid.Shared.TransparencyLog;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.TransparencyLog;

public abstract class VerifyLogTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static readonly NoteSigner Key = NoteSigner.Generate("minhbach.example.vn/log");
    private static string KeyArg => $"--TransparencyLog:SigningKey={Key.PrivateKeyText}";
    private const string Site = "--PublicSite:BaseUrl=https://minhbach.example.vn";

    private async Task<string> SignAsync()
    {
        var (code, output) = await CliRunner.RunAsync(Db, "log", "checkpoint", KeyArg, Site);
        Assert.Equal(0, code);
        return output;
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var db = Db.NewContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private Task DisableLedgerGuardsAsync() => ExecuteSqlAsync(Provider == DatabaseProvider.Sqlite
        ? "DROP TRIGGER ledger_entries_refuse_update; DROP TRIGGER ledger_entries_erasure_only;"
        : "ALTER TABLE ledger_entries DISABLE TRIGGER USER");

    [Fact]
    public async Task A_signed_checkpoint_verifies_against_the_published_key_and_the_entries()
    {
        await LogTestLedger.AppendAsync(Db, 300);
        Assert.StartsWith("minhbach.example.vn/log\n300\n", await SignAsync());

        var (code, output) = await CliRunner.RunAsync(Db, "verify-log", "--key", Key.Verifier.VerifierKey);

        Assert.Equal(0, code);
        Assert.Contains("OK: checkpoint 300 of minhbach.example.vn/log is signed by minhbach.example.vn/log+", output);
    }

    /// <summary>PublicSite on real Kestrel (a loopback port) over the test database, read through its public login.</summary>
    private async Task<(WebApplication Site, string LogUrl)> StartPublicSiteAsync()
    {
        var site = ChildAid.PublicSite.Program.Build([
            "--urls=http://127.0.0.1:0", "--applicationName=ChildAid.PublicSite", "--environment=Development",
            $"--contentRoot={Path.Combine(RepositoryFolder.Root, "PublicSite")}", "--Logging:LogLevel:Default=Warning",
            $"--Database:Provider={Provider}", $"--Database:ConnectionString={Db.PublicConnectionString}"]);
        await site.StartAsync();
        var address = site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (site, address.TrimEnd('/') + "/log");
    }

    [Fact]
    public async Task Anyone_verifies_the_site_over_http_from_its_entry_bundles_alone_and_a_changed_entry_is_caught()
    {
        await LogTestLedger.AppendAsync(Db, 300); // a full bundle and a partial one
        await SignAsync();
        var (site, logUrl) = await StartPublicSiteAsync();
        await using var _ = site;
        var saved = Path.Combine(Path.GetTempPath(), $"checkpoint-{Guid.NewGuid():N}.txt");
        try
        {
            // No database arguments: the verifier has only the site's address and the key it trusts.
            var (code, output) = await CliRunner.RunRawAsync("verify-log", "--url", logUrl, "--key", Key.Verifier.VerifierKey, "--save", saved);
            Assert.True(code == 0, output);
            Assert.Contains($"OK: checkpoint 300 of minhbach.example.vn/log is signed by minhbach.example.vn/log+", output);
            Assert.Contains(logUrl, output);

            await DisableLedgerGuardsAsync();
            await ExecuteSqlAsync("UPDATE ledger_entries SET amount_vnd = 2500000 WHERE sequence = 257");
            var (brokenCode, broken) = await CliRunner.RunRawAsync("verify-log", "--url", logUrl, "--key", Key.Verifier.VerifierKey);

            Assert.Equal(1, brokenCode);
            Assert.Contains("BROKEN: the 300 entries do not give the checkpoint's root", broken);
        }
        finally
        {
            File.Delete(saved);
            await site.StopAsync();
        }
    }

    [Fact]
    public async Task Checking_a_site_needs_a_key_from_elsewhere_and_a_site_that_is_not_a_log_is_broken()
    {
        var (noKey, said) = await CliRunner.RunRawAsync("verify-log", "--url", "http://127.0.0.1:9/log");
        Assert.Equal(2, noKey);
        Assert.Contains("needs --key", said);

        var (site, logUrl) = await StartPublicSiteAsync(); // nothing signed yet: /log/checkpoint answers 404
        await using var _ = site;
        var (code, output) = await CliRunner.RunRawAsync("verify-log", "--url", logUrl, "--key", Key.Verifier.VerifierKey);
        await site.StopAsync();

        Assert.Equal(1, code);
        Assert.StartsWith("BROKEN:", output);
    }

    [Fact]
    public async Task A_checkpoint_signed_by_another_key_is_refused()
    {
        await LogTestLedger.AppendAsync(Db, 3);
        await SignAsync();
        using var other = NoteSigner.Generate("minhbach.example.vn/log");

        var (code, output) = await CliRunner.RunAsync(Db, "verify-log", "--key", other.Verifier.VerifierKey);

        Assert.Equal(1, code);
        Assert.Contains("BROKEN: checkpoint: no signature by the trusted key", output);
    }

    [Fact]
    public async Task An_amount_changed_in_SQL_after_the_checkpoint_is_found_with_exit_code_1()
    {
        await LogTestLedger.AppendAsync(Db, 5);
        await SignAsync();
        await DisableLedgerGuardsAsync();
        await ExecuteSqlAsync("UPDATE ledger_entries SET amount_vnd = 2500000 WHERE sequence = 2");

        var (code, output) = await CliRunner.RunAsync(Db, "verify-log", "--key", Key.Verifier.VerifierKey);

        Assert.Equal(1, code);
        Assert.Contains("BROKEN: entry 2 no longer hashes to the hash recorded for it", output);
    }

    [Fact]
    public async Task A_last_entry_rewritten_with_a_fresh_hash_passes_the_chain_but_not_the_signed_root()
    {
        await LogTestLedger.AppendAsync(Db, 4);
        await SignAsync();
        await DisableLedgerGuardsAsync();
        await using (var db = Db.NewContext())
        {
            // The forger rewrites the newest entry and its hash, and moves the head: the hash chain alone still holds.
            var last = await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.Sequence == 4);
            last.AmountVnd = 9_000_000;
            var hash = Shared.Ledger.LedgerCanonicalForm.ComputeHash(last);
            await db.Database.ExecuteSqlRawAsync("UPDATE ledger_entries SET amount_vnd = 9000000, hash = {0} WHERE sequence = 4", hash);
            await db.Database.ExecuteSqlRawAsync("UPDATE ledger_heads SET last_hash = {0} WHERE id = 1", hash);
        }
        Assert.Equal(0, (await CliRunner.RunAsync(Db, "verify-ledger")).ExitCode);

        var (code, output) = await CliRunner.RunAsync(Db, "verify-log", "--key", Key.Verifier.VerifierKey);

        Assert.Equal(1, code);
        Assert.Contains("BROKEN: the 4 entries do not give the checkpoint's root", output);
    }

    [Fact]
    public async Task A_checkpoint_saved_earlier_is_checked_to_be_a_prefix_of_the_new_one()
    {
        var saved = Path.Combine(Path.GetTempPath(), $"checkpoint-{Guid.NewGuid():N}.txt");
        try
        {
            await LogTestLedger.AppendAsync(Db, 3);
            await SignAsync();
            Assert.Equal(0, (await CliRunner.RunAsync(Db, "verify-log", "--key", Key.Verifier.VerifierKey, "--save", saved)).ExitCode);
            await LogTestLedger.AppendAsync(Db, 4);
            // The first checkpoint is older than the hourly limit: an hour passing, played by the owner with the
            // append-only guard off (the app itself can never change a signed checkpoint).
            await ExecuteSqlAsync(Provider == DatabaseProvider.Sqlite ? "DROP TRIGGER log_checkpoints_refuse_update" : "ALTER TABLE log_checkpoints DISABLE TRIGGER USER");
            await using (var db = Db.NewContext())
                await db.Database.ExecuteSqlRawAsync("UPDATE log_checkpoints SET signed_at = {0}", new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            Assert.StartsWith("minhbach.example.vn/log\n7\n", await SignAsync());

            var (code, output) = await CliRunner.RunAsync(Db, "verify-log", "--key", Key.Verifier.VerifierKey, "--previous", saved);

            Assert.Equal(0, code);
            Assert.Contains("OK: checkpoint 7", output);
            Assert.Contains("extends the earlier checkpoint of 3 entries", output);
        }
        finally
        {
            File.Delete(saved);
        }
    }
}

public class VerifyLogTestsOnSqlite() : VerifyLogTests(DatabaseProvider.Sqlite);

public class VerifyLogTestsOnPostgres() : VerifyLogTests(DatabaseProvider.Postgres);
