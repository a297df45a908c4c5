using ChildAid.Shared.Children;

namespace ChildAid.Shared.Growth;

/// <summary>How length/height was measured: lying (recumbent length) or standing (height).</summary>
public enum MeasuredPosition { Lying = 1, Standing = 2 }

/// <summary>
/// One child at one visit, as measured. Any value may be missing; each z-score is computed from what it needs.
/// Age: <see cref="AgeDays"/> if given, else the days between <see cref="BirthDate"/> and <see cref="VisitDate"/>,
/// else <see cref="AgeMonths"/> (ALGORITHM.md §2). A struct, so scoring a million children allocates nothing.
/// </summary>
public readonly record struct GrowthMeasurement
{
    public Sex? Sex { get; init; }
    public double? AgeDays { get; init; }
    public double? AgeMonths { get; init; }
    public DateOnly? BirthDate { get; init; }
    public DateOnly? VisitDate { get; init; }
    public double? WeightKg { get; init; }
    /// <summary>Length (lying) or height (standing) as measured, before the ±0.7 cm correction.</summary>
    public double? LengthOrHeightCm { get; init; }
    public MeasuredPosition? Position { get; init; }
    /// <summary>Bilateral pitting oedema; missing counts as no (§7).</summary>
    public bool Oedema { get; init; }
    public double? HeadCircumferenceCm { get; init; }
    /// <summary>Mid-upper arm circumference, in centimetres as WHO's table (115 mm = 11.5 cm).</summary>
    public double? MuacCm { get; init; }
    /// <summary>Triceps skinfold in millimetres, as WHO's table.</summary>
    public double? TricepsSkinfoldMm { get; init; }
    /// <summary>Subscapular skinfold in millimetres, as WHO's table.</summary>
    public double? SubscapularSkinfoldMm { get; init; }
}
