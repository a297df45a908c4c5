using ChildAid.Shared.Children;
using ChildAid.Shared.Growth;

namespace ChildAid.Shared.Checkups;

/// <summary>
/// Computes a measurement's z-scores with the installed WHO tables and stores them on it with the tables' version,
/// so a change of tables can be found (<see cref="Measurement.ReferenceVersion"/>) and recomputed.
/// </summary>
public static class MeasurementScores
{
    public static GrowthMeasurement Input(Measurement m, Sex sex, DateOnly born, DateOnly measuredOn) => new()
    {
        Sex = sex,
        BirthDate = born,
        VisitDate = measuredOn,
        WeightKg = (double?)m.WeightKg,
        LengthOrHeightCm = (double?)m.LengthCm,
        Position = m.Position,
        Oedema = m.Oedema,
        HeadCircumferenceCm = (double?)m.HeadCm,
        // WHO's MUAC table is in centimetres.
        MuacCm = m.MuacMm / 10.0,
        // The skinfold tables are in millimetres, as measured.
        TricepsSkinfoldMm = (double?)m.TricepsSkinfoldMm,
        SubscapularSkinfoldMm = (double?)m.SubscapularSkinfoldMm,
    };

    public static void Apply(Measurement m, Sex sex, DateOnly born, DateOnly measuredOn, GrowthCalculator calculator)
    {
        var r = calculator.Compute(Input(m, sex, born, measuredOn));
        m.AgeDays = r.AgeDays;
        m.WeightForAge = Z(r.WeightForAge);
        m.LengthForAge = Z(r.LengthForAge);
        m.WeightForLength = Z(r.WeightForLength);
        m.WeightForLengthTable = r.Table;
        m.BmiForAge = Z(r.BmiForAge);
        m.HeadForAge = Z(r.HeadForAge);
        m.ArmForAge = Z(r.ArmForAge);
        m.TricepsSkinfoldForAge = Z(r.TricepsForAge);
        m.SubscapularSkinfoldForAge = Z(r.SubscapularForAge);
        m.Flags = r.Flags;
        m.Status = r.Status;
        m.ReferenceVersion = calculator.ReferenceVersion;
    }

    /// <summary>
    /// Why a measured skinfold has no z-score (WHO's tables cover 3 months to under 5 years), in Vietnamese; null when
    /// there is nothing to explain (no skinfold, a score, or not computed yet).
    /// </summary>
    public static string? SkinfoldNote(Measurement m, DateOnly? born, DateOnly measuredOn)
    {
        if (m.ReferenceVersion is null || (m.TricepsSkinfoldMm is null || m.TricepsSkinfoldForAge is not null)
            && (m.SubscapularSkinfoldMm is null || m.SubscapularSkinfoldForAge is not null)) return null;
        var days = m.AgeDays ?? (born is { } b ? measuredOn.DayNumber - b.DayNumber : null);
        return GrowthCalculator.SkinfoldAgeProblem(days, days / GrowthCalculator.DaysPerMonth);
    }

    /// <summary>The same for a result computed but not stored (the grid's preview).</summary>
    public static string? SkinfoldNote(in GrowthResult r, decimal? tricepsMm, decimal? subscapularMm) =>
        (tricepsMm is not null && r.TricepsForAge is null) || (subscapularMm is not null && r.SubscapularForAge is null)
            ? GrowthCalculator.SkinfoldAgeProblem(r.AgeDays, r.AgeMonths)
            : null;

    /// <summary>Already rounded to 2 decimals by the calculator; the decimal keeps exactly those digits.</summary>
    private static decimal? Z(double? z) => z is { } v ? Math.Round((decimal)v, 2) : null;
}
