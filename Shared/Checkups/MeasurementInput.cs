using System.Globalization;
using System.Text.RegularExpressions;
using ChildAid.Shared.Growth;

namespace ChildAid.Shared.Checkups;

/// <summary>
/// One row of the class grid as typed: numbers as text, so a typo comes back next to its cell in Vietnamese instead of
/// being lost by model binding. An empty row is a child who was not measured.
/// </summary>
public class MeasurementInput
{
    public int ChildId { get; set; }
    public string? WeightKg { get; set; }
    public string? LengthCm { get; set; }
    public MeasuredPosition? Position { get; set; }
    public string? MuacMm { get; set; }
    public bool Oedema { get; set; }
    public string? HeadCm { get; set; }
    public string? TricepsSkinfoldMm { get; set; }
    public string? SubscapularSkinfoldMm { get; set; }
    public string? Findings { get; set; }
    public List<CommonConditions> Conditions { get; set; } = [];
    public string? Referral { get; set; }
    public string? Treatment { get; set; }

    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(WeightKg) && string.IsNullOrWhiteSpace(LengthCm) && string.IsNullOrWhiteSpace(MuacMm)
        && string.IsNullOrWhiteSpace(HeadCm) && string.IsNullOrWhiteSpace(TricepsSkinfoldMm) && string.IsNullOrWhiteSpace(SubscapularSkinfoldMm) && !Oedema && string.IsNullOrWhiteSpace(Findings) && Conditions.Count == 0
        && string.IsNullOrWhiteSpace(Referral) && string.IsNullOrWhiteSpace(Treatment);

    public static MeasurementInput From(Measurement m) => new()
    {
        ChildId = m.ChildId, WeightKg = Text(m.WeightKg), LengthCm = Text(m.LengthCm), Position = m.Position,
        MuacMm = m.MuacMm?.ToString(CultureInfo.InvariantCulture), Oedema = m.Oedema, HeadCm = Text(m.HeadCm),
        TricepsSkinfoldMm = Text(m.TricepsSkinfoldMm), SubscapularSkinfoldMm = Text(m.SubscapularSkinfoldMm), Findings = m.Findings,
        Conditions = Enum.GetValues<CommonConditions>().Where(c => c != CommonConditions.None && m.Conditions.HasFlag(c)).ToList(),
        Referral = m.Referral, Treatment = m.Treatment,
    };

    /// <summary>"15,4" as Vietnamese write it.</summary>
    public static string? Text(decimal? value) => value?.ToString("0.0", ChildAid.Shared.Text.VietnameseFormat.Culture);

}

/// <summary>Reads and checks one grid row; the messages are keyed by the input's property name.</summary>
public static partial class MeasurementRules
{
    public const decimal MinWeight = 0.5m, MaxWeight = 150m, MinLength = 35m, MaxLength = 220m, MinHead = 25m, MaxHead = 65m;
    /// <summary>MUAC in mm (stored), and the same range typed in cm (5,0–40,0 cm).</summary>
    public const int MinMuac = 50, MaxMuac = 400;
    /// <summary>Skinfolds in mm (the CHECK constraints say the same).</summary>
    public const decimal MinSkinfold = 1m, MaxSkinfold = 50m;

    [GeneratedRegex(@"^\d{1,3}(?:[.,]\d)?$")]
    private static partial Regex OneDecimal();

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex WholeMm();

    public const string MuacInvalid = "Vòng cánh tay: nhập số mm nguyên từ 50 đến 400 (ví dụ 135) hoặc số cm từ 5 đến 40 (ví dụ 13,5).";

    /// <summary>
    /// The values to store, or the messages by field. Numbers take at most one decimal (0.1 kg, 0.1 cm). MUAC is read in
    /// mm or cm, as the tape is marked: a whole number from 50 is mm, a number up to 40 or with a decimal is cm
    /// (stored in mm). <paramref name="ageDays"/>, the child's age on the session's day when known: head circumference
    /// is taken under 2 years only (the issue's rule, and WHO's screening use).
    /// </summary>
    public static (Measured? Values, Dictionary<string, string> Errors) Check(MeasurementInput input, int? ageDays = null)
    {
        var errors = new Dictionary<string, string>();
        var weight = Tenth(input.WeightKg, MinWeight, MaxWeight, nameof(input.WeightKg), "Cân nặng", "kg", "15,4", errors);
        var length = Tenth(input.LengthCm, MinLength, MaxLength, nameof(input.LengthCm), "Chiều dài/cao", "cm", "102,5", errors);
        var head = Tenth(input.HeadCm, MinHead, MaxHead, nameof(input.HeadCm), "Vòng đầu", "cm", "46,2", errors);
        var triceps = Tenth(input.TricepsSkinfoldMm, MinSkinfold, MaxSkinfold, nameof(input.TricepsSkinfoldMm), "Nếp gấp da cơ tam đầu", "mm", "8,5", errors);
        var subscapular = Tenth(input.SubscapularSkinfoldMm, MinSkinfold, MaxSkinfold, nameof(input.SubscapularSkinfoldMm), "Nếp gấp da dưới xương bả vai", "mm", "6,2", errors);
        var muac = Muac(input.MuacMm);
        if (muac is null && !string.IsNullOrWhiteSpace(input.MuacMm)) errors[nameof(input.MuacMm)] = MuacInvalid;
        if (head is not null && ageDays >= GrowthCalculator.FirstDayOfHeight)
            errors[nameof(input.HeadCm)] = string.Format(CultureInfo.InvariantCulture,
                "Vòng đầu chỉ đo cho trẻ dưới 2 tuổi; trẻ này đã {0} tháng tuổi vào ngày khám: để trống ô này.", ageDays.Value * 12 / 365);
        if (length is not null && input.Position is null)
            errors[nameof(input.Position)] = "Chọn đo nằm (chiều dài) hay đứng (chiều cao).";
        if (input.Position is { } p && !Enum.IsDefined(p))
            errors[nameof(input.Position)] = "Tư thế đo không hợp lệ.";
        if (input.Conditions.Any(c => c == CommonConditions.None || !Enum.IsDefined(c)))
            errors[nameof(input.Conditions)] = "Bệnh thường gặp không hợp lệ.";
        // Skinfolds are taken with the other measurements, never alone (the database's "something measured" CHECK predates
        // them, and SQLite cannot change a CHECK without rebuilding the table).
        if (weight is null && length is null && muac is null && head is null && !input.Oedema && errors.Count == 0)
            errors[nameof(input.WeightKg)] = triceps is null && subscapular is null
                ? "Nhập ít nhất một số đo (cân nặng, chiều dài/cao, vòng cánh tay hoặc vòng đầu)."
                : "Nếp gấp da được ghi cùng các số đo khác: nhập thêm cân nặng, chiều dài/cao, vòng cánh tay hoặc vòng đầu.";
        Limit(input.Findings, 2000, nameof(input.Findings), "Kết quả khám", errors);
        Limit(input.Referral, 500, nameof(input.Referral), "Chuyển tuyến", errors);
        Limit(input.Treatment, 500, nameof(input.Treatment), "Điều trị", errors);
        if (errors.Count > 0) return (null, errors);
        return (new Measured(weight, length, length is null ? null : input.Position, muac, input.Oedema, head, triceps, subscapular,
            Blank(input.Findings), input.Conditions.Aggregate(CommonConditions.None, (all, c) => all | c), Blank(input.Referral), Blank(input.Treatment)), errors);
    }

    /// <summary>MUAC typed in mm ("135") or cm ("13,5", "13"), in whole mm; null when empty or not a MUAC.</summary>
    public static int? Muac(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim();
        if (WholeMm().IsMatch(s) && int.Parse(s, CultureInfo.InvariantCulture) is var mm && mm >= MinMuac)
            return mm <= MaxMuac ? mm : null;
        if (OneDecimal().IsMatch(s) && decimal.Parse(s.Replace(',', '.'), CultureInfo.InvariantCulture) is var cm && cm * 10 >= MinMuac && cm * 10 <= MaxMuac)
            return (int)(cm * 10);
        return null;
    }

    private static decimal? Tenth(string? text, decimal min, decimal max, string field, string label, string unit, string example, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim();
        if (OneDecimal().IsMatch(s) && decimal.Parse(s.Replace(',', '.'), CultureInfo.InvariantCulture) is var v && v >= min && v <= max) return v;
        errors[field] = string.Format(ChildAid.Shared.Text.VietnameseFormat.Culture, "{0}: nhập số {1} từ {2} đến {3}, nhiều nhất một chữ số thập phân, ví dụ {4}.",
            label, unit, min.ToString("0.#", ChildAid.Shared.Text.VietnameseFormat.Culture), max.ToString("0.#", ChildAid.Shared.Text.VietnameseFormat.Culture), example);
        return null;
    }

    private static void Limit(string? text, int max, string field, string label, Dictionary<string, string> errors)
    {
        if (text is { Length: var n } && n > max) errors[field] = string.Format(CultureInfo.InvariantCulture, "{0} tối đa {1} ký tự.", label, max);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The checked values of one row.</summary>
public sealed record Measured(decimal? WeightKg, decimal? LengthCm, MeasuredPosition? Position, int? MuacMm, bool Oedema, decimal? HeadCm,
    decimal? TricepsSkinfoldMm, decimal? SubscapularSkinfoldMm, string? Findings, CommonConditions Conditions, string? Referral, string? Treatment)
{
    public void CopyTo(Measurement m)
    {
        m.WeightKg = WeightKg; m.LengthCm = LengthCm; m.Position = Position; m.MuacMm = MuacMm; m.Oedema = Oedema; m.HeadCm = HeadCm;
        m.TricepsSkinfoldMm = TricepsSkinfoldMm; m.SubscapularSkinfoldMm = SubscapularSkinfoldMm;
        m.Findings = Findings; m.Conditions = Conditions; m.Referral = Referral; m.Treatment = Treatment;
    }
}
