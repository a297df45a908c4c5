using ChildAid.Shared.Children;

namespace ChildAid.Shared.Growth;

/// <summary>
/// WHO anthropometric z-scores exactly as WHO's current R packages compute them (../shared/who-growth/ALGORITHM.md):
/// anthro for 0–5 years (daily 2006 tables), anthroplus for 5–19 years (2007 tables interpolated by month). One call per
/// child and visit; structs in and out and tables in arrays, so the hot path allocates nothing.
/// </summary>
public sealed class GrowthCalculator(GrowthTables tables)
{
    /// <summary>365.25 / 12: WHO's month (§2). Calendar months are never used.</summary>
    public const double DaysPerMonth = 30.4375;
    /// <summary>Day 731 (24.0 months = 730.5 days, rounded up) is the first day of the height tables (§5, §6).</summary>
    public const int FirstDayOfHeight = 731;
    public const double LyingStandingDifferenceCm = 0.7;
    /// <summary>The 2006 standards apply below 60 months (unrounded); the 2007 reference from 60 to 228 months inclusive.</summary>
    public const double FirstMonthOf2007 = 60;
    public const double LastMonthOf2007 = 228;
    /// <summary>WHO gives no weight-for-age beyond 10 years.</summary>
    public const double LastMonthOfWeightForAge2007 = 120;

    public GrowthTables Tables { get; } = tables;

    /// <summary>Stored with every computed z-score, so a change of tables can be found and recomputed.</summary>
    public string ReferenceVersion => Tables.Version;

    public GrowthResult Compute(in GrowthMeasurement m)
    {
        var (days, months) = Age(m);
        if (m.Sex is not { } sex) return new GrowthResult { AgeDays = days, AgeMonths = months };
        if (months is { } mo && mo >= FirstMonthOf2007)
            return mo <= LastMonthOf2007 ? SchoolAge(m, sex, days, mo) : new GrowthResult { AgeDays = days, AgeMonths = months };
        return UnderFive(m, sex, days, months);
    }

    /// <summary>
    /// The age in whole days (the 2006 table row) and in unrounded months (§2): from days if given, else from the dates,
    /// else from months (× 30.4375, half rounded up: 24.0 months is day 731). Negative ages are no age.
    /// </summary>
    public static (int? Days, double? Months) Age(in GrowthMeasurement m)
    {
        var days = m.AgeDays;
        if (days is null && m.BirthDate is { } born && m.VisitDate is { } visit) days = visit.DayNumber - born.DayNumber;
        if (days is { } d)
            return d >= 0 && double.IsFinite(d) ? (RoundHalfUp(d), d / DaysPerMonth) : (null, null);
        if (m.AgeMonths is { } months)
            return months >= 0 && double.IsFinite(months) ? (RoundHalfUp(months * DaysPerMonth), months) : (null, null);
        return (null, null);
    }

    /// <summary>anthro's round_up: a fraction of .5 or more goes up (the package docs say "banker's"; the code does not).</summary>
    public static int RoundHalfUp(double value)
    {
        if (value >= int.MaxValue) return int.MaxValue;
        var whole = Math.Floor(value);
        return (int)(value - whole >= 0.5 ? whole + 1 : whole);
    }

    private GrowthResult UnderFive(in GrowthMeasurement m, Sex sex, int? days, double? months)
    {
        var flags = GrowthFlags.None;
        var position = m.Position;
        // Under 9 months a child is measured lying; "standing" is taken as an entry error: no position, no +0.7 (§5).
        if (position == MeasuredPosition.Standing && months < 9)
        {
            position = null;
            flags |= GrowthFlags.StandingUnder9Months;
        }
        var length = m.LengthOrHeightCm;
        if (length is { } measured && days is { } day)
        {
            if (day < FirstDayOfHeight && position == MeasuredPosition.Standing) length = measured + LyingStandingDifferenceCm;
            else if (day >= FirstDayOfHeight && position == MeasuredPosition.Lying) length = measured - LyingStandingDifferenceCm;
        }
        var bmi = Bmi(m.WeightKg, length);

        double? wfa = null, lhfa = null, bfa = null, hcfa = null, acfa = null, tsfa = null, ssfa = null;
        if (days is { } age)
        {
            // Oedema: weight-based z-scores are not computed at all (§7); length and head still are.
            if (!m.Oedema && Positive(m.WeightKg) is { } weight && Tables.WeightForAge.TryGet(sex, age, out var w))
                wfa = Rounded(w.RestrictedZScore(weight));
            if (Positive(length) is { } len && Tables.LengthForAge.TryGet(sex, age, out var l))
                lhfa = Rounded(l.ZScore(len));
            if (!m.Oedema && Positive(bmi) is { } b && Tables.BmiForAge.TryGet(sex, age, out var bl))
                bfa = Rounded(bl.RestrictedZScore(b));
            if (Positive(m.HeadCircumferenceCm) is { } head && Tables.HeadForAge.TryGet(sex, age, out var h))
                hcfa = Rounded(h.ZScore(head));
            if (Positive(m.MuacCm) is { } arm && Tables.ArmForAge.TryGet(sex, age, out var a))
                acfa = Rounded(a.RestrictedZScore(arm));
            // Skinfolds are soft tissue: restricted tails as MUAC (§4); their tables start at day 91 (§2), so the look-up
            // itself says "no score" under 3 months, and this branch is never reached from 60 months.
            if (Positive(m.TricepsSkinfoldMm) is { } triceps && Tables.TricepsForAge.TryGet(sex, age, out var t))
                tsfa = Rounded(t.RestrictedZScore(triceps));
            if (Positive(m.SubscapularSkinfoldMm) is { } subscapular && Tables.SubscapularForAge.TryGet(sex, age, out var ss))
                ssfa = Rounded(ss.RestrictedZScore(subscapular));
        }
        var (wflh, table) = m.Oedema ? (null, WeightForLengthTable.None) : WeightForLength(sex, m.WeightKg, length, days, position);

        if (wfa is < -6 or > 5) flags |= GrowthFlags.WeightForAge;
        if (lhfa is < -6 or > 6) flags |= GrowthFlags.LengthForAge;
        if (wflh is < -5 or > 5) flags |= GrowthFlags.WeightForLength;
        if (bfa is < -5 or > 5) flags |= GrowthFlags.BmiForAge;
        if (hcfa is < -5 or > 5) flags |= GrowthFlags.HeadForAge;
        if (acfa is < -5 or > 5) flags |= GrowthFlags.ArmForAge;
        if (tsfa is < -5 or > 5) flags |= GrowthFlags.TricepsForAge;
        if (ssfa is < -5 or > 5) flags |= GrowthFlags.SubscapularForAge;

        var result = new GrowthResult
        {
            AgeDays = days, AgeMonths = months, Reference = days is null ? GrowthReferenceSet.None : GrowthReferenceSet.Standards2006,
            CorrectedLengthCm = length, Bmi = bmi,
            WeightForAge = wfa, LengthForAge = lhfa, WeightForLength = wflh, Table = table, BmiForAge = bfa, HeadForAge = hcfa, ArmForAge = acfa,
            TricepsForAge = tsfa, SubscapularForAge = ssfa,
            Flags = flags,
        };
        return result with { Status = NutritionClassification.UnderFive(result, m.Oedema, m.MuacCm) };
    }

    /// <summary>
    /// Weight-for-length below day 731, weight-for-height from it (by age, after the ±0.7 correction; §6). Without an age:
    /// by the measured position, else length under 87 cm. Between two 0.1 cm rows L, M and S are interpolated.
    /// </summary>
    private (double?, WeightForLengthTable) WeightForLength(Sex sex, double? weightKg, double? lengthCm, int? days, MeasuredPosition? position)
    {
        if (Positive(weightKg) is not { } weight || Positive(lengthCm) is not { } length) return (null, WeightForLengthTable.None);
        var choice = days is { } day ? (day < FirstDayOfHeight ? WeightForLengthTable.Length : WeightForLengthTable.Height)
            : position is { } p ? (p == MeasuredPosition.Lying ? WeightForLengthTable.Length : WeightForLengthTable.Height)
            : length < 87 ? WeightForLengthTable.Length : WeightForLengthTable.Height;
        var table = choice == WeightForLengthTable.Length ? Tables.WeightForLength : Tables.WeightForHeight;
        // In tenths of a cm, rounded to 6 places first so that binary noise (78.1 − 0.7 = 77.3999…) never picks the row below (§6).
        var tenths = Math.Round(length * 10, 6);
        if (tenths < table.First || tenths > table.Last) return (null, WeightForLengthTable.None);
        var low = Math.Floor(tenths);
        return table.TryInterpolate(sex, (int)low, tenths - low, out var row)
            ? (Rounded(row.RestrictedZScore(weight)), choice)
            : (null, WeightForLengthTable.None);
    }

    private GrowthResult SchoolAge(in GrowthMeasurement m, Sex sex, int? days, double months)
    {
        // 5–19 y: the height as measured, no ±0.7 and no under-9-months rule (§5); L, M, S interpolated by month (§2).
        var height = m.LengthOrHeightCm;
        var bmi = Bmi(m.WeightKg, height);
        var low = (int)Math.Truncate(months);
        var fraction = months - low;
        double? hfa = null, wfa = null, bfa = null;
        if (Positive(height) is { } h && Tables.HeightForAge2007.TryInterpolate(sex, low, fraction, out var hl))
            hfa = Rounded(hl.ZScore(h));
        if (!m.Oedema && months <= LastMonthOfWeightForAge2007 && Positive(m.WeightKg) is { } w
            && Tables.WeightForAge2007.TryInterpolate(sex, low, fraction, out var wl))
            wfa = Rounded(wl.RestrictedZScore(w));
        if (!m.Oedema && Positive(bmi) is { } b && Tables.BmiForAge2007.TryInterpolate(sex, low, fraction, out var bl))
            bfa = Rounded(bl.RestrictedZScore(b));

        var flags = GrowthFlags.None;
        if (hfa is < -6 or > 6) flags |= GrowthFlags.LengthForAge;
        if (wfa is < -6 or > 5) flags |= GrowthFlags.WeightForAge;
        if (bfa is < -5 or > 5) flags |= GrowthFlags.BmiForAge;

        var result = new GrowthResult
        {
            AgeDays = days, AgeMonths = months, Reference = GrowthReferenceSet.Reference2007,
            CorrectedLengthCm = height, Bmi = bmi, LengthForAge = hfa, WeightForAge = wfa, BmiForAge = bfa, Flags = flags,
        };
        return result with { Status = NutritionClassification.SchoolAge(result, m.Oedema) };
    }

    /// <summary>
    /// WHO's skinfold-for-age tables cover 3 months (day 91) to under 5 years (§1, §2): null when a child of that age (or
    /// of unknown age) would get a score, else why there is none, in Vietnamese (BackOffice reads it in English too).
    /// </summary>
    public static string? SkinfoldAgeProblem(int? ageDays, double? ageMonths) =>
        ageDays is null ? SkinfoldAgeUnknown
        : ageDays < GrowthTableFiles.TricepsForAge.First ? SkinfoldUnder3Months
        : ageMonths >= FirstMonthOf2007 ? SkinfoldFrom5Years
        : null;

    public const string SkinfoldAgeUnknown = "Nếp gấp da: chưa biết tuổi nên không tính z-score.";
    public const string SkinfoldUnder3Months = "Nếp gấp da: WHO chỉ có chuẩn từ 3 tháng tuổi (91 ngày); trẻ nhỏ hơn không tính z-score.";
    public const string SkinfoldFrom5Years = "Nếp gấp da: WHO chỉ có chuẩn đến dưới 5 tuổi; từ 5 tuổi không tính z-score.";

    private static double? Bmi(double? weightKg, double? lengthCm) =>
        Positive(weightKg) is { } w && Positive(lengthCm) is { } l ? w / (l / 100 * (l / 100)) : null;

    /// <summary>A measurement ≤ 0 (or not a number) gives no z-score (§3).</summary>
    private static double? Positive(double? value) => value is { } v && v > 0 && double.IsFinite(v) ? v : null;

    /// <summary>z to 2 decimals before flagging and classifying (§8); + 0.0 turns −0.00 into 0.00.</summary>
    private static double? Rounded(double z) => double.IsFinite(z) ? Math.Round(z, 2) + 0.0 : null;
}
