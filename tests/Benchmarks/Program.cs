using BenchmarkDotNet.Running;

namespace ChildAid.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/Benchmarks -- --filter '*'` runs every benchmark;
/// `-- --explain` prints each search's SQL and query plan instead (see <see cref="Explain"/>);
/// `-- --pledge-load` measures the pledges API against direct inserts and kills the server mid-load (<see cref="PledgeLoad"/>);
/// `-- --media-cpu` and `-- --growth-cpu` print CPU time per run beside the wall time.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--serve-public")) return PledgeLoad.ServePublic(args);
        if (args.Contains("--pledge-load")) return await PledgeLoad.RunAsync(args);
        if (args.Contains("--explain")) return await Explain.RunAsync(args);
        if (args.Contains("--media-cpu")) return MediaProcessingBenchmarks.CpuTime();
        if (args.Contains("--growth-cpu")) return GrowthScoreCsvBenchmarks.CpuTime();
        if (Array.IndexOf(args, "--prepare") is var at and >= 0)
        {
            // `-- --prepare postgres|sqlite N`: build (or reuse) the bench database of N entries and stop.
            var provider = args[at + 1] == "sqlite" ? Shared.Data.DatabaseProvider.Sqlite : Shared.Data.DatabaseProvider.Postgres;
            await BenchDatabase.ConnectionStringAsync(provider, int.Parse(args[at + 2], System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
