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

            Assert.Equal("ok", publicHealth);
            Assert.Equal("ok", backOfficeHealth);
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
