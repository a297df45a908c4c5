using ChildAid.BackOffice.Localization;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Text;

namespace ChildAid.BackOffice.Checkups;

/// <summary>Z-scores and the classification as staff read them: "CN/T −1,23", the most severe form of each finding.</summary>
public static class GrowthText
{
    public static string Z(decimal? z) => z is { } v ? v.ToString("+0.00;−0.00;0.00", VietnameseFormat.Culture) : "—";

    public static string Z(double? z) => Z(z is { } v ? (decimal?)Math.Round((decimal)v, 2) : null);

    /// <summary>"CN/T −1,23 · CC/T −2,10 · CN/CC +0,40 · BMI/T …" (in English WAZ, HAZ, WHZ…): only the z-scores that were computed.</summary>
    public static string Scores(decimal? waz, decimal? haz, decimal? whz, decimal? baz, decimal? hcz, decimal? muacz, decimal? tsfz = null, decimal? ssfz = null) =>
        string.Join(" · ", new[] { (StaffText.T("CN/T"), waz), (StaffText.T("CC/T"), haz), (StaffText.T("CN/CC"), whz), (StaffText.T("BMI/T"), baz), (StaffText.T("VĐ/T"), hcz), (StaffText.T("VCT/T"), muacz),
                (StaffText.T("NGD tam đầu/T"), tsfz), (StaffText.T("NGD dưới vai/T"), ssfz) }
            .Where(s => s.Item2 is not null).Select(s => $"{s.Item1} {Z(s.Item2)}"));

    public static string Scores(Measurement m) =>
        Scores(m.WeightForAge, m.LengthForAge, m.WeightForLength, m.BmiForAge, m.HeadForAge, m.ArmForAge, m.TricepsSkinfoldForAge, m.SubscapularSkinfoldForAge);

    public static string Scores(in GrowthResult r) =>
        Scores(D(r.WeightForAge), D(r.LengthForAge), D(r.WeightForLength), D(r.BmiForAge), D(r.HeadForAge), D(r.ArmForAge), D(r.TricepsForAge), D(r.SubscapularForAge));

    /// <summary>"tam đầu 8,5 · dưới vai 6,2" (mm), or "—".</summary>
    public static string Skinfolds(Measurement m) =>
        m.TricepsSkinfoldMm is null && m.SubscapularSkinfoldMm is null ? "—"
        : string.Join(" · ", new[] { (StaffText.T("tam đầu"), m.TricepsSkinfoldMm), (StaffText.T("dưới vai"), m.SubscapularSkinfoldMm) }
            .Where(s => s.Item2 is not null).Select(s => $"{s.Item1} {MeasurementInput.Text(s.Item2)}"));

    /// <summary>
    /// "Thấp còi nặng; Gầy còm" ("Severe stunting; Wasting" in English) — a severe form stands for its wider category;
    /// "Bình thường" when nothing applies. The one way a classification is named to staff, in the request's language:
    /// the grid, the child's page, the preview and the audit trail all read it here.
    /// </summary>
    public static string Status(NutritionStatus s)
    {
        if (s.HasFlag(NutritionStatus.SevereStunting)) s &= ~NutritionStatus.Stunting;
        if (s.HasFlag(NutritionStatus.SevereUnderweight)) s &= ~NutritionStatus.Underweight;
        if (s.HasFlag(NutritionStatus.SevereWasting)) s &= ~NutritionStatus.Wasting;
        if (s.HasFlag(NutritionStatus.SevereThinness)) s &= ~NutritionStatus.Thinness;
        if (s.HasFlag(NutritionStatus.Obesity)) s &= ~NutritionStatus.Overweight;
        if (s.HasFlag(NutritionStatus.Overweight)) s &= ~NutritionStatus.RiskOfOverweight;
        if (s == NutritionStatus.None) return StaffText.T("Bình thường");
        return string.Join("; ", Cultures.IsEnglish ? NutritionStatusNames.English(s) : NutritionStatusNames.Vietnamese(s));
    }

    public static string Position(MeasuredPosition? p) => p switch { MeasuredPosition.Lying => StaffText.T("(nằm)"), MeasuredPosition.Standing => StaffText.T("(đứng)"), _ => "" };

    /// <summary>The first line of why the WHO tables cannot be read, in the staff member's language (the message has both).</summary>
    public static string Problem(string problem)
    {
        var lines = problem.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return Cultures.IsEnglish && lines.FirstOrDefault(l => !l.Any(c => c is >= '\u00C0' and <= '\u1EFF')) is { } english ? english : lines[0];
    }

    private static decimal? D(double? z) => z is { } v ? Math.Round((decimal)v, 2) : null;
}
