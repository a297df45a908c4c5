namespace ChildAid.Shared.Growth;

/// <summary>Which WHO reference the age-based z-scores came from.</summary>
public enum GrowthReferenceSet { None = 0, Standards2006 = 1, Reference2007 = 2 }

/// <summary>Which weight-for-length/height table was used (chosen by age, §6).</summary>
public enum WeightForLengthTable { None = 0, Length = 1, Height = 2 }

/// <summary>Biologically implausible z-scores (§9), and a standing measure under 9 months (§5, anthro's c9mo_flag).</summary>
[Flags]
public enum GrowthFlags
{
    None = 0,
    WeightForAge = 1,
    LengthForAge = 2,
    WeightForLength = 4,
    BmiForAge = 8,
    HeadForAge = 16,
    ArmForAge = 32,
    /// <summary>Measured standing under 9 months: the position is taken as an entry error, no +0.7 cm.</summary>
    StandingUnder9Months = 64,
    TricepsForAge = 128,
    SubscapularForAge = 256,
}

/// <summary>
/// The z-scores of one child at one visit, rounded to 2 decimals (null when not computed), with the corrected length,
/// the BMI, the flags and the classification. WHZ here is weight-for-length or weight-for-height, as <see cref="Table"/> says.
/// </summary>
public readonly record struct GrowthResult
{
    /// <summary>Rounded age in days (the 2006 table row), when the age is known.</summary>
    public int? AgeDays { get; init; }
    /// <summary>Unrounded age in months (days / 30.4375, or the months given).</summary>
    public double? AgeMonths { get; init; }
    public GrowthReferenceSet Reference { get; init; }
    /// <summary>Length/height after the ±0.7 cm correction for the age (0–5 y), or as measured (5–19 y).</summary>
    public double? CorrectedLengthCm { get; init; }
    public double? Bmi { get; init; }

    public double? WeightForAge { get; init; }
    public double? LengthForAge { get; init; }
    public double? WeightForLength { get; init; }
    public WeightForLengthTable Table { get; init; }
    public double? BmiForAge { get; init; }
    public double? HeadForAge { get; init; }
    public double? ArmForAge { get; init; }
    /// <summary>Triceps and subscapular skinfold-for-age: 3 months (day 91) to under 5 years only, as WHO's tables.</summary>
    public double? TricepsForAge { get; init; }
    public double? SubscapularForAge { get; init; }

    public GrowthFlags Flags { get; init; }
    public NutritionStatus Status { get; init; }
}
