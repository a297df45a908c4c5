using ChildAid.Shared.Checkups;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Text;

namespace ChildAid.BackOffice.Checkups;

/// <summary>Z-scores and the classification as staff read them: "CN/T −1,23", the most severe form of each finding.</summary>
public static class GrowthText
{
    public static string Z(decimal? z) => z is { } v ? v.ToString("+0.00;−0.00;0.00", VietnameseFormat.Culture) : "—";

    public static string Z(double? z) => Z(z is { } v ? (decimal?)Math.Round((decimal)v, 2) : null);

    /// <summary>"CN/T −1,23 · CC/T −2,10 · CN/CC +0,40 · BMI/T …": only the z-scores that were computed.</summary>
    public static string Scores(decimal? waz, decimal? haz, decimal? whz, decimal? baz, decimal? hcz, decimal? muacz) =>
        string.Join(" · ", new[] { ("CN/T", waz), ("CC/T", haz), ("CN/CC", whz), ("BMI/T", baz), ("VĐ/T", hcz), ("VCT/T", muacz) }
            .Where(s => s.Item2 is not null).Select(s => $"{s.Item1} {Z(s.Item2)}"));

    public static string Scores(Measurement m) => Scores(m.WeightForAge, m.LengthForAge, m.WeightForLength, m.BmiForAge, m.HeadForAge, m.ArmForAge);

    public static string Scores(in GrowthResult r) =>
        Scores(D(r.WeightForAge), D(r.LengthForAge), D(r.WeightForLength), D(r.BmiForAge), D(r.HeadForAge), D(r.ArmForAge));

    /// <summary>"Thấp còi nặng; Gầy còm" — a severe form stands for its wider category; "Bình thường" when nothing applies.</summary>
    public static string Status(NutritionStatus s)
    {
        if (s.HasFlag(NutritionStatus.SevereStunting)) s &= ~NutritionStatus.Stunting;
        if (s.HasFlag(NutritionStatus.SevereUnderweight)) s &= ~NutritionStatus.Underweight;
        if (s.HasFlag(NutritionStatus.SevereWasting)) s &= ~NutritionStatus.Wasting;
        if (s.HasFlag(NutritionStatus.SevereThinness)) s &= ~NutritionStatus.Thinness;
        if (s.HasFlag(NutritionStatus.Obesity)) s &= ~NutritionStatus.Overweight;
        if (s.HasFlag(NutritionStatus.Overweight)) s &= ~NutritionStatus.RiskOfOverweight;
        return s == NutritionStatus.None ? "Bình thường" : string.Join("; ", NutritionStatusNames.Vietnamese(s));
    }

    public static string Position(MeasuredPosition? p) => p switch { MeasuredPosition.Lying => "nằm", MeasuredPosition.Standing => "đứng", _ => "" };

    private static decimal? D(double? z) => z is { } v ? Math.Round((decimal)v, 2) : null;
}
