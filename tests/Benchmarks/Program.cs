using BenchmarkDotNet.Running;

namespace ChildAid.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/Benchmarks -- --filter '*'` runs every benchmark;
/// `-- --explain` prints each search's SQL and query plan instead (see <see cref="Explain"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--explain")) return await Explain.RunAsync(args);
        if (args.Contains("--try-indexes")) return await IndexExperiment.RunAsync(args);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
