using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ChildAid.Shared.Children;
using ChildAid.Shared.Growth;
using Perfolizer.Horology;

namespace ChildAid.Benchmarks;

/// <summary>The WHO tables from ../shared/who-growth beside the repository (or CHILDAID_WHO_GROWTH).</summary>
public static class WhoGrowthTables
{
    public static string Folder => Environment.GetEnvironmentVariable("CHILDAID_WHO_GROWTH") is { Length: > 0 } configured
        ? configured
        : SharedWhoGrowth();

    /// <summary>The nearest shared/who-growth above the repository root (/tmp/ci → /tmp/shared, /work/wt/NAME → /work/shared).</summary>
    private static string SharedWhoGrowth()
    {
        for (var dir = Directory.GetParent(RepositoryRoot()); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "shared", "who-growth");
            if (Directory.Exists(folder)) return folder;
        }
        throw new InvalidOperationException("No shared/who-growth beside the repository or above it (set CHILDAID_WHO_GROWTH).");
    }

    public static GrowthCalculator Calculator() => new(GrowthReferenceLoader.Load(Folder));

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChildAid.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository (ChildAid.slnx not found).");
    }

    /// <summary>
    /// Children under 5 with plausible figures around WHO's medians (fixed seed): every one gets all four z-scores
    /// (weight-for-age, length/height-for-age, weight-for-length/height, BMI-for-age), half measured lying, half standing.
    /// </summary>
    public static GrowthMeasurement[] UnderFive(int count, int seed = 7)
    {
        var random = new Random(seed);
        var children = new GrowthMeasurement[count];
        for (var i = 0; i < count; i++)
        {
            var days = random.Next(0, 1827);
            var months = days / GrowthCalculator.DaysPerMonth;
            var length = 50 + 45 * Math.Sqrt(months / 60) + random.NextDouble() * 6 - 3;
            var weight = 3.3 + 0.33 * months - 0.0022 * months * months + random.NextDouble() * 2 - 1;
            children[i] = new GrowthMeasurement
            {
                Sex = i % 2 == 0 ? Sex.Male : Sex.Female,
                AgeDays = days,
                WeightKg = Math.Round(weight, 1),
                LengthOrHeightCm = Math.Round(length, 1),
                Position = days < 731 ^ i % 7 == 0 ? MeasuredPosition.Lying : MeasuredPosition.Standing,
            };
        }
        return children;
    }
}

/// <summary>
/// Z-scores per second on one thread: 4,096 children under 5, four indicators each (so one child counts as four).
/// Target ≥ 4,000,000 z-scores/s (WHO's R package anthro: about 160,000/s on one core of this kind of machine).
/// The result's mean time is per z-score; z-scores/s = 1 s / mean.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class GrowthZScoreBenchmarks
{
    private const int Children = 4096;
    private GrowthMeasurement[] children = [];
    private GrowthCalculator calculator = null!;

    [GlobalSetup]
    public void Setup()
    {
        calculator = WhoGrowthTables.Calculator();
        children = WhoGrowthTables.UnderFive(Children);
        // Honest counting: every child really gets the four z-scores the benchmark counts.
        foreach (var child in children)
        {
            var r = calculator.Compute(child);
            if (r.WeightForAge is null || r.LengthForAge is null || r.WeightForLength is null || r.BmiForAge is null)
                throw new InvalidOperationException($"a generated child lacks a z-score: {child}");
        }
    }

    [Benchmark(OperationsPerInvoke = Children * 4)]
    public double FourZScoresPerChild()
    {
        var sum = 0.0;
        var all = children;
        for (var i = 0; i < all.Length; i++)
        {
            var r = calculator.Compute(all[i]);
            sum += r.WeightForAge.GetValueOrDefault() + r.LengthForAge.GetValueOrDefault() + r.WeightForLength.GetValueOrDefault() + r.BmiForAge.GetValueOrDefault();
        }
        return sum;
    }

    public sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithId("OneThread"));
            AddColumn(new ZScoresPerSecondColumn());
            SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Nanosecond);
        }
    }

    /// <summary>1 s divided by the mean time of one z-score.</summary>
    private sealed class ZScoresPerSecondColumn : IColumn
    {
        public string Id => "ZScoresPerSecond";
        public string ColumnName => "z-scores/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "z-scores per second on one thread (1 s / mean per z-score)";
        public bool IsDefault(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } stats
                ? (1e9 / stats.Mean).ToString("N0", CultureInfo.InvariantCulture)
                : "-";
    }
}

/// <summary>
/// `growth score` on a generated file of 1,000,000 children (CHILDAID_BENCH_GROWTH_ROWS to change), file to file through
/// the same <see cref="GrowthCsvScorer.ScoreFile"/> the CLI calls. Target &lt; 10 s with flat memory: each iteration
/// prints the working set and the managed heap after it, which must not grow with the file.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class GrowthScoreCsvBenchmarks
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "childaid-growth-bench");
    private string input = "";
    private string output = "";
    private GrowthCsvScorer scorer = null!;

    public static int Rows => int.TryParse(Environment.GetEnvironmentVariable("CHILDAID_BENCH_GROWTH_ROWS"), CultureInfo.InvariantCulture, out var n) ? n : 1_000_000;

    [GlobalSetup]
    public void Setup()
    {
        scorer = new GrowthCsvScorer(WhoGrowthTables.Calculator());
        Directory.CreateDirectory(folder);
        input = Path.Combine(folder, $"children-{Rows}.csv");
        output = Path.Combine(folder, $"z-{Rows}.csv");
        if (!File.Exists(input)) Write(input, Rows);
        Console.WriteLine($"// input {input}: {new FileInfo(input).Length:N0} bytes, {Rows:N0} rows");
    }

    [Benchmark]
    public int ScoreFile()
    {
        var summary = scorer.ScoreFile(input, output);
        if (!summary.Succeeded) throw new InvalidOperationException(string.Join("; ", summary.Errors));
        return summary.Rows;
    }

    /// <summary>
    /// `-- --growth-cpu`: wall time and this process's CPU time per file (5 runs after 1 warm-up). On a shared, loaded
    /// machine the CPU time says what scoring costs; the wall time says how long the machine made it wait.
    /// </summary>
    public static int CpuTime()
    {
        var bench = new GrowthScoreCsvBenchmarks();
        bench.Setup();
        for (var i = 0; i < 6; i++)
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var rows = bench.ScoreFile();
            wall.Stop();
            process.Refresh();
            if (i >= 1)
                Console.WriteLine($"run {i}: {rows:N0} rows, wall {wall.Elapsed.TotalSeconds:F2} s, CPU {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s, "
                                  + $"working set {process.WorkingSet64 / 1048576.0:F0} MiB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MiB");
        }
        return 0;
    }

    [IterationCleanup]
    public void Memory()
    {
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"// working set {process.WorkingSet64 / 1048576.0:F0} MiB, managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MiB");
    }

    /// <summary>The samples file's columns: a third of the rows with dates, a third with days, a third 5–19 y in months.</summary>
    private static void Write(string path, int rows)
    {
        var random = new Random(11);
        var young = WhoGrowthTables.UnderFive(4096);
        using var writer = new StreamWriter(path);
        writer.Write("id,sex,dob,dov,age_days,age_months,weight_kg,lenhei_cm,measure,oedema\n");
        var visit = new DateOnly(2026, 11, 2);
        for (var i = 0; i < rows; i++)
        {
            var c = young[i % young.Length];
            var sex = c.Sex == Sex.Male ? "1" : "2";
            var measure = c.Position == MeasuredPosition.Lying ? "l" : "h";
            var oedema = i % 500 == 0 ? "y" : "n";
            var line = (i % 3) switch
            {
                0 => FormattableString.Invariant($"{i},{sex},{visit.AddDays(-(int)c.AgeDays!.Value):yyyy-MM-dd},{visit:yyyy-MM-dd},,,{c.WeightKg},{c.LengthOrHeightCm},{measure},{oedema}"),
                1 => FormattableString.Invariant($"{i},{sex},,,{c.AgeDays},,{c.WeightKg},{c.LengthOrHeightCm},{measure},{oedema}"),
                _ => School(i, sex, random, oedema),
            };
            writer.Write(line);
            writer.Write('\n');
        }
    }

    private static string School(int i, string sex, Random random, string oedema)
    {
        var months = Math.Round(60 + random.NextDouble() * 168, 2);
        var height = Math.Round(110 + (months - 60) * 0.35 + random.NextDouble() * 10 - 5, 1);
        var weight = Math.Round(18 + (months - 60) * 0.22 + random.NextDouble() * 6 - 3, 1);
        return FormattableString.Invariant($"{i},{sex},,,,{months},{weight},{height},h,{oedema}");
    }

    public sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5)
                .WithInvocationCount(1).WithUnrollFactor(1)
                .WithId("OneFilePerIteration"));
            AddColumn(StatisticColumn.Median, StatisticColumn.Max);
            SummaryStyle = SummaryStyle.Default.WithTimeUnit(TimeUnit.Second);
        }
    }
}
