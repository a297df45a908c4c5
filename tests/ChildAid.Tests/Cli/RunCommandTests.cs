using System.Net;
using System.Net.Sockets;
using ChildAid.BackOffice;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ChildAid.Tests.Cli;

/// <summary>`run` is the laptop command: SQLite file, both sites, demo data on first start.</summary>
public class RunCommandTests
{
    [Fact]
    public async Task Run_on_an_empty_SQLite_file_seeds_it_serves_both_sites_prints_the_log_ins_and_stops_both_on_cancel()
    {
        var file = Path.Combine(Path.GetTempPath(), $"childaid-run-{Guid.NewGuid():N}.db");
        var (publicPort, backOfficePort) = (FreePort(), FreePort());
        var buffer = new StringWriter();
        var output = TextWriter.Synchronized(buffer); // the sites write from their own threads
        string Printed() { lock (output) return buffer.ToString(); }
        using var stop = new CancellationTokenSource();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var run = CommandLine.RunAsync(
                ["run", "--public-urls", $"http://127.0.0.1:{publicPort}", "--backoffice-urls", $"http://127.0.0.1:{backOfficePort}",
                 $"--Database:Provider={DatabaseProvider.Sqlite}", $"--Database:ConnectionString=Data Source={file};Pooling=False"],
                output, output, stop.Token);
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!Printed().Contains("ChildAid is running", StringComparison.Ordinal) && !run.IsCompleted && DateTime.UtcNow < deadline)
                await Task.Delay(250);
            Assert.False(run.IsCompleted, Printed());

            var publicHealth = await http.GetStringAsync(new Uri($"http://127.0.0.1:{publicPort}/health"));
            var backOfficeHealth = await http.GetStringAsync(new Uri($"http://127.0.0.1:{backOfficePort}/health"));
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal("Healthy", publicHealth);
            Assert.Equal("Healthy", backOfficeHealth);
            var printed = Printed();
            Assert.Contains("The database is empty: loading the demo data set.", printed);
            Assert.Contains($"PublicSite  http://127.0.0.1:{publicPort}", printed);
            Assert.Contains($"BackOffice  http://127.0.0.1:{backOfficePort}", printed);
            Assert.Contains("quantri@demo.childaid.example", printed);
            Assert.Contains(Shared.Demo.DemoStaff.Password, printed);
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetStringAsync(new Uri($"http://127.0.0.1:{publicPort}/health")));
            await using var db = new SqliteConnection($"Data Source={file};Pooling=False");
            await db.OpenAsync();
            await using var mode = db.CreateCommand();
            mode.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", await mode.ExecuteScalarAsync());
        }
        finally
        {
            await stop.CancelAsync();
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) if (File.Exists(f)) File.Delete(f);
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

/// <summary>`run` as a real process, killed the hard way: its PublicSite child must not outlive it.</summary>
public class RunCommandKilledTests
{
    [Fact]
    public async Task After_kill_9_of_run_its_PublicSite_child_stops_within_seconds_and_frees_the_port()
    {
        var file = Path.Combine(Path.GetTempPath(), $"childaid-run-kill-{Guid.NewGuid():N}.db");
        var database = $"--Database:ConnectionString=Data Source={file};Pooling=False";
        // Not empty (one admin), so `run` starts without loading the demo data set.
        Assert.Equal(0, (await CliRunner.RunRawAsync("migrate", database)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunRawAsync("create-admin", "--email", "admin@childaid.test", "--password", "Mat-khau-2026-Dai", database)).ExitCode);
        var (publicPort, backOfficePort) = (FreePort(), FreePort());
        var output = new System.Text.StringBuilder();
        var psi = new System.Diagnostics.ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var a in new[]
                 {
                     typeof(CommandLine).Assembly.Location, "run", "--public-urls", $"http://127.0.0.1:{publicPort}",
                     "--backoffice-urls", $"http://127.0.0.1:{backOfficePort}", database,
                 })
            psi.ArgumentList.Add(a);
        using var run = System.Diagnostics.Process.Start(psi)!;
        run.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        run.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        string Printed() { lock (output) return output.ToString(); }
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!Printed().Contains("ChildAid is running", StringComparison.Ordinal) && !run.HasExited && DateTime.UtcNow < deadline)
                await Task.Delay(250);
            Assert.False(run.HasExited, Printed());
            Assert.True(Listening(publicPort), Printed());

            run.Kill(entireProcessTree: false); // SIGKILL: no finally, no ProcessExit handler runs
            await run.WaitForExitAsync();
            var freed = DateTime.UtcNow.AddSeconds(10);
            while (Listening(publicPort) && DateTime.UtcNow < freed) await Task.Delay(200);

            Assert.False(Listening(publicPort), "PublicSite still holds its port 10 s after its parent was killed");
        }
        finally
        {
            if (!run.HasExited) run.Kill(entireProcessTree: true);
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) if (File.Exists(f)) File.Delete(f);
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException) { return false; }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
