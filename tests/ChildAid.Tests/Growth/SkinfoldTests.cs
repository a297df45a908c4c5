using ChildAid.Shared.Children;
using ChildAid.Shared.Growth;

namespace ChildAid.Tests.Growth;

/// <summary>
/// Triceps and subscapular skinfold-for-age. WHO's samples file has no skinfold row, so the expected values are computed
/// by hand from the rows of tsfa_0_5.csv / ssfa_0_5.csv (L, M, S quoted in each case): z = ((y/M)^L − 1)/(L·S), and beyond
/// ±3 SD the restricted tail of ALGORITHM.md §4 (skinfolds are soft tissue, like MUAC).
/// </summary>
public class SkinfoldTests
{
    private static GrowthCalculator Calc => WhoTables.Calculator;

    [Theory]
    // sex, age in days, mm, expected z. Rows: (L, M, S).
    [InlineData(Sex.Male, 91, 12.0, 1.24)]    // tsfa 1,91: 0.003, 9.7658, 0.16611 → 1.240647
    [InlineData(Sex.Female, 91, 9.0, -0.46)]  // tsfa 2,91: 0.1882, 9.7533, 0.17525 → −0.455214
    [InlineData(Sex.Female, 400, 7.5, -0.26)] // tsfa 2,400: −0.1322, 7.9093, 0.20429 → −0.261018
    public void Triceps_skinfold_for_age_is_the_lms_z_of_the_daily_row(Sex sex, int days, double mm, double expected)
    {
        var r = Calc.Compute(new() { Sex = sex, AgeDays = days, TricepsSkinfoldMm = mm });
        Assert.Equal(expected, r.TricepsForAge);
        Assert.Null(r.SubscapularForAge);
        Assert.Equal(GrowthFlags.None, r.Flags);
    }

    [Theory]
    [InlineData(Sex.Male, 91, 7.7, 0.01)]      // ssfa 1,91: −0.303, 7.692, 0.17019 → 0.006107
    [InlineData(Sex.Male, 1000, 5.0, -0.84)]   // ssfa 1,1000: −0.7493, 5.7891, 0.18411 → −0.841273
    [InlineData(Sex.Female, 1826, 9.4, 1.54)]  // ssfa 2,1826: −0.9105, 6.0865, 0.2328 → 1.541844 (the last day under 60 months)
    public void Subscapular_skinfold_for_age_is_the_lms_z_of_the_daily_row(Sex sex, int days, double mm, double expected)
    {
        var r = Calc.Compute(new() { Sex = sex, AgeDays = days, SubscapularSkinfoldMm = mm });
        Assert.Equal(expected, r.SubscapularForAge);
        Assert.Null(r.TricepsForAge);
    }

    [Fact]
    public void Beyond_three_sd_the_restricted_tail_applies_and_beyond_five_the_value_is_flagged()
    {
        // ssfa 2,500: −0.5653, 6.2892, 0.18508. 3.0 mm: plain LMS −4.97; restricted −3 + (3.0 − SD3neg)/(SD2neg − SD3neg) = −4.43.
        var low = Calc.Compute(new() { Sex = Sex.Female, AgeDays = 500, SubscapularSkinfoldMm = 3.0 });
        Assert.Equal(-4.43, low.SubscapularForAge);
        Assert.False(low.Flags.HasFlag(GrowthFlags.SubscapularForAge));

        // tsfa 1,730: −0.182, 7.6861, 0.20291. 25 mm: plain 5.23; restricted 6.53 → implausible (> +5).
        var high = Calc.Compute(new() { Sex = Sex.Male, AgeDays = 730, TricepsSkinfoldMm = 25.0 });
        Assert.Equal(6.53, high.TricepsForAge);
        Assert.Equal(GrowthFlags.TricepsForAge, high.Flags);
        Assert.Equal("ftsfa", NutritionStatusNames.Codes(high.Flags));

        // ssfa 2,1200: 1.0 mm → −7.54, flagged; a flagged skinfold classifies nothing (skinfolds classify nothing anyway).
        var thin = Calc.Compute(new() { Sex = Sex.Female, AgeDays = 1200, SubscapularSkinfoldMm = 1.0 });
        Assert.Equal(-7.54, thin.SubscapularForAge);
        Assert.Equal(GrowthFlags.SubscapularForAge, thin.Flags);
        Assert.Equal(NutritionStatus.None, thin.Status);
    }

    [Fact]
    public void Flags_are_read_on_the_rounded_z_at_plus_and_minus_five_exactly()
    {
        var row = Row(Calc.Tables.TricepsForAge, Sex.Female, 800);
        double At(double z) => z > 3 ? row.ValueAt(3) + (z - 3) * (row.ValueAt(3) - row.ValueAt(2))
            : z < -3 ? row.ValueAt(-3) + (z + 3) * (row.ValueAt(-2) - row.ValueAt(-3)) : row.ValueAt(z);
        Assert.False(Calc.Compute(new() { Sex = Sex.Female, AgeDays = 800, TricepsSkinfoldMm = At(5.00) }).Flags.HasFlag(GrowthFlags.TricepsForAge));
        Assert.True(Calc.Compute(new() { Sex = Sex.Female, AgeDays = 800, TricepsSkinfoldMm = At(5.01) }).Flags.HasFlag(GrowthFlags.TricepsForAge));
        Assert.False(Calc.Compute(new() { Sex = Sex.Female, AgeDays = 800, TricepsSkinfoldMm = At(-5.00) }).Flags.HasFlag(GrowthFlags.TricepsForAge));
        Assert.True(Calc.Compute(new() { Sex = Sex.Female, AgeDays = 800, TricepsSkinfoldMm = At(-5.01) }).Flags.HasFlag(GrowthFlags.TricepsForAge));
    }

    [Theory]
    [InlineData(90, false, GrowthCalculator.SkinfoldUnder3Months)]
    [InlineData(91, true, null)]
    [InlineData(1826, true, null)]
    [InlineData(1827, false, GrowthCalculator.SkinfoldFrom5Years)]
    [InlineData(3000, false, GrowthCalculator.SkinfoldFrom5Years)]
    public void Skinfolds_are_scored_from_day_91_to_under_60_months_and_outside_it_say_why(int days, bool scored, string? why)
    {
        var r = Calc.Compute(new() { Sex = Sex.Male, AgeDays = days, TricepsSkinfoldMm = 8, SubscapularSkinfoldMm = 6, WeightKg = 20, LengthOrHeightCm = 110 });
        Assert.Equal(scored, r.TricepsForAge is not null);
        Assert.Equal(scored, r.SubscapularForAge is not null);
        Assert.Equal(why, GrowthCalculator.SkinfoldAgeProblem(r.AgeDays, r.AgeMonths));
        Assert.Equal(why, Shared.Checkups.MeasurementScores.SkinfoldNote(r, 8m, 6m));
    }

    [Fact]
    public void Without_an_age_there_is_no_skinfold_score_and_the_reason_says_so()
    {
        var r = Calc.Compute(new() { Sex = Sex.Male, TricepsSkinfoldMm = 8 });
        Assert.Null(r.TricepsForAge);
        Assert.Equal(GrowthCalculator.SkinfoldAgeUnknown, Shared.Checkups.MeasurementScores.SkinfoldNote(r, 8m, null));
    }

    [Fact]
    public void Oedema_does_not_stop_skinfold_scores_which_are_not_weight_based()
    {
        var r = Calc.Compute(new() { Sex = Sex.Female, AgeDays = 400, Oedema = true, WeightKg = 8, TricepsSkinfoldMm = 7.5 });
        Assert.Null(r.WeightForAge);
        Assert.Equal(-0.26, r.TricepsForAge);
    }

    [Fact]
    public void The_skinfold_tables_are_loaded_checked_and_part_of_the_reference_version()
    {
        Assert.Contains(GrowthTableFiles.TricepsForAge, GrowthTableFiles.All);
        Assert.Contains(GrowthTableFiles.SubscapularForAge, GrowthTableFiles.All);
        Assert.Equal(91, Calc.Tables.TricepsForAge.First);
        Assert.Equal(91, Calc.Tables.SubscapularForAge.First);
        Assert.Equal(new Lms(-0.2372, 8.8528, 0.26008), Row(Calc.Tables.TricepsForAge, Sex.Female, 1856));
    }

    private static Lms Row(GrowthTable table, Sex sex, int key)
    {
        Assert.True(table.TryGet(sex, key, out var row));
        return row;
    }
}
