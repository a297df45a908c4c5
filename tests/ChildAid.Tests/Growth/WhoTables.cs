using ChildAid.Shared.Growth;
using ChildAid.Tests.Infrastructure;

namespace ChildAid.Tests.Growth;

/// <summary>The WHO tables from ../shared/who-growth, loaded once for all growth tests.</summary>
public static class WhoTables
{
    private static readonly Lazy<GrowthCalculator> Loaded = new(() => new GrowthCalculator(GrowthReferenceLoader.Load(SharedFolder.WhoGrowth)));

    public static GrowthCalculator Calculator => Loaded.Value;

    public static string SamplesFile => Path.Combine(SharedFolder.WhoGrowth, "who-published-samples.csv");
}
