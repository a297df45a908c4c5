using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Perfolizer.Horology;

namespace ChildAid.Benchmarks;

/// <summary>
/// Import of a generated needs workbook of <see cref="Rows"/> rows (CHILDAID_BENCH_IMPORT_ROWS, default 50,000): 5,000
/// children of one commune with ten needs each (warm clothes in several sizes, meals, check-ups), every row through
/// the whole import (<see cref="NeedsImport.RunAsync"/>: stream the sheet, resolve, line rules, duplicates in the file and
/// in the database, priority, one transaction). Each iteration imports the file once into an empty draft review (the
/// previous iteration's lines are deleted first, and vacuumed on PostgreSQL). Rows/s = Rows ÷ Mean. The stages printed per
/// iteration overlap (the sheet is read on its own thread while the previous batch is checked and written), so they add
/// up to more than the mean. The peak working set of the process is printed at the end. CHILDAID_BENCH_PROVIDERS=Postgres (or Sqlite) limits the run to one database.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class NeedsImportBenchmarks
{
    public static readonly int Rows = int.Parse(Environment.GetEnvironmentVariable("CHILDAID_BENCH_IMPORT_ROWS") is { Length: > 0 } n ? n : "50000",
        System.Globalization.CultureInfo.InvariantCulture);
    private const int NeedsPerChild = 10;

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    public static IEnumerable<DatabaseProvider> Providers() => StatementQueryBenchmarks.Providers();

    private ServiceProvider _services = null!;
    private string _workbook = "";
    private int _commune;
    private int _reviewId;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        string cs;
        if (Provider == DatabaseProvider.Sqlite)
            cs = $"Data Source={Path.Combine(Path.GetTempPath(), $"childaid-import-bench-{Guid.NewGuid():N}.db")}";
        else
        {
            var admin = Environment.GetEnvironmentVariable("CHILDAID_BENCH_PG") is { Length: > 0 } external ? external
                : ChildAid.Tests.Infrastructure.ThrowawayPostgres.Start("childaid-import-pg", "");
            await using (var conn = new Npgsql.NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand("DROP DATABASE IF EXISTS childaid_import_bench WITH (FORCE); ", conn);
                await drop.ExecuteNonQueryAsync();
                await using var create = new Npgsql.NpgsqlCommand("CREATE DATABASE childaid_import_bench", conn);
                await create.ExecuteNonQueryAsync();
            }
            cs = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = "childaid_import_bench" }.ConnectionString;
        }
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChildAidData(new DatabaseOptions { Provider = Provider, ConnectionString = cs });
        _services = services.BuildServiceProvider();

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        await db.Database.MigrateAsync();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Suppressed = true;
        var commune = new AdminUnit { Code = "23535", Name = "Xã Ia Đal", Level = AdminUnitLevel.Commune, ColdHighland = true };
        db.AdminUnits.Add(commune);
        await db.SaveChangesAsync();
        var school = new Organisation { Name = "Trường TH Ia Đal", Type = OrganisationType.School, AdminUnitId = commune.Id };
        db.Organisations.Add(school);
        var children = Enumerable.Range(0, Rows / NeedsPerChild + 1).Select(i => new Child
        {
            FullName = $"Trẻ {i:D5}", DateOfBirth = new DateOnly(2012, 1, 1).AddDays(i % 4000), Sex = (Sex)(i % 2 + 1), AdminUnitId = commune.Id,
            Circumstances = (CircumstanceGroups)(i % 256),
        }).ToList();
        db.Children.AddRange(children);
        await db.SaveChangesAsync();
        _commune = commune.Id;

        // Ten different needs per child: no row is a duplicate of another.
        (string Item, string? Size, int Qty)[] needs =
        [
            ("Áo ấm mùa đông", "6–8 tuổi", 1), ("Áo ấm mùa đông", "9–11 tuổi", 1), ("Áo len", "6–8 tuổi", 2), ("Ủng/giày ấm", "9–11 tuổi", 1),
            ("Mũ len và khăn", "12–15 tuổi", 1), ("Chăn ấm", null, 1), ("Suất ăn trưa", null, 180), ("Lượt khám sức khỏe", null, 1),
            ("Kính thuốc", null, 1), ("Bộ đồ dùng học tập", null, 1),
        ];
        _workbook = Path.Combine(Path.GetTempPath(), $"childaid-import-bench-{Rows}.xlsx");
        IEnumerable<Dictionary<string, object?>> Generate()
        {
            for (var r = 0; r < Rows; r++)
            {
                var child = children[r / NeedsPerChild];
                var need = needs[r % NeedsPerChild];
                yield return new Dictionary<string, object?>
                {
                    ["Đối tượng"] = "Trẻ em", ["Mã trẻ"] = child.Id, ["Họ và tên trẻ"] = child.FullName, ["Ngày sinh"] = child.DateOfBirth.ToDateTime(TimeOnly.MinValue),
                    ["Trường"] = r % 3 == 0 ? school.Name : null, ["Nhóm nhu cầu"] = null, ["Mặt hàng"] = need.Item, ["Cỡ theo tuổi"] = need.Size,
                    ["Số lượng"] = need.Qty, ["Đơn giá dự kiến (₫)"] = r % 2 == 0 ? "180.000" : null, ["Số trẻ được hưởng"] = null,
                    ["Từ ngày"] = "01/11/2026", ["Đến ngày"] = new DateTime(2027, 3, 31), ["Ghi chú"] = r % 7 == 0 ? "Hộ ở xa điểm trường" : null,
                    ["Lý do (nếu trùng)"] = null,
                };
            }
        }
        File.Delete(_workbook);
        MiniExcel.SaveAs(_workbook, Generate(), sheetName: NeedsSheet.DataSheet);
        Console.WriteLine($"// {Provider}: {Rows:N0}-row workbook {new FileInfo(_workbook).Length / 1024:N0} KiB");
    }

    [IterationSetup]
    public void EmptyReview()
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        db.NeedLines.ExecuteDelete();
        db.NeedsReviews.ExecuteDelete();
        var review = NeedsReview.Open(_commune, 2026, "bench", DateTime.UtcNow);
        db.NeedsReviews.Add(review);
        db.SaveChanges();
        _reviewId = review.Id;
        // The deletes above are the benchmark's, not the product's (lines are never deleted in bulk): on PostgreSQL their
        // dead rows would slow each later iteration's duplicate look-ups until autovacuum came by. Clean them up first.
        if (Provider == DatabaseProvider.Postgres) db.Database.ExecuteSqlRaw("VACUUM ANALYZE need_lines, needs_reviews");
    }

    [Benchmark]
    public async Task<int> ImportWorkbook()
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "bench";
        await using var file = File.OpenRead(_workbook);
        var result = await scope.ServiceProvider.GetRequiredService<NeedsImport>().RunAsync(_reviewId, file, "bench.xlsx");
        if (result.Timings is { } t)
            Console.WriteLine(FormattableString.Invariant(
                $"// {Provider}: read+parse {t.ReadAndParse.TotalSeconds:F1} s, checks {t.Check.TotalSeconds:F1} s, priority+write {t.Write.TotalSeconds:F1} s, working set {Environment.WorkingSet / (1024 * 1024)} MiB"));
        if (!result.Succeeded || result.RowsWritten != Rows)
            throw new InvalidOperationException($"{Provider}: {result.RowsWritten} written; {string.Join("\n", result.Errors.Take(5))}");
        return result.RowsWritten;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// {Provider}: peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
        _services.Dispose();
    }

    public sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                // In-process with a long timeout: one import is seconds on an idle machine, minutes on a loaded one.
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true))
                .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
                .WithInvocationCount(1).WithUnrollFactor(1)
                .WithId("OneImportPerIteration"));
            AddColumn(StatisticColumn.Min, StatisticColumn.Max);
            SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Second);
        }
    }
}
