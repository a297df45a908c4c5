using System.Diagnostics;
using System.Runtime.InteropServices;
using ChildAid.Shared.Data;
using ChildAid.Shared.Demo;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice;

/// <summary>
/// `run`: migrate, load the demo data into an empty database, start PublicSite as a child process and BackOffice in
/// this process, on the same database; Ctrl+C stops both. PublicSite is built with BackOffice (a project reference
/// that does not reference its assembly), so its build output sits next to ours in the source tree.
/// </summary>
public static class RunCommand
{
    public const string DefaultPublicUrls = "http://127.0.0.1:5080";
    public const string DefaultBackOfficeUrls = "http://127.0.0.1:5081";

    public static async Task<int> RunAsync(CliContext cli, CliArgs args, CancellationToken ct)
    {
        var publicUrls = args["public-urls"] ?? Environment.GetEnvironmentVariable("CHILDAID_PUBLIC_URLS") ?? DefaultPublicUrls;
        var backOfficeUrls = args["backoffice-urls"] ?? Environment.GetEnvironmentVariable("CHILDAID_BACKOFFICE_URLS") ?? DefaultBackOfficeUrls;
        var repo = FindRepositoryRoot();
        var publicDll = args["public-site"] ?? FindPublicSiteDll(repo);
        if (publicDll is null || !File.Exists(publicDll))
        {
            await cli.Error.WriteLineAsync("run: PublicSite's build output (ChildAid.PublicSite.dll) was not found. Build the solution (dotnet build) or pass --public-site PATH.");
            return 1;
        }

        var migrated = await DatabaseCommands.MigrateAsync(cli, ct);
        if (migrated != 0) return migrated;
        if (await IsEmptyAsync(cli, ct))
        {
            await cli.Output.WriteLineAsync("The database is empty: loading the demo data set.");
            var seeded = await DatabaseCommands.SeedAsync(cli, CliArgs.Parse(["seed", "--demo", .. args["content"] is { } c ? new[] { "--content", c } : []],
                ["content"], ["demo"]), ct);
            if (seeded != 0) return seeded;
        }

        // A PublicSite left over from an earlier run (or anything else) on the port would answer our health check
        // and pass for the one we start: refuse up front instead of claiming a new PublicSite runs.
        if (await AnswersAsync(FirstUrl(publicUrls), ct))
        {
            await cli.Error.WriteLineAsync($"run: something already listens on {FirstUrl(publicUrls)} (an earlier PublicSite?). Stop it or pass --public-urls.");
            return 1;
        }
        var connectionString = cli.Database.ResolvedConnectionString();
        var shared = SharedSettings(cli, publicUrls, backOfficeUrls);
        using var publicSite = StartPublicSite(cli, publicDll, repo, publicUrls, connectionString, shared);
        try
        {
            var backOfficeArgs = new List<string>
            {
                $"--urls={backOfficeUrls}",
                $"--{DatabaseOptions.Section}:Provider={cli.Database.Provider}",
                $"--{DatabaseOptions.Section}:ConnectionString={connectionString}",
            };
            if (repo is not null && Directory.Exists(Path.Combine(repo, "BackOffice"))) backOfficeArgs.Add($"--contentRoot={Path.Combine(repo, "BackOffice")}");
            backOfficeArgs.AddRange(LaptopLogging(cli).Select(s => $"--{s.Key}={s.Value}"));
            backOfficeArgs.AddRange(shared.Select(s => $"--{s.Key}={s.Value}"));
            // Receipts print a QR code to their PublicSite page: unless configured, that is the PublicSite started here.
            if (string.IsNullOrWhiteSpace(cli.Configuration["PublicSite:BaseUrl"])) backOfficeArgs.Add($"--PublicSite:BaseUrl={FirstUrl(publicUrls)}");
            // Mails to staff (an advance's missing invoice) link back to this BackOffice.
            if (string.IsNullOrWhiteSpace(cli.Configuration["BackOffice:StaffBaseUrl"])) backOfficeArgs.Add($"--BackOffice:StaffBaseUrl={FirstUrl(backOfficeUrls)}");
            // Checkpoints of the transparency log are signed out of the box with a throwaway key, plainly marked as one.
            if (await DemoLogKeyAsync(cli, cli.Configuration["PublicSite:BaseUrl"] is { Length: > 0 } site ? site : FirstUrl(publicUrls)) is { } keyFile)
            {
                backOfficeArgs.Add($"--{Shared.TransparencyLog.TransparencyLogOptions.Section}:SigningKeyFile={keyFile}");
                // ... and cosigned by a demo witness BackOffice hosts, unless witnesses are configured.
                if (cli.Configuration.GetSection($"{Shared.TransparencyLog.TransparencyLogOptions.Section}:Witnesses").GetChildren().Any() is false)
                {
                    var witnessFile = Path.Combine(Path.GetDirectoryName(keyFile)!, "DEMO-witness-key.txt");
                    using var witnessKey = TransparencyLog.DemoWitness.LoadOrCreateKey(witnessFile);
                    var witness = TransparencyLog.DemoWitness.Options(witnessKey, FirstUrl(backOfficeUrls));
                    backOfficeArgs.Add($"--{TransparencyLog.DemoWitness.Section}:KeyFile={witnessFile}");
                    backOfficeArgs.Add($"--TransparencyLog:Witnesses:0:Name={witness.Name}");
                    backOfficeArgs.Add($"--TransparencyLog:Witnesses:0:Key={witness.Key}");
                    backOfficeArgs.Add($"--TransparencyLog:Witnesses:0:Url={witness.Url}");
                    // The first pass runs before BackOffice listens, so the witness is asked again half a minute later.
                    if (string.IsNullOrWhiteSpace(cli.Configuration["TransparencyLog:IntervalSeconds"])) backOfficeArgs.Add("--TransparencyLog:IntervalSeconds=30");
                }
            }
            await using var app = BackOfficeApp.Build([.. backOfficeArgs]);
            await app.StartAsync(ct);

            var publicHealthy = await WaitHealthyAsync(publicSite, FirstUrl(publicUrls), ct);
            if (!publicHealthy || publicSite.HasExited)
            {
                await cli.Error.WriteLineAsync($"run: PublicSite did not answer {FirstUrl(publicUrls)}/health (is the port in use?).");
                await app.StopAsync(CancellationToken.None);
                return 1;
            }
            await PrintWelcomeAsync(cli, publicUrls, backOfficeUrls, ct);
            await app.WaitForShutdownAsync(ct);
            await app.StopAsync(CancellationToken.None);
            return 0;
        }
        finally
        {
            Stop(publicSite);
        }
    }

    /// <summary>
    /// Unless a signing key is configured: the demo key file in the data folder (beside the SQLite file, else the default one's), made on
    /// the first run and marked THROWAWAY DEMO KEY inside, so nobody mistakes it for the real log's key.
    /// </summary>
    private static async Task<string?> DemoLogKeyAsync(CliContext cli, string publicSiteUrl)
    {
        var options = cli.Configuration.GetSection(Shared.TransparencyLog.TransparencyLogOptions.Section).Get<Shared.TransparencyLog.TransparencyLogOptions>() ?? new();
        if (!string.IsNullOrWhiteSpace(options.SigningKey) || !string.IsNullOrWhiteSpace(options.SigningKeyFile)) return null;
        var folder = cli.Database.Provider == DatabaseProvider.Sqlite
                     && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cli.Database.ResolvedConnectionString()).DataSource is { Length: > 0 } source
                     && source != ":memory:"
            ? Path.GetDirectoryName(Path.GetFullPath(source))!
            : Path.GetDirectoryName(DatabaseOptions.DefaultSqlitePath)!;
        var file = Path.Combine(folder, "DEMO-transparency-log-signing-key.txt");
        if (!File.Exists(file))
        {
            using var signer = Shared.TransparencyLog.NoteSigner.Generate(options.ResolveOrigin(publicSiteUrl));
            await LogCommands.WriteKeyFileAsync(file, signer, "THROWAWAY DEMO KEY made by `run` for a laptop: never use it for a real log (make one with `log keygen`).");
        }
        return file;
    }

    private static async Task<bool> IsEmptyAsync(CliContext cli, CancellationToken ct)
    {
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:run");
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        return !await db.AdminUnits.AnyAsync(ct) && !await db.Users.AnyAsync(ct) && !await db.LedgerEntries.AnyAsync(ct);
    }

    /// <summary>
    /// What both sites must agree on. The media store's two areas as absolute paths: PublicSite runs in its own
    /// folder, so a relative default would name another place than BackOffice's. And a preview key: unless one is
    /// configured, a fresh random key for this run, so an editor's preview link works on a laptop out of the box.
    /// </summary>
    private static Dictionary<string, string> SharedSettings(CliContext cli, string publicUrls, string backOfficeUrls)
    {
        var media = new Shared.Media.MediaOptions();
        cli.Configuration.GetSection(Shared.Media.MediaOptions.Section).Bind(media);
        var key = cli.Configuration["Preview:Key"];
        var settings = new Dictionary<string, string>
        {
            ["Media:Root"] = Path.GetFullPath(media.Root),
            ["Media:PublicRoot"] = Path.GetFullPath(media.PublicRoot),
            ["Preview:Key"] = string.IsNullOrWhiteSpace(key) ? Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) : key,
            ["Preview:PublicSiteUrl"] = cli.Configuration["Preview:PublicSiteUrl"] is { Length: > 0 } p ? p : FirstUrl(publicUrls),
            ["Preview:BackOfficeUrl"] = cli.Configuration["Preview:BackOfficeUrl"] is { Length: > 0 } b ? b : FirstUrl(backOfficeUrls),
        };
        // On a laptop with no account configured, `run` shows the plainly marked demo account so the pledge flow and its
        // VietQR code work with no setup; a configured account always wins.
        if (string.IsNullOrWhiteSpace(cli.Configuration["PublicSite:Giving:AccountNumber"]))
        {
            var demo = Shared.Payments.VietQrAccount.Demo;
            settings["PublicSite:Giving:BankName"] = demo.BankName;
            settings["PublicSite:Giving:BankBin"] = demo.BankBin;
            settings["PublicSite:Giving:AccountNumber"] = demo.AccountNumber;
            settings["PublicSite:Giving:AccountName"] = demo.AccountName;
        }
        // Online pledges need a unit to belong to; on a laptop, the demo's Ia Đal (the commune in force today).
        if (string.IsNullOrWhiteSpace(cli.Configuration["Pledges:ReceivingUnitCode"])) settings["Pledges:ReceivingUnitCode"] = "23535";
        return settings;
    }

    private static Process StartPublicSite(CliContext cli, string dll, string? repo, string urls, string connectionString,
        Dictionary<string, string> shared)
    {
        var contentRoot = repo is not null && Directory.Exists(Path.Combine(repo, "PublicSite")) ? Path.Combine(repo, "PublicSite") : Path.GetDirectoryName(dll)!;
        var psi = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add($"--urls={urls}");
        psi.ArgumentList.Add($"--contentRoot={contentRoot}");
        // PublicSite watches this process and stops itself when it is gone, even after a kill -9 that skips our `finally`.
        psi.ArgumentList.Add($"--{ParentProcessWatch.Key}={Environment.ProcessId}");
        psi.Environment["ASPNETCORE_URLS"] = urls;
        psi.Environment["Database__Provider"] = cli.Database.Provider.ToString();
        psi.Environment["Database__ConnectionString"] = connectionString;
        foreach (var (key, value) in LaptopLogging(cli).Concat(shared)) psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start PublicSite.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) cli.Output.WriteLine($"[PublicSite] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) cli.Error.WriteLine($"[PublicSite] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // If this process goes away without reaching `finally` (e.g. killed), do not leave PublicSite running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);
        return process;
    }

    /// <summary>
    /// `run` is for a person at a terminal: readable log lines, and no line per request (they drown the welcome
    /// text). Each applies only where the configuration does not already say otherwise.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> LaptopLogging(CliContext cli)
    {
        KeyValuePair<string, string>[] defaults =
        [
            new("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
            new("Logging:LogLevel:Serilog.AspNetCore.RequestLoggingMiddleware", "Warning"),
            new(ChildAidLogging.FormatKey, "text"),
        ];
        return defaults.Where(d => cli.Configuration[d.Key] is null);
    }

    private static async Task<bool> AnswersAsync(string url, CancellationToken ct)
    {
        // "*", "+" and 0.0.0.0 mean every interface: loopback is one of them.
        var local = System.Text.RegularExpressions.Regex.Replace(url, @"//(\*|\+|0\.0\.0\.0)(?=[:/]|$)", "//127.0.0.1");
        if (!Uri.TryCreate(local, UriKind.Absolute, out var uri)) return false;
        using var client = new System.Net.Sockets.TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(uri.Host, uri.Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (process.HasExited) return;
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { /* already gone */ }
    }

    private static async Task<bool> WaitHealthyAsync(Process process, string baseUrl, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
        {
            if (process.HasExited) return false;
            try
            {
                using var response = await http.GetAsync(new Uri(baseUrl.TrimEnd('/') + "/health"), ct);
                if (response.IsSuccessStatusCode) return true;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(250, ct);
        }
        return false;
    }

    private static async Task PrintWelcomeAsync(CliContext cli, string publicUrls, string backOfficeUrls, CancellationToken ct)
    {
        var o = cli.Output;
        await o.WriteLineAsync();
        await o.WriteLineAsync("ChildAid is running (Ctrl+C stops both sites):");
        await o.WriteLineAsync($"  PublicSite  {FirstUrl(publicUrls)}");
        await o.WriteLineAsync($"  BackOffice  {FirstUrl(backOfficeUrls)}");
        await o.WriteLineAsync($"  Database    {cli.DescribeDatabase()}");
        await using var services = cli.BuildServices();
        await using var scope = CliContext.Scope(services, "cli:run");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var demo = new List<DemoStaffUser>();
        foreach (var u in DemoStaff.Users)
            if (await users.FindByEmailAsync(u.Email) is not null) demo.Add(u);
        if (demo.Count == 0) return;
        await o.WriteLineAsync($"Demo staff log-ins (password for all: {DemoStaff.Password}; demo only):");
        foreach (var u in demo)
            await o.WriteLineAsync($"  {u.Email,-36} {Roles.VietnameseLabels[u.Role]} ({u.Role}){(u.Role == Roles.Admin ? " — enrols two-factor at first log-in" : "")}");
        ct.ThrowIfCancellationRequested();
    }

    private static string FirstUrl(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];

    /// <summary>The dotnet host that runs us: the SDK's, found from the runtime directory (…/dotnet/shared/Microsoft.NETCore.App/VERSION/).</summary>
    private static string DotnetHost()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, exe);
        return File.Exists(candidate) ? candidate : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? exe;
    }

    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "PublicSite", "PublicSite.csproj"))) return dir.FullName;
        return null;
    }

    /// <summary>PublicSite/bin/CONFIGURATION/TFM/ChildAid.PublicSite.dll, same configuration and framework as this build; else the newest one.</summary>
    private static string? FindPublicSiteDll(string? repo)
    {
        if (repo is null) return null;
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var same = Path.Combine(repo, "PublicSite", "bin", baseDir.Parent?.Name ?? "Debug", baseDir.Name, "ChildAid.PublicSite.dll");
        if (File.Exists(same)) return same;
        var bin = Path.Combine(repo, "PublicSite", "bin");
        return Directory.Exists(bin)
            ? Directory.GetFiles(bin, "ChildAid.PublicSite.dll", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}publish{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
    }
}
