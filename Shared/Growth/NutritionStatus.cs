namespace ChildAid.Shared.Growth;

/// <summary>
/// The WHO classification of one child at one visit (ALGORITHM.md §10). A severe form is also counted in its wider
/// category (z &lt; −3 is also &lt; −2; obesity is also overweight), as WHO's prevalence tables count them.
/// </summary>
[Flags]
public enum NutritionStatus
{
    None = 0,
    /// <summary>Length/height-for-age &lt; −2 (0–19 y).</summary>
    Stunting = 1 << 0,
    /// <summary>Length/height-for-age &lt; −3.</summary>
    SevereStunting = 1 << 1,
    /// <summary>Weight-for-age &lt; −2 (0–10 y), or bilateral oedema.</summary>
    Underweight = 1 << 2,
    SevereUnderweight = 1 << 3,
    /// <summary>Weight-for-length/height &lt; −2 (under 5), or bilateral oedema (counted as severe).</summary>
    Wasting = 1 << 4,
    SevereWasting = 1 << 5,
    /// <summary>Possible risk of overweight: WHZ or BMI-for-age &gt; +1 (under 5).</summary>
    RiskOfOverweight = 1 << 6,
    /// <summary>Under 5: WHZ &gt; +2. 5–19 y: BMI-for-age &gt; +1.</summary>
    Overweight = 1 << 7,
    /// <summary>Under 5: WHZ &gt; +3. 5–19 y: BMI-for-age &gt; +2.</summary>
    Obesity = 1 << 8,
    /// <summary>BMI-for-age &lt; −2 (5–19 y), or bilateral oedema.</summary>
    Thinness = 1 << 9,
    SevereThinness = 1 << 10,
    /// <summary>6–59 months: WHZ &lt; −3, or MUAC &lt; 115 mm, or bilateral oedema.</summary>
    SevereAcuteMalnutrition = 1 << 11,
    /// <summary>6–59 months and not severe: WHZ from −3 to &lt; −2, or MUAC from 115 to &lt; 125 mm.</summary>
    ModerateAcuteMalnutrition = 1 << 12,
}

/// <summary>Names of the classification and the flags: stable codes for files, Vietnamese words for people.</summary>
public static class NutritionStatusNames
{
    private static readonly (NutritionStatus Status, string Code, string Vietnamese, string English)[] Names =
    [
        (NutritionStatus.Stunting, "stunting", "Thấp còi", "Stunting"),
        (NutritionStatus.SevereStunting, "severe_stunting", "Thấp còi nặng", "Severe stunting"),
        (NutritionStatus.Underweight, "underweight", "Nhẹ cân", "Underweight"),
        (NutritionStatus.SevereUnderweight, "severe_underweight", "Nhẹ cân nặng", "Severe underweight"),
        (NutritionStatus.Wasting, "wasting", "Gầy còm", "Wasting"),
        (NutritionStatus.SevereWasting, "severe_wasting", "Gầy còm nặng", "Severe wasting"),
        (NutritionStatus.RiskOfOverweight, "risk_of_overweight", "Nguy cơ thừa cân", "Possible risk of overweight"),
        (NutritionStatus.Overweight, "overweight", "Thừa cân", "Overweight"),
        (NutritionStatus.Obesity, "obesity", "Béo phì", "Obesity"),
        (NutritionStatus.Thinness, "thinness", "Gầy", "Thinness"),
        (NutritionStatus.SevereThinness, "severe_thinness", "Gầy nặng", "Severe thinness"),
        (NutritionStatus.SevereAcuteMalnutrition, "sam", "Suy dinh dưỡng cấp tính nặng", "Severe acute malnutrition"),
        (NutritionStatus.ModerateAcuteMalnutrition, "mam", "Suy dinh dưỡng cấp tính vừa", "Moderate acute malnutrition"),
    ];

    private static readonly (GrowthFlags Flag, string Code, string Vietnamese)[] FlagNames =
    [
        (GrowthFlags.WeightForAge, "fwfa", "Cân nặng theo tuổi bất thường (nghi sai số đo hoặc nhập)"),
        (GrowthFlags.LengthForAge, "flhfa", "Chiều dài/cao theo tuổi bất thường (nghi sai số đo hoặc nhập)"),
        (GrowthFlags.WeightForLength, "fwflh", "Cân nặng theo chiều dài/cao bất thường (nghi sai số đo hoặc nhập)"),
        (GrowthFlags.BmiForAge, "fbfa", "BMI theo tuổi bất thường (nghi sai số đo hoặc nhập)"),
        (GrowthFlags.HeadForAge, "fhcfa", "Vòng đầu theo tuổi bất thường (nghi sai số đo hoặc nhập)"),
        (GrowthFlags.ArmForAge, "facfa", "Vòng cánh tay theo tuổi bất thường (nghi sai số đo hoặc nhập)"),
        (GrowthFlags.TricepsForAge, "ftsfa", "Nếp gấp da cơ tam đầu theo tuổi bất thường (nghi sai số đo hoặc nhập)"),
        (GrowthFlags.SubscapularForAge, "fssfa", "Nếp gấp da dưới xương bả vai theo tuổi bất thường (nghi sai số đo hoặc nhập)"),
        (GrowthFlags.StandingUnder9Months, "c9mo", "Trẻ dưới 9 tháng phải đo nằm: tư thế đứng bị coi là nhập sai, không cộng 0,7 cm"),
    ];

    // Every combination is joined once and kept: a file of a million rows asks for the same few dozen.
    private static readonly string?[] StatusCodes = new string?[(int)NutritionStatus.ModerateAcuteMalnutrition << 1];
    private static readonly string?[] FlagCodes = new string?[(int)GrowthFlags.SubscapularForAge << 1];

    /// <summary>Codes joined by ';' (e.g. "stunting;severe_stunting"), empty for none: for CSV files.</summary>
    public static string Codes(NutritionStatus status) =>
        StatusCodes[(int)status] ??= string.Join(';', Names.Where(n => status.HasFlag(n.Status)).Select(n => n.Code));

    public static string Codes(GrowthFlags flags) =>
        FlagCodes[(int)flags] ??= string.Join(';', FlagNames.Where(n => flags.HasFlag(n.Flag)).Select(n => n.Code));

    public static IEnumerable<string> Vietnamese(NutritionStatus status) =>
        Names.Where(n => status.HasFlag(n.Status)).Select(n => n.Vietnamese);

    public static IEnumerable<string> English(NutritionStatus status) =>
        Names.Where(n => status.HasFlag(n.Status)).Select(n => n.English);

    public static IEnumerable<string> Vietnamese(GrowthFlags flags) =>
        FlagNames.Where(n => flags.HasFlag(n.Flag)).Select(n => n.Vietnamese);
}
