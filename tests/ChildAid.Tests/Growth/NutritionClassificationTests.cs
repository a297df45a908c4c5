using ChildAid.Shared.Growth;

namespace ChildAid.Tests.Growth;

/// <summary>WHO cut-offs (ALGORITHM.md §10) on rounded z-scores, strict: −2.00 is not stunted, −2.01 is.</summary>
public class NutritionClassificationTests
{
    private static NutritionStatus UnderFive(double? haz = null, double? waz = null, double? whz = null, double? baz = null,
        double months = 30, bool oedema = false, double? muacCm = null, GrowthFlags flags = GrowthFlags.None) =>
        NutritionClassification.UnderFive(new GrowthResult
        {
            AgeMonths = months, LengthForAge = haz, WeightForAge = waz, WeightForLength = whz, BmiForAge = baz, Flags = flags,
        }, oedema, muacCm);

    private static NutritionStatus SchoolAge(double? haz = null, double? waz = null, double? baz = null, double months = 100, bool oedema = false) =>
        NutritionClassification.SchoolAge(new GrowthResult { AgeMonths = months, LengthForAge = haz, WeightForAge = waz, BmiForAge = baz }, oedema);

    [Theory]
    [InlineData(-2.00, NutritionStatus.None)]
    [InlineData(-2.01, NutritionStatus.Stunting)]
    [InlineData(-3.00, NutritionStatus.Stunting)]
    [InlineData(-3.01, NutritionStatus.Stunting | NutritionStatus.SevereStunting)]
    public void Stunting_is_length_for_age_strictly_below_minus_2_and_severe_below_minus_3(double haz, NutritionStatus expected) =>
        Assert.Equal(expected, UnderFive(haz: haz));

    [Theory]
    [InlineData(-2.01, NutritionStatus.Underweight)]
    [InlineData(-3.5, NutritionStatus.Underweight | NutritionStatus.SevereUnderweight)]
    public void Underweight_is_weight_for_age_below_minus_2(double waz, NutritionStatus expected) =>
        Assert.Equal(expected, UnderFive(waz: waz));

    [Theory]
    [InlineData(-2.00, NutritionStatus.None)]
    [InlineData(-2.01, NutritionStatus.Wasting | NutritionStatus.ModerateAcuteMalnutrition)]
    [InlineData(-3.00, NutritionStatus.Wasting | NutritionStatus.ModerateAcuteMalnutrition)]
    [InlineData(-3.01, NutritionStatus.Wasting | NutritionStatus.SevereWasting | NutritionStatus.SevereAcuteMalnutrition)]
    [InlineData(1.00, NutritionStatus.None)]
    [InlineData(1.01, NutritionStatus.RiskOfOverweight)]
    [InlineData(2.01, NutritionStatus.RiskOfOverweight | NutritionStatus.Overweight)]
    [InlineData(3.01, NutritionStatus.RiskOfOverweight | NutritionStatus.Overweight | NutritionStatus.Obesity)]
    public void Wasting_and_overweight_under_5_are_read_on_weight_for_length(double whz, NutritionStatus expected) =>
        Assert.Equal(expected, UnderFive(whz: whz));

    [Fact]
    public void Bmi_for_age_under_5_shares_the_overweight_cut_offs_but_not_wasting()
    {
        Assert.Equal(NutritionStatus.RiskOfOverweight | NutritionStatus.Overweight, UnderFive(baz: 2.5));
        Assert.Equal(NutritionStatus.None, UnderFive(baz: -2.5));
    }

    [Fact]
    public void A_flagged_z_score_classifies_nothing()
    {
        Assert.Equal(NutritionStatus.None, UnderFive(haz: -6.5, flags: GrowthFlags.LengthForAge));
        Assert.Equal(NutritionStatus.None, UnderFive(whz: -5.5, flags: GrowthFlags.WeightForLength));
    }

    [Theory]
    [InlineData(30, 11.4, NutritionStatus.SevereAcuteMalnutrition)]
    [InlineData(30, 11.5, NutritionStatus.ModerateAcuteMalnutrition)]
    [InlineData(30, 12.4, NutritionStatus.ModerateAcuteMalnutrition)]
    [InlineData(30, 12.5, NutritionStatus.None)]
    [InlineData(5.9, 11.0, NutritionStatus.None)]
    [InlineData(6, 11.0, NutritionStatus.SevereAcuteMalnutrition)]
    public void Muac_below_115_mm_is_severe_and_below_125_mm_moderate_acute_malnutrition_from_6_to_59_months(double months, double muacCm, NutritionStatus expected) =>
        Assert.Equal(expected, UnderFive(months: months, muacCm: muacCm));

    [Fact]
    public void Bilateral_oedema_alone_is_severe_acute_malnutrition_and_counts_below_minus_3_on_weight()
    {
        Assert.Equal(NutritionStatus.Underweight | NutritionStatus.SevereUnderweight | NutritionStatus.Wasting | NutritionStatus.SevereWasting
                     | NutritionStatus.SevereAcuteMalnutrition, UnderFive(oedema: true));
        Assert.False(UnderFive(oedema: true, months: 4).HasFlag(NutritionStatus.SevereAcuteMalnutrition));
    }

    [Theory]
    [InlineData(-2.00, NutritionStatus.None)]
    [InlineData(-2.01, NutritionStatus.Thinness)]
    [InlineData(-3.01, NutritionStatus.Thinness | NutritionStatus.SevereThinness)]
    [InlineData(1.00, NutritionStatus.None)]
    [InlineData(1.01, NutritionStatus.Overweight)]
    [InlineData(2.01, NutritionStatus.Overweight | NutritionStatus.Obesity)]
    public void From_5_to_19_thinness_overweight_and_obesity_are_read_on_bmi_for_age(double baz, NutritionStatus expected) =>
        Assert.Equal(expected, SchoolAge(baz: baz));

    [Fact]
    public void From_5_to_19_stunting_is_read_on_height_and_underweight_on_weight_for_age()
    {
        Assert.Equal(NutritionStatus.Stunting | NutritionStatus.SevereStunting, SchoolAge(haz: -3.2));
        Assert.Equal(NutritionStatus.Underweight, SchoolAge(waz: -2.5));
    }

    [Fact]
    public void Codes_for_files_and_Vietnamese_names_for_people()
    {
        Assert.Equal("stunting;severe_stunting", NutritionStatusNames.Codes(NutritionStatus.Stunting | NutritionStatus.SevereStunting));
        Assert.Equal("", NutritionStatusNames.Codes(NutritionStatus.None));
        Assert.Equal("fwfa;c9mo", NutritionStatusNames.Codes(GrowthFlags.WeightForAge | GrowthFlags.StandingUnder9Months));
        Assert.Equal(["Thấp còi", "Gầy còm nặng"], NutritionStatusNames.Vietnamese(NutritionStatus.Stunting | NutritionStatus.SevereWasting));
    }
}
