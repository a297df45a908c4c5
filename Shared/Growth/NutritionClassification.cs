namespace ChildAid.Shared.Growth;

/// <summary>
/// WHO cut-offs on the rounded z-scores (ALGORITHM.md §10), strict inequalities: −2.00 is not stunted. A flagged
/// (implausible) z-score classifies nothing: it is a probable measurement or entry error, excluded as WHO excludes it.
/// </summary>
public static class NutritionClassification
{
    /// <summary>MUAC cut-offs for 6–59 months, in cm as measured: 115 mm and 125 mm.</summary>
    public const double SevereMuacCm = 11.5, ModerateMuacCm = 12.5;

    public static NutritionStatus UnderFive(in GrowthResult r, bool oedema, double? muacCm)
    {
        var status = NutritionStatus.None;
        var haz = Usable(r.LengthForAge, r.Flags, GrowthFlags.LengthForAge);
        var waz = Usable(r.WeightForAge, r.Flags, GrowthFlags.WeightForAge);
        var whz = Usable(r.WeightForLength, r.Flags, GrowthFlags.WeightForLength);
        var baz = Usable(r.BmiForAge, r.Flags, GrowthFlags.BmiForAge);
        status |= Low(haz, NutritionStatus.Stunting, NutritionStatus.SevereStunting);
        status |= Low(waz, NutritionStatus.Underweight, NutritionStatus.SevereUnderweight);
        status |= Low(whz, NutritionStatus.Wasting, NutritionStatus.SevereWasting);
        // Overweight is read on WHZ or BMI-for-age, which share the cut-offs under 5 (TC08); wasting on WHZ only (REC19).
        if (whz > 1 || baz > 1) status |= NutritionStatus.RiskOfOverweight;
        if (whz > 2 || baz > 2) status |= NutritionStatus.Overweight;
        if (whz > 3 || baz > 3) status |= NutritionStatus.Obesity;
        // Bilateral oedema: no weight-based z-score, and the child counts as below −3 SD on them (§7, §10).
        if (oedema)
            status |= NutritionStatus.Underweight | NutritionStatus.SevereUnderweight | NutritionStatus.Wasting | NutritionStatus.SevereWasting;

        // Acute malnutrition is defined for 6–59 months (JS09).
        if (r.AgeMonths is >= 6 and < 60)
        {
            var muac = muacCm is > 0 ? muacCm : null;
            if (oedema || whz < -3 || muac < SevereMuacCm) status |= NutritionStatus.SevereAcuteMalnutrition;
            else if (whz < -2 || muac < ModerateMuacCm) status |= NutritionStatus.ModerateAcuteMalnutrition;
        }
        return status;
    }

    public static NutritionStatus SchoolAge(in GrowthResult r, bool oedema)
    {
        var status = NutritionStatus.None;
        var haz = Usable(r.LengthForAge, r.Flags, GrowthFlags.LengthForAge);
        var waz = Usable(r.WeightForAge, r.Flags, GrowthFlags.WeightForAge);
        var baz = Usable(r.BmiForAge, r.Flags, GrowthFlags.BmiForAge);
        status |= Low(haz, NutritionStatus.Stunting, NutritionStatus.SevereStunting);
        status |= Low(waz, NutritionStatus.Underweight, NutritionStatus.SevereUnderweight);
        status |= Low(baz, NutritionStatus.Thinness, NutritionStatus.SevereThinness);
        // 5–19 y: +1 SD ≈ BMI 25 and +2 SD ≈ BMI 30 at 19 years (dO07).
        if (baz > 1) status |= NutritionStatus.Overweight;
        if (baz > 2) status |= NutritionStatus.Obesity;
        // Oedema counts below −3 SD on BMI-for-age, and on weight-for-age only where it exists (≤ 120 months; anthroplus).
        if (oedema)
        {
            status |= NutritionStatus.Thinness | NutritionStatus.SevereThinness;
            if (r.AgeMonths <= GrowthCalculator.LastMonthOfWeightForAge2007)
                status |= NutritionStatus.Underweight | NutritionStatus.SevereUnderweight;
        }
        return status;
    }

    private static double? Usable(double? z, GrowthFlags flags, GrowthFlags flag) => flags.HasFlag(flag) ? null : z;

    private static NutritionStatus Low(double? z, NutritionStatus moderate, NutritionStatus severe) =>
        z < -3 ? moderate | severe : z < -2 ? moderate : NutritionStatus.None;
}
