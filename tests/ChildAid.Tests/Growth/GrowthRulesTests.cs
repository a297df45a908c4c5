using ChildAid.Shared.Children;
using ChildAid.Shared.Growth;

namespace ChildAid.Tests.Growth;

/// <summary>The rules ALGORITHM.md §11 says implementers get wrong, each at its boundary.</summary>
public class GrowthRulesTests
{
    private static GrowthCalculator Calc => WhoTables.Calculator;
    private static GrowthTables Tables => WhoTables.Calculator.Tables;

    private static Lms Row(GrowthTable table, Sex sex, int key)
    {
        Assert.True(table.TryGet(sex, key, out var row));
        return row;
    }

    private static double Round2(double z) => Math.Round(z, 2);

    [Fact]
    public void Day_730_is_lying_length_and_day_731_standing_height_for_length_and_for_the_weight_table()
    {
        var lying730 = Calc.Compute(new() { Sex = Sex.Male, AgeDays = 730, WeightKg = 11, LengthOrHeightCm = 85, Position = MeasuredPosition.Lying });
        Assert.Equal(85, lying730.CorrectedLengthCm);
        Assert.Equal(Round2(Row(Tables.LengthForAge, Sex.Male, 730).ZScore(85)), lying730.LengthForAge);
        Assert.Equal(WeightForLengthTable.Length, lying730.Table);

        var standing730 = Calc.Compute(new() { Sex = Sex.Male, AgeDays = 730, WeightKg = 11, LengthOrHeightCm = 85, Position = MeasuredPosition.Standing });
        Assert.Equal(85.7, standing730.CorrectedLengthCm!.Value, 9);
        Assert.Equal(WeightForLengthTable.Length, standing730.Table);

        var lying731 = Calc.Compute(new() { Sex = Sex.Male, AgeDays = 731, WeightKg = 11, LengthOrHeightCm = 85, Position = MeasuredPosition.Lying });
        Assert.Equal(84.3, lying731.CorrectedLengthCm!.Value, 9);
        Assert.Equal(Round2(Row(Tables.LengthForAge, Sex.Male, 731).ZScore(85 - 0.7)), lying731.LengthForAge);
        Assert.Equal(WeightForLengthTable.Height, lying731.Table);
        Assert.Equal(Round2(Row(Tables.WeightForHeight, Sex.Male, 843).RestrictedZScore(11)), lying731.WeightForLength);

        var standing731 = Calc.Compute(new() { Sex = Sex.Male, AgeDays = 731, WeightKg = 11, LengthOrHeightCm = 85, Position = MeasuredPosition.Standing });
        Assert.Equal(85, standing731.CorrectedLengthCm);
    }

    [Fact]
    public void Age_in_months_becomes_days_times_30_4375_with_half_rounded_up_so_24_months_is_day_731()
    {
        Assert.Equal(731, GrowthCalculator.Age(new GrowthMeasurement { AgeMonths = 24 }).Days);
        Assert.Equal(24, GrowthCalculator.Age(new GrowthMeasurement { AgeMonths = 24 }).Months);
        Assert.Equal(731, GrowthCalculator.RoundHalfUp(730.5));
        Assert.Equal(730, GrowthCalculator.RoundHalfUp(730.49));
        Assert.Equal(366, GrowthCalculator.Age(new GrowthMeasurement { BirthDate = new(2024, 3, 1), VisitDate = new(2025, 3, 2) }).Days);
        var height = Calc.Compute(new() { Sex = Sex.Female, AgeMonths = 24, LengthOrHeightCm = 77.5 });
        Assert.Equal(Round2(Row(Tables.LengthForAge, Sex.Female, 731).ZScore(77.5)), height.LengthForAge);
        Assert.Null(GrowthCalculator.Age(new GrowthMeasurement { AgeDays = -1 }).Days);
        Assert.Null(GrowthCalculator.Age(new GrowthMeasurement { BirthDate = new(2025, 3, 2), VisitDate = new(2025, 3, 1) }).Days);
    }

    [Fact]
    public void Day_1826_uses_the_daily_2006_standards_and_day_1827_the_2007_reference_interpolated_by_month()
    {
        var day1826 = Calc.Compute(new() { Sex = Sex.Female, AgeDays = 1826, WeightKg = 18, LengthOrHeightCm = 109, Position = MeasuredPosition.Standing });
        Assert.Equal(GrowthReferenceSet.Standards2006, day1826.Reference);
        Assert.Equal(Round2(Row(Tables.LengthForAge, Sex.Female, 1826).ZScore(109)), day1826.LengthForAge);
        Assert.Equal(Round2(Row(Tables.WeightForAge, Sex.Female, 1826).RestrictedZScore(18)), day1826.WeightForAge);
        Assert.NotNull(day1826.WeightForLength);

        var day1827 = Calc.Compute(new() { Sex = Sex.Female, AgeDays = 1827, WeightKg = 18, LengthOrHeightCm = 109, Position = MeasuredPosition.Standing });
        Assert.Equal(GrowthReferenceSet.Reference2007, day1827.Reference);
        var months = 1827 / GrowthCalculator.DaysPerMonth;
        var expected = Lms.Between(Row(Tables.HeightForAge2007, Sex.Female, 60), Row(Tables.HeightForAge2007, Sex.Female, 61), months - 60);
        Assert.Equal(Round2(expected.ZScore(109)), day1827.LengthForAge);
        Assert.Null(day1827.WeightForLength);
        Assert.Equal(WeightForLengthTable.None, day1827.Table);
    }

    [Theory]
    [InlineData(120.0, true)]
    [InlineData(120.01, false)]
    public void Weight_for_age_of_the_2007_reference_stops_at_120_months_inclusive(double months, bool computed)
    {
        var r = Calc.Compute(new() { Sex = Sex.Male, AgeMonths = months, WeightKg = 30, LengthOrHeightCm = 138 });
        Assert.Equal(computed, r.WeightForAge is not null);
        Assert.NotNull(r.LengthForAge);
        Assert.NotNull(r.BmiForAge);
    }

    [Theory]
    [InlineData(228.0, true)]
    [InlineData(228.01, false)]
    public void Height_and_bmi_for_age_stop_at_228_months_inclusive_and_the_padding_row_229_is_never_a_result(double months, bool computed)
    {
        var r = Calc.Compute(new() { Sex = Sex.Female, AgeMonths = months, WeightKg = 55, LengthOrHeightCm = 163 });
        Assert.Equal(computed, r.LengthForAge is not null);
        Assert.Equal(computed, r.BmiForAge is not null);
        if (computed) Assert.Equal(Round2(Row(Tables.HeightForAge2007, Sex.Female, 228).ZScore(163)), r.LengthForAge);
    }

    [Fact]
    public void Standing_under_9_months_is_an_entry_error_without_the_07_cm_and_flagged_from_9_months_it_is_corrected()
    {
        var under9 = Calc.Compute(new() { Sex = Sex.Male, AgeMonths = 8.99, LengthOrHeightCm = 68, Position = MeasuredPosition.Standing });
        Assert.Equal(68, under9.CorrectedLengthCm);
        Assert.True(under9.Flags.HasFlag(GrowthFlags.StandingUnder9Months));

        var nine = Calc.Compute(new() { Sex = Sex.Male, AgeMonths = 9, LengthOrHeightCm = 68, Position = MeasuredPosition.Standing });
        Assert.Equal(68.7, nine.CorrectedLengthCm!.Value, 9);
        Assert.False(nine.Flags.HasFlag(GrowthFlags.StandingUnder9Months));

        var lying = Calc.Compute(new() { Sex = Sex.Male, AgeMonths = 8, LengthOrHeightCm = 68, Position = MeasuredPosition.Lying });
        Assert.Equal(GrowthFlags.None, lying.Flags);
    }

    [Fact]
    public void From_5_years_the_height_is_used_as_measured_whatever_the_position()
    {
        var lying = Calc.Compute(new() { Sex = Sex.Male, AgeMonths = 100, LengthOrHeightCm = 128, Position = MeasuredPosition.Lying });
        var standing = Calc.Compute(new() { Sex = Sex.Male, AgeMonths = 100, LengthOrHeightCm = 128, Position = MeasuredPosition.Standing });
        Assert.Equal(128, lying.CorrectedLengthCm);
        Assert.Equal(lying.LengthForAge, standing.LengthForAge);
    }

    [Fact]
    public void A_weight_on_whos_sd4_columns_gives_exactly_plus_and_minus_4_by_the_restricted_rule()
    {
        var row = Row(Tables.WeightForAge, Sex.Male, 365);
        var sd4 = row.ValueAt(3) + (row.ValueAt(3) - row.ValueAt(2));
        var sd4neg = row.ValueAt(-3) - (row.ValueAt(-2) - row.ValueAt(-3));
        Assert.Equal(4.00, Calc.Compute(new() { Sex = Sex.Male, AgeDays = 365, WeightKg = sd4 }).WeightForAge);
        Assert.Equal(-4.00, Calc.Compute(new() { Sex = Sex.Male, AgeDays = 365, WeightKg = sd4neg }).WeightForAge);
        // The plain LMS formula would say otherwise: the restricted rule is what makes it 4.
        Assert.NotEqual(4.00, Round2(row.ZScore(sd4)));
        // Within ±3 the two agree.
        Assert.Equal(Round2(row.ZScore(row.ValueAt(2.5))), Calc.Compute(new() { Sex = Sex.Male, AgeDays = 365, WeightKg = row.ValueAt(2.5) }).WeightForAge);
    }

    [Fact]
    public void Length_height_and_head_use_the_plain_formula_beyond_3_sd()
    {
        var length = Row(Tables.LengthForAge, Sex.Female, 400);
        var tall = length.M * (1 + 4.5 * length.S);
        Assert.Equal(4.5, Calc.Compute(new() { Sex = Sex.Female, AgeDays = 400, LengthOrHeightCm = tall, Position = MeasuredPosition.Lying }).LengthForAge);
        var head = Row(Tables.HeadForAge, Sex.Female, 400);
        Assert.Equal(-4.2, Calc.Compute(new() { Sex = Sex.Female, AgeDays = 400, HeadCircumferenceCm = head.M * (1 - 4.2 * head.S) }).HeadForAge);
        var height = Row(Tables.HeightForAge2007, Sex.Female, 150);
        Assert.Equal(3.7, Calc.Compute(new() { Sex = Sex.Female, AgeMonths = 150, LengthOrHeightCm = height.M * (1 + 3.7 * height.S) }).LengthForAge);
    }

    [Fact]
    public void Bmi_and_muac_beyond_3_sd_use_the_restricted_rule_at_every_age()
    {
        var bmi0 = Row(Tables.BmiForAge, Sex.Male, 900);
        var sd4 = bmi0.ValueAt(3) + (bmi0.ValueAt(3) - bmi0.ValueAt(2));
        var height = 90.0;
        var weight = sd4 * (height / 100) * (height / 100);
        Assert.Equal(4.00, Calc.Compute(new() { Sex = Sex.Male, AgeDays = 900, WeightKg = weight, LengthOrHeightCm = height, Position = MeasuredPosition.Standing }).BmiForAge);

        var bmi2007 = Row(Tables.BmiForAge2007, Sex.Male, 150);
        var thin = bmi2007.ValueAt(-3) - (bmi2007.ValueAt(-2) - bmi2007.ValueAt(-3)) * 0.5;
        Assert.Equal(-3.5, Calc.Compute(new() { Sex = Sex.Male, AgeMonths = 150, WeightKg = thin * 1.5 * 1.5, LengthOrHeightCm = 150 }).BmiForAge);

        var arm = Row(Tables.ArmForAge, Sex.Female, 500);
        Assert.Equal(-3.25, Calc.Compute(new() { Sex = Sex.Female, AgeDays = 500, MuacCm = arm.ValueAt(-3) - 0.25 * (arm.ValueAt(-2) - arm.ValueAt(-3)) }).ArmForAge);
    }

    [Fact]
    public void Muac_for_age_starts_at_day_91()
    {
        Assert.Null(Calc.Compute(new() { Sex = Sex.Male, AgeDays = 90, MuacCm = 13 }).ArmForAge);
        Assert.NotNull(Calc.Compute(new() { Sex = Sex.Male, AgeDays = 91, MuacCm = 13 }).ArmForAge);
    }

    [Fact]
    public void Oedema_leaves_out_weight_for_age_weight_for_length_and_bmi_but_not_length_or_head_and_counts_as_severe()
    {
        var r = Calc.Compute(new() { Sex = Sex.Female, AgeDays = 500, WeightKg = 9, LengthOrHeightCm = 76, Position = MeasuredPosition.Lying, Oedema = true, HeadCircumferenceCm = 45 });
        Assert.Null(r.WeightForAge);
        Assert.Null(r.WeightForLength);
        Assert.Null(r.BmiForAge);
        Assert.NotNull(r.LengthForAge);
        Assert.NotNull(r.HeadForAge);
        Assert.True(r.Status.HasFlag(NutritionStatus.SevereWasting));
        Assert.True(r.Status.HasFlag(NutritionStatus.SevereUnderweight));
        Assert.True(r.Status.HasFlag(NutritionStatus.SevereAcuteMalnutrition));

        var school = Calc.Compute(new() { Sex = Sex.Female, AgeMonths = 100, WeightKg = 25, LengthOrHeightCm = 128, Oedema = true });
        Assert.Null(school.WeightForAge);
        Assert.Null(school.BmiForAge);
        Assert.NotNull(school.LengthForAge);
        Assert.True(school.Status.HasFlag(NutritionStatus.SevereThinness));
        Assert.True(school.Status.HasFlag(NutritionStatus.SevereUnderweight));
        Assert.False(Calc.Compute(new() { Sex = Sex.Female, AgeMonths = 150, WeightKg = 40, LengthOrHeightCm = 150, Oedema = true })
            .Status.HasFlag(NutritionStatus.Underweight));
    }

    [Theory]
    [InlineData(null, MeasuredPosition.Lying, 95.0, WeightForLengthTable.Length)]
    [InlineData(null, MeasuredPosition.Standing, 70.0, WeightForLengthTable.Height)]
    [InlineData(null, null, 86.9, WeightForLengthTable.Length)]
    [InlineData(null, null, 87.0, WeightForLengthTable.Height)]
    [InlineData(700, MeasuredPosition.Standing, 80.0, WeightForLengthTable.Length)]
    [InlineData(800, MeasuredPosition.Lying, 80.0, WeightForLengthTable.Height)]
    public void The_weight_for_length_or_height_table_is_chosen_by_age_and_only_without_age_by_position_or_87_cm(
        int? days, MeasuredPosition? position, double cm, WeightForLengthTable expected)
    {
        var r = Calc.Compute(new() { Sex = Sex.Male, AgeDays = days, WeightKg = 11, LengthOrHeightCm = cm, Position = position });
        Assert.Equal(expected, r.Table);
        Assert.NotNull(r.WeightForLength);
    }

    [Theory]
    [InlineData(WeightForLengthTable.Length, 44.9, false)]
    [InlineData(WeightForLengthTable.Length, 45.0, true)]
    [InlineData(WeightForLengthTable.Length, 110.0, true)]
    [InlineData(WeightForLengthTable.Length, 110.1, false)]
    [InlineData(WeightForLengthTable.Height, 64.9, false)]
    [InlineData(WeightForLengthTable.Height, 65.0, true)]
    [InlineData(WeightForLengthTable.Height, 120.0, true)]
    [InlineData(WeightForLengthTable.Height, 120.1, false)]
    public void Weight_for_length_is_valid_from_45_to_110_cm_and_weight_for_height_from_65_to_120_cm(WeightForLengthTable table, double cm, bool computed)
    {
        var days = table == WeightForLengthTable.Length ? 300 : 1000;
        var position = table == WeightForLengthTable.Length ? MeasuredPosition.Lying : MeasuredPosition.Standing;
        var r = Calc.Compute(new() { Sex = Sex.Female, AgeDays = days, WeightKg = 10, LengthOrHeightCm = cm, Position = position });
        Assert.Equal(computed, r.WeightForLength is not null);
    }

    [Fact]
    public void Between_two_tenth_of_a_cm_rows_L_M_and_S_are_interpolated_and_78_1_minus_0_7_is_row_77_4()
    {
        var between = Lms.Between(Row(Tables.WeightForLength, Sex.Male, 841), Row(Tables.WeightForLength, Sex.Male, 842), 0.5);
        var r = Calc.Compute(new() { Sex = Sex.Male, AgeDays = 600, WeightKg = 11.3, LengthOrHeightCm = 84.15, Position = MeasuredPosition.Lying });
        Assert.Equal(Round2(between.RestrictedZScore(11.3)), r.WeightForLength);

        var corrected = Calc.Compute(new() { Sex = Sex.Male, AgeDays = 800, WeightKg = 11.3, LengthOrHeightCm = 78.1, Position = MeasuredPosition.Lying });
        Assert.Equal(77.4, corrected.CorrectedLengthCm!.Value, 9);
        Assert.Equal(Round2(Row(Tables.WeightForHeight, Sex.Male, 774).RestrictedZScore(11.3)), corrected.WeightForLength);
    }

    [Fact]
    public void Implausible_z_scores_are_flagged_at_WHOs_limits_on_the_rounded_value_and_kept()
    {
        var wfa = Row(Tables.WeightForAge, Sex.Female, 200);
        double WeightAt(double z) => z < -3 ? wfa.ValueAt(-3) + (z + 3) * (wfa.ValueAt(-2) - wfa.ValueAt(-3))
            : z > 3 ? wfa.ValueAt(3) + (z - 3) * (wfa.ValueAt(3) - wfa.ValueAt(2)) : wfa.ValueAt(z);
        GrowthResult At(double z) => Calc.Compute(new() { Sex = Sex.Female, AgeDays = 200, WeightKg = WeightAt(z) });
        Assert.False(At(-6.00).Flags.HasFlag(GrowthFlags.WeightForAge));
        Assert.True(At(-6.01).Flags.HasFlag(GrowthFlags.WeightForAge));
        Assert.Equal(-6.01, At(-6.01).WeightForAge);
        Assert.False(At(5.00).Flags.HasFlag(GrowthFlags.WeightForAge));
        Assert.True(At(5.01).Flags.HasFlag(GrowthFlags.WeightForAge));

        var len = Row(Tables.LengthForAge, Sex.Female, 200);
        GrowthResult Length(double z) => Calc.Compute(new() { Sex = Sex.Female, AgeDays = 200, LengthOrHeightCm = len.M * (1 + z * len.S), Position = MeasuredPosition.Lying });
        Assert.False(Length(6.00).Flags.HasFlag(GrowthFlags.LengthForAge));
        Assert.True(Length(6.01).Flags.HasFlag(GrowthFlags.LengthForAge));
        Assert.True(Length(-6.01).Flags.HasFlag(GrowthFlags.LengthForAge));

        var wfl = Row(Tables.WeightForLength, Sex.Female, 650);
        GrowthResult Wfl(double z) => Calc.Compute(new() { Sex = Sex.Female, AgeDays = 200, LengthOrHeightCm = 65, Position = MeasuredPosition.Lying,
            WeightKg = z > 0 ? wfl.ValueAt(3) + (z - 3) * (wfl.ValueAt(3) - wfl.ValueAt(2)) : wfl.ValueAt(-3) + (z + 3) * (wfl.ValueAt(-2) - wfl.ValueAt(-3)) });
        Assert.False(Wfl(5.00).Flags.HasFlag(GrowthFlags.WeightForLength));
        Assert.True(Wfl(5.01).Flags.HasFlag(GrowthFlags.WeightForLength));
        Assert.True(Wfl(-5.01).Flags.HasFlag(GrowthFlags.WeightForLength));
        Assert.False(Wfl(-5.01).Status.HasFlag(NutritionStatus.Wasting));
    }

    [Fact]
    public void A_measurement_of_zero_or_without_sex_gives_no_z_score()
    {
        Assert.Null(Calc.Compute(new() { Sex = Sex.Male, AgeDays = 100, WeightKg = 0 }).WeightForAge);
        var noSex = Calc.Compute(new() { AgeDays = 100, WeightKg = 6, LengthOrHeightCm = 60 });
        Assert.Null(noSex.WeightForAge);
        Assert.Null(noSex.LengthForAge);
        Assert.Equal(100, noSex.AgeDays);
    }
}
