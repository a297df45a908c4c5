using ChildAid.Shared.Checkups;

namespace ChildAid.Tests.Checkups;

/// <summary>The grid's reading of a row, without a database: MUAC in mm or cm, and head circumference under 2 years only.</summary>
public class MeasurementRulesTests
{
    [Theory]
    [InlineData("135", 135)]
    [InlineData("50", 50)]
    [InlineData("400", 400)]
    [InlineData("13,5", 135)]
    [InlineData("13.5", 135)]
    [InlineData("13", 130)]
    [InlineData(" 11,4 ", 114)]
    [InlineData("5", 50)]
    [InlineData("40", 400)]
    [InlineData("45", null)] // neither 45 mm (too small to be an arm) nor 45 cm
    [InlineData("4", null)]
    [InlineData("401", null)]
    [InlineData("13,55", null)]
    [InlineData("135,0", null)]
    [InlineData("abc", null)]
    [InlineData("", null)]
    public void Muac_is_read_in_mm_or_cm_and_stored_in_mm(string typed, int? mm) => Assert.Equal(mm, MeasurementRules.Muac(typed));

    [Theory]
    [InlineData(730, true)]
    [InlineData(731, false)]
    [InlineData(null, true)] // age unknown (no session day): not refused here
    public void Head_circumference_is_taken_under_two_years_only(int? ageDays, bool accepted)
    {
        var (values, errors) = MeasurementRules.Check(new MeasurementInput { ChildId = 1, WeightKg = "10,2", HeadCm = "46,0" }, ageDays);
        Assert.Equal(accepted, values is not null);
        Assert.Equal(accepted, !errors.ContainsKey(nameof(MeasurementInput.HeadCm)));
    }
}
