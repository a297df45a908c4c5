using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Pledges;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChildAid.Benchmarks;

/// <summary>
/// `-- --pledge-load [--pledges N] [--clients C] [--warmup W]`: the issue's load target for <c>POST /api/v1/pledges</c> on PostgreSQL.
/// A throwaway cluster (or CHILDAID_BENCH_PG) gets the schema, one active campaign and the two logins PublicSite runs
/// with (reader and intake); the real PublicSite runs in a child process (this program with <c>--serve-public</c>) on
/// 127.0.0.1:5390. Three phases, each with C concurrent clients and N pledges:
/// <list type="number">
/// <item>direct: the same rows (<see cref="PledgeRequest.ToIntake"/>) INSERTed one by one through the intake login
/// with raw Npgsql, one connection per client: the database's own rate;</item>
/// <item>API: the pledges POSTed with an Idempotency-Key each: the API's rate and its ratio to the direct rate
/// (target ≥ 0.5);</item>
/// <item>kill: the same load, the server killed (SIGKILL) when a third of the pledges are in and started again; every
/// client retries with the same key until it gets 201. Then each key must be in pledge_intake exactly once, with the
/// reference the client was given: none lost, none twice.</item>
/// </list>
/// Exit 0 when the ratio holds and nothing was lost or duplicated, else 1.
/// </summary>
public static class PledgeLoad
{
    private const string Url = "http://127.0.0.1:5390";
    private const string CampaignSlug = "tai-trong-tai";

    public static async Task<int> RunAsync(string[] args)
    {
        var pledges = Option(args, "--pledges", 20_000);
        var clients = Option(args, "--clients", 32);
        var warmup = Option(args, "--warmup", 10_000);
        var admin = Environment.GetEnvironmentVariable("CHILDAID_BENCH_PG") is { Length: > 0 } external ? external
            : ChildAid.Tests.Infrastructure.ThrowawayPostgres.Start("childaid-pledge-load", "-c max_connections=200");
        var (web, intake) = await PrepareAsync(admin);
        Console.WriteLine($"PostgreSQL ready; {pledges:N0} pledges per phase, {clients} clients; load average {LoadAverage()}");

        var direct = await DirectAsync(intake, pledges, clients);
        Console.WriteLine($"direct INSERT (raw Npgsql, intake login): {direct:N0} rows/s");

        using var server = new PublicSiteProcess(web, intake);
        await server.StartAsync();
        // A warm-up, not counted, long enough for tiered compilation to settle: after 500 requests the JIT was still
        // compiling 370–670 methods a second (0.35 s of CPU each second, dotnet-counters, 04/12/2026), a third of what the
        // server had, so a short run measured the JIT more than the API. A site serving pledges runs for days.
        await PostAllAsync("warm", warmup, clients, null);
        var (apiRate, _) = await PostAllAsync("api", pledges, clients, null);
        Console.WriteLine($"POST /api/v1/pledges: {apiRate:N0} pledges/s = {apiRate / direct:0.00}× direct (target ≥ 0.5×); load average {LoadAverage()}");

        var (_, acknowledged) = await PostAllAsync("kill", pledges, clients, async () =>
        {
            server.Kill();
            Console.WriteLine("  server killed (SIGKILL); starting it again");
            await Task.Delay(500);
            await server.StartAsync();
            Console.WriteLine("  server back");
        });
        var (lost, twice, mismatched) = await CheckAsync(admin, "kill", acknowledged);
        Console.WriteLine($"after the kill: {acknowledged.Count:N0} pledges acknowledged, {lost} lost, {twice} stored twice, {mismatched} with another reference");
        var ok = apiRate / direct >= 0.5 && lost == 0 && twice == 0 && mismatched == 0 && acknowledged.Count == pledges;
        Console.WriteLine(ok ? "OK" : "FAILED");
        return ok ? 0 : 1;
    }

    /// <summary>The child process: the real PublicSite, configured by the parent's arguments.</summary>
    public static int ServePublic(string[] args)
    {
        ChildAid.PublicSite.Program.Build(args.Where(a => a != "--serve-public").ToArray()).Run();
        return 0;
    }

    private static async Task<(string Web, string Intake)> PrepareAsync(string admin)
    {
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            foreach (var sql in new[] { "DROP DATABASE IF EXISTS childaid_pledge_load WITH (FORCE)", "CREATE DATABASE childaid_pledge_load" })
                await new NpgsqlCommand(sql, conn).ExecuteNonQueryAsync();
        }
        var owner = new NpgsqlConnectionStringBuilder(admin) { Database = "childaid_pledge_load" }.ConnectionString;
        var services = new ServiceCollection().AddLogging()
            .AddChildAidData(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = owner }).BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            await db.Database.MigrateAsync();
            scope.ServiceProvider.GetRequiredService<AuditActor>().Suppressed = true;
            db.AdminUnits.Add(new AdminUnit { Code = "23535", Name = "Xã Ia Đal", Level = AdminUnitLevel.Commune });
            db.Campaigns.Add(new Campaign
            {
                Slug = CampaignSlug, Title = "Áo ấm cho trẻ vùng cao", Summary = "Chiến dịch thử tải", StartDate = new DateOnly(2026, 10, 1),
                MoneyGoalVnd = 10_000_000_000, Status = CampaignStatus.Active, UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            foreach (var sql in new[]
            {
                "DROP ROLE IF EXISTS load_web", "DROP ROLE IF EXISTS load_intake",
                $"CREATE ROLE load_web LOGIN PASSWORD 'load' IN ROLE {DatabaseRoles.PublicReader}",
                $"CREATE ROLE load_intake LOGIN PASSWORD 'load' IN ROLE {DatabaseRoles.Intake}",
            })
                await db.Database.ExecuteSqlRawAsync(sql);
        }
        string As(string user) => new NpgsqlConnectionStringBuilder(owner) { Username = user, Password = "load", MaxPoolSize = 100 }.ConnectionString;
        return (As("load_web"), As("load_intake"));
    }

    private static PledgeRequest Request(string phase, int i) => new()
    {
        Campaign = CampaignSlug, Amount = 50_000 + i % 20 * 10_000, Display = i % 3 == 0 ? "anonymous" : "name-amount",
        Message = i % 5 == 0 ? "Chúc các em một mùa đông ấm áp" : null,
        Donor = new PledgeDonor { Kind = "individual", Name = $"Người thử tải {phase} {i}", Email = $"load{i}@example.org", Phone = "0912345678" },
    };

    /// <summary>Rows/s of one-row INSERTs of the same rows the API writes, through the intake login, <paramref name="clients"/> connections at once.</summary>
    private static async Task<double> DirectAsync(string intake, int count, int clients)
    {
        var options = new DbContextOptionsBuilder<IntakeDbContext>();
        DataServiceCollectionExtensions.ConfigurePostgres(options, intake);
        await using var model = new IntakeDbContext(options.Options);
        var entity = model.Model.FindEntityType(typeof(PledgeIntake))!;
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.GetComputedColumnSql() is null)
            .Select(p => (Property: p, Name: p.GetColumnName(store)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping())).ToList();
        var sql = $"INSERT INTO {entity.GetTableName()} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})";

        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            await using var conn = new NpgsqlConnection(intake);
            await conn.OpenAsync();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                // A reference drawn twice (tens of thousands of rows make it likely somewhere) is drawn again, as the API does.
                for (var drawn = false; !drawn;)
                    try { await InsertAsync(i); drawn = true; }
                    catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "ix_pledge_intake_reference") { }
            }

            async Task InsertAsync(int i)
            {
                var row = Request("direct", i).ToIntake($"direct-{i}", DateTime.UtcNow);
                await using var insert = new NpgsqlCommand(sql, conn);
                foreach (var c in columns)
                {
                    var value = c.Property.GetGetter().GetClrValueUsingContainingEntity(row);
                    if (c.Mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
                    insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, DataTypeName = c.Mapping.StoreTypeNameBase });
                }
                await insert.ExecuteNonQueryAsync();
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Posts <paramref name="count"/> pledges, each retried with its own key until it is answered 201; returns the rate and
    /// the reference each key was given. <paramref name="midway"/>, when given, runs once a third are in, while clients go on.
    /// </summary>
    private static async Task<(double Rate, ConcurrentDictionary<int, string> References)> PostAllAsync(string phase, int count, int clients, Func<Task>? midway)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
        var references = new ConcurrentDictionary<int, string>();
        var next = -1;
        var retries = 0;
        Task? interruption = null;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                if (midway is not null && i == count / 3) interruption = midway();
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pledges") {
                            // With its Content-Length, as a phone's fetch() or a partner's integration sends it (JsonContent alone would be chunked).
                            Content = new StringContent(JsonSerializer.Serialize(Request(phase, i), JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
                        };
                        request.Headers.Add("Idempotency-Key", $"{phase}-{i}");
                        using var response = await http.SendAsync(request);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var body = await response.Content.ReadFromJsonAsync<CreatedPledge>();
                            references[i] = body!.Reference;
                            break;
                        }
                        if ((int)response.StatusCode is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
                            throw new InvalidOperationException($"{phase}-{i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { }
                    Interlocked.Increment(ref retries);
                    await Task.Delay(Math.Min(1000, 50 * (attempt + 1)));
                }
            }
        }));
        var rate = count / clock.Elapsed.TotalSeconds;
        if (interruption is not null) await interruption;
        if (retries > 0) Console.WriteLine($"  {phase}: {retries:N0} retries");
        return (rate, references);
    }

    private sealed record CreatedPledge(string Reference);

    /// <summary>Each acknowledged key once in pledge_intake with the reference its client was given (read as the owner).</summary>
    private static async Task<(int Lost, int Twice, int Mismatched)> CheckAsync(string admin, string phase, ConcurrentDictionary<int, string> acknowledged)
    {
        var stored = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = "childaid_pledge_load" }.ConnectionString);
        await conn.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT idempotency_key_hash, reference FROM pledge_intake WHERE idempotency_key_hash IS NOT NULL", conn);
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var hash = reader.GetString(0);
                if (!stored.TryGetValue(hash, out var refs)) stored[hash] = refs = [];
                refs.Add(reader.GetString(1));
            }
        int lost = 0, twice = 0, mismatched = 0;
        foreach (var (i, reference) in acknowledged)
        {
            if (!stored.TryGetValue(PledgeIntake.HashIdempotencyKey($"{phase}-{i}"), out var refs)) lost++;
            else if (refs.Count > 1) twice++;
            else if (refs[0] != reference) mismatched++;
        }
        return (lost, twice, mismatched);
    }

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var at and >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>PublicSite in a child process: this program again with --serve-public, so the parent can SIGKILL it.</summary>
    private sealed class PublicSiteProcess(string web, string intake) : IDisposable
    {
        private Process? _process;

        public async Task StartAsync()
        {
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--serve-public", "--urls", Url }) start.ArgumentList.Add(a);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["Database__ConnectionString"] = web;
            start.Environment["Database__IntakeConnectionString"] = intake;
            start.Environment["PublicSite__RateLimits__ApiPerMinute"] = "100000000";
            start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine("  [site] " + e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            using var probe = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(5) };
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(120))
            {
                if (_process.HasExited) throw new InvalidOperationException($"PublicSite exited with {_process.ExitCode}.");
                try
                {
                    if ((await probe.GetAsync("/api/v1/campaigns")).IsSuccessStatusCode) return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
                await Task.Delay(200);
            }
            throw new TimeoutException("PublicSite did not answer within 120 s.");
        }

        public void Kill()
        {
            _process?.Kill(entireProcessTree: true);
            _process?.WaitForExit();
        }

        public void Dispose()
        {
            if (_process is { HasExited: false }) Kill();
            _process?.Dispose();
        }
    }
}
