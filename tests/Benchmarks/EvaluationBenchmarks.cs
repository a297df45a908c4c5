using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Checkups;
using Measurement = ChildAid.Shared.Checkups.Measurement;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Perfolizer.Horology;

namespace ChildAid.Benchmarks;

/// <summary>
/// The before/after evaluation of one intervention with <see cref="Children"/> enrolled children (CHILDAID_BENCH_EVAL_CHILDREN,
/// default 20,000) in 10 schools, each measured at the baseline and the endline session (stored z-scores and
/// classification as the grid stores them; about 1 % WHO-flagged), through <see cref="InterventionEvaluation.EvaluateAsync"/>
/// on a fresh unscoped context per call: read the pairs, then every statistic for all children and the breakdowns by
/// sex, age group and school. Target (issue 9): under 1 s. CHILDAID_BENCH_PROVIDERS limits the databases.
/// </summary>
[Config(typeof(Config))]
public class EvaluationBenchmarks
{
    public static readonly int Children = int.Parse(Environment.GetEnvironmentVariable("CHILDAID_BENCH_EVAL_CHILDREN") is { Length: > 0 } n ? n : "20000",
        CultureInfo.InvariantCulture);

    public static IEnumerable<DatabaseProvider> Providers() => StatementQueryBenchmarks.Providers();

    [ParamsSource(nameof(Providers))]
    public DatabaseProvider Provider { get; set; }

    private string _cs = "";
    private int _intervention;

    [GlobalSetup]
    public void Setup()
    {
        (_cs, _intervention) = EvaluationBenchDatabase.PrepareAsync(Provider, Children).GetAwaiter().GetResult();
        var result = EvaluateAsync().GetAwaiter().GetResult();
        if (result.MeasuredAtBoth != Children) throw new InvalidOperationException($"{result.MeasuredAtBoth} pairs, expected {Children}.");
        Console.WriteLine($"// {Provider}: {result.MeasuredAtBoth:N0} pairs, {result.Groups.Count} groups");
    }

    [Benchmark]
    public Task<EvaluationResult> Evaluate() => EvaluateAsync();

    private async Task<EvaluationResult> EvaluateAsync()
    {
        await using var db = BenchDatabase.Context(Provider, _cs);
        return (await new InterventionEvaluation(db).EvaluateAsync(_intervention))!;
    }

    public sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true))
                .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10)
                .WithInvocationCount(1).WithUnrollFactor(1)
                .WithId("OneEvaluationPerIteration"));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
            SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond);
        }
    }
}

/// <summary>
/// A migrated database with one commune, 10 schools, N children aged 3–14 years, a baseline (May) and an endline
/// (November) session with a measurement of every child, and one intervention enrolling them all. Reused when it holds
/// N enrolled children (SQLite file evaluation-N; PostgreSQL database childaid_evaluation_bench_N).
/// </summary>
public static class EvaluationBenchDatabase
{
    public static async Task<(string ConnectionString, int Intervention)> PrepareAsync(DatabaseProvider provider, int children)
    {
        var cs = await BenchDatabase.PlaceAsync(provider, $"evaluation-{children}", $"childaid_evaluation_bench_{children}");
        await using var db = BenchDatabase.Context(provider, cs);
        await db.Database.MigrateAsync();
        if (await db.Interventions.Select(i => new { i.Id, Enrolled = i.Children.Count }).FirstOrDefaultAsync() is { } existing)
            return existing.Enrolled == children ? (cs, existing.Id) : throw new InvalidOperationException($"The bench database holds another intervention: delete it ({cs}).");

        var watch = Stopwatch.StartNew();
        var random = new Random(9);
        var commune = new AdminUnit { Level = AdminUnitLevel.Commune, Code = "77777", Name = "Xã Thử Đánh Giá" };
        db.AdminUnits.Add(commune);
        await db.SaveChangesAsync();
        var schools = Enumerable.Range(1, 10).Select(i => new Organisation { Name = $"Trường TH thử {i}", Type = OrganisationType.School, AdminUnitId = commune.Id }).ToList();
        var station = new Organisation { Name = "Trạm y tế thử", Type = OrganisationType.HealthCentre, AdminUnitId = commune.Id };
        db.Organisations.AddRange([.. schools, station]);
        await db.SaveChangesAsync();
        CheckupSession Session(DateOnly day) => new()
        {
            HeldOn = day, SiteId = schools[0].Id, HealthStationId = station.Id, AdminUnitId = commune.Id, Team = "bench", CreatedBy = "bench", CreatedAt = DateTime.UtcNow,
        };
        var (baseline, endline) = (Session(new DateOnly(2026, 5, 18)), Session(new DateOnly(2026, 11, 16)));
        db.CheckupSessions.AddRange(baseline, endline);
        await db.SaveChangesAsync();
        var intervention = new Intervention
        {
            Name = "Đánh giá thử 20.000 trẻ", Kind = InterventionKind.SchoolMeals, StartsOn = baseline.HeldOn, EndsOn = endline.HeldOn, AdminUnitId = commune.Id,
            HealthStationId = station.Id, BaselineSessionId = baseline.Id, EndlineSessionId = endline.Id, CreatedBy = "bench", CreatedAt = DateTime.UtcNow,
            Sites = schools.Select(s => new InterventionSite { OrganisationId = s.Id }).ToList(),
        };
        db.Interventions.Add(intervention);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        const int batch = 2_000;
        for (var start = 0; start < children; start += batch)
        {
            var kids = Enumerable.Range(start, Math.Min(batch, children - start)).Select(i => new Child
            {
                FullName = $"Trẻ thử {i}", SearchText = $"tre thu {i}", DateOfBirth = new DateOnly(2012, 6, 1).AddDays(random.Next(11 * 365)),
                Sex = random.Next(2) == 0 ? ChildAid.Shared.Children.Sex.Female : ChildAid.Shared.Children.Sex.Male, AdminUnitId = commune.Id, SchoolId = schools[random.Next(10)].Id, ClassName = "3A",
            }).ToList();
            db.Children.AddRange(kids);
            await db.SaveChangesAsync();
            db.InterventionChildren.AddRange(kids.Select(k => new InterventionChild { InterventionId = intervention.Id, ChildId = k.Id }));
            foreach (var kid in kids)
            {
                // One child's level, a little better in November; about 1 % implausible (flagged) at one visit.
                var level = Normal(random) - 1.0;
                db.Measurements.Add(Measure(kid, baseline, level, random));
                db.Measurements.Add(Measure(kid, endline, level + 0.15, random));
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        Console.WriteLine($"// {provider}: {children:N0} children measured twice, ready in {watch.Elapsed.TotalSeconds:F0} s");
        return (cs, intervention.Id);
    }

    private static Measurement Measure(Child kid, CheckupSession session, double level, Random random)
    {
        decimal Z(double shift) => Math.Round((decimal)(level + shift + Normal(random) * 0.3), 2);
        var (waz, haz, whz, baz) = (Z(0), Z(-0.3), Z(0.2), Z(0.2));
        var flags = random.Next(100) == 0 ? GrowthFlags.LengthForAge : GrowthFlags.None;
        var status = NutritionStatus.None;
        if (haz < -2) status |= NutritionStatus.Stunting;
        if (waz < -2) status |= NutritionStatus.Underweight;
        if (baz < -2) status |= NutritionStatus.Thinness;
        if (baz > 1) status |= NutritionStatus.Overweight;
        var ageDays = session.HeldOn.DayNumber - kid.DateOfBirth.DayNumber;
        return new Measurement
        {
            SessionId = session.Id, ChildId = kid.Id, AdminUnitId = session.AdminUnitId, WeightKg = Math.Round(10m + ageDays / 365m * 2.5m, 1),
            LengthCm = Math.Round(80m + ageDays / 365m * 6m, 1), Position = MeasuredPosition.Standing, AgeDays = ageDays,
            WeightForAge = waz, LengthForAge = haz, WeightForLength = ageDays < 1826 ? whz : null, BmiForAge = baz, Flags = flags, Status = status,
            ReferenceVersion = "bench", RecordedBy = "bench", RecordedAt = DateTime.UtcNow,
        };
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

}
