namespace ChildAid.Shared.Growth;

/// <summary>The WHO tables loaded and checked, and the version string every stored z-score carries.</summary>
public sealed class GrowthTables
{
    public required GrowthTable WeightForAge { get; init; }
    public required GrowthTable LengthForAge { get; init; }
    public required GrowthTable WeightForLength { get; init; }
    public required GrowthTable WeightForHeight { get; init; }
    public required GrowthTable BmiForAge { get; init; }
    public required GrowthTable HeadForAge { get; init; }
    public required GrowthTable ArmForAge { get; init; }
    public required GrowthTable TricepsForAge { get; init; }
    public required GrowthTable SubscapularForAge { get; init; }
    public required GrowthTable HeightForAge2007 { get; init; }
    public required GrowthTable WeightForAge2007 { get; init; }
    public required GrowthTable BmiForAge2007 { get; init; }

    /// <summary>
    /// "WHO2006+2007:" and the first 16 hex digits of the SHA-256 of the twelve files' bytes in a fixed order: two
    /// installations with the same figures have the same version, and any changed figure gives a new one.
    /// </summary>
    public required string Version { get; init; }

    public required string Folder { get; init; }
}
