using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.PublicNeeds;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChildAid.Benchmarks;

public enum CacheState
{
    /// <summary>The same URL again: served from PublicSite's output cache.</summary>
    Cached,
    /// <summary>A URL never asked before (an ignored query value changes): projection queries and Razor rendering every time.</summary>
    Uncached,
}

/// <summary>
/// GET /nhu-cau on the real PublicSite (in-process TestServer, output cache, compression off) over
/// <see cref="Lines"/> approved need lines (CHILDAID_BENCH_NEED_LINES, default 100,000) in 200 communes, aggregated by
/// <see cref="PublicNeedsProjection"/> as approval does. One request per iteration: P95 is the 95th percentile of single
/// page renders. CHILDAID_BENCH_PROVIDERS limits the databases, as for the statement benchmark.
/// </summary>
[Config(typeof(StatementQueryBenchmarks.Config))]
public class NeedsListBenchmarks
{
    public static readonly int Lines = int.Parse(Environment.GetEnvironmentVariable("CHILDAID_BENCH_NEED_LINES") is { Length: > 0 } n ? n : "100000",
        CultureInfo.InvariantCulture);

    public static IEnumerable<DatabaseProvider> Providers() => StatementQueryBenchmarks.Providers();

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    [ParamsAllValues]
    public CacheState Cache { get; set; }

    private WebApplicationFactory<PublicSite.Program> _site = null!;
    private HttpClient _client = null!;
    private int _request;

    [GlobalSetup]
    public void Setup()
    {
        var cs = NeedsBenchDatabase.ConnectionStringAsync(Provider, Lines).GetAwaiter().GetResult();
        _site = new WebApplicationFactory<PublicSite.Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", Provider.ToString());
            b.UseSetting("Database:ConnectionString", cs);
            b.UseSetting("PublicSite:DataVersionPollSeconds", "60");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            b.UseEnvironment("Production");
            b.UseContentRoot(Path.Combine(RepositoryRoot(), "PublicSite"));
        });
        _client = _site.CreateClient();
        var html = RenderAsync().GetAwaiter().GetResult();
        if (!html.Contains("Ủng hộ nhu cầu này", StringComparison.Ordinal)) throw new InvalidOperationException("The needs page shows no rows.");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChildAid.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository (ChildAid.slnx not found).");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _site.Dispose();
    }

    [Benchmark]
    public Task<string> NeedsPage() => RenderAsync();

    private async Task<string> RenderAsync()
    {
        var url = Cache == CacheState.Cached ? "/nhu-cau" : "/nhu-cau?r=" + Interlocked.Increment(ref _request).ToString(CultureInfo.InvariantCulture);
        var response = await _client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}

/// <summary>
/// A migrated database with 200 communes, 3 schools each, children, and one approved review per commune holding
/// Lines / 200 lines (two per child, items, size bands, levels and schools spread), projected as approval does.
/// SQLite file reused when it holds the same number of lines; PostgreSQL database childaid_needs_bench_N likewise.
/// </summary>
public static class NeedsBenchDatabase
{
    private const int Communes = 200;

    public static async Task<string> ConnectionStringAsync(DatabaseProvider provider, int lines, string name = "needs")
    {
        var cs = await BenchDatabase.PlaceAsync(provider, $"{name}-{lines}", $"childaid_{name}_bench_{lines}");

        await using var db = BenchDatabase.Context(provider, cs);
        await db.Database.MigrateAsync();
        if (await db.NeedLines.CountAsync() == lines) return cs;
        if (await db.NeedLines.AnyAsync()) throw new InvalidOperationException($"The bench database holds another number of need lines: delete it ({cs}).");

        var watch = Stopwatch.StartNew();
        var random = new Random(6);
        var items = NeedItemConfiguration.Catalogue;
        var province = new AdminUnit { Level = AdminUnitLevel.Province, Code = "99", Name = "Tỉnh Thử Nghiệm" };
        db.AdminUnits.Add(province);
        await db.SaveChangesAsync();
        var perCommune = lines / Communes;
        for (var c = 0; c < Communes; c++)
        {
            var commune = new AdminUnit { Level = AdminUnitLevel.Commune, Code = (10000 + c).ToString(CultureInfo.InvariantCulture), Name = $"Xã Thử {c + 1}", ParentId = province.Id };
            db.AdminUnits.Add(commune);
            await db.SaveChangesAsync();
            var schools = Enumerable.Range(1, 3).Select(i => new Organisation { Name = $"Trường {i} xã {c + 1}", Type = OrganisationType.School, AdminUnitId = commune.Id }).ToList();
            db.Organisations.AddRange(schools);
            await db.SaveChangesAsync();
            var children = Enumerable.Range(0, (perCommune + 1) / 2).Select(i => new Child
            {
                FullName = $"Trẻ {c}-{i}", DateOfBirth = new DateOnly(2012, 1, 1).AddDays(random.Next(4000)), AdminUnitId = commune.Id,
                SchoolId = schools[random.Next(3)].Id,
            }).ToList();
            db.Children.AddRange(children);
            await db.SaveChangesAsync();
            var review = NeedsReview.Open(commune.Id, 2026, "bench", DateTime.UtcNow);
            for (var i = 0; i < perCommune; i++)
            {
                var item = items[random.Next(items.Length)];
                review.Lines.Add(new NeedLine
                {
                    AdminUnitId = commune.Id, Target = NeedTarget.Child, ChildId = children[i / 2].Id, Category = item.Category, NeedItemId = item.Id,
                    SizeBand = item.HasSizeBand ? (SizeBand)random.Next(1, 5) : null, Quantity = item.Unit == NeedUnit.Meals ? 100 : 1, Unit = item.Unit,
                    EstimatedUnitCostVnd = item.TypicalUnitCostVnd, PeriodStart = review.PeriodStart, PeriodEnd = review.PeriodEnd,
                    ComputedLevel = random.Next(1, 5), CommittedQuantity = random.Next(2),
                });
            }
            review.Submit("bench", DateTime.UtcNow, province.Id);
            review.Approve("bench", DateTime.UtcNow);
            db.NeedsReviews.Add(review);
            await db.SaveChangesAsync();
            await new PublicNeedsProjection(db, TimeProvider.System).RefreshAsync(commune.Id, 2026);
            db.ChangeTracker.Clear();
        }
        Console.WriteLine($"// {provider}: {lines:N0} approved need lines, {await db.PublicNeeds.CountAsync():N0} public rows, ready in {watch.Elapsed.TotalSeconds:F0} s");
        return cs;
    }

}
