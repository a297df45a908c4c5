using ChildAid.Shared.Growth;
using ChildAid.Shared.Text;

namespace ChildAid.Shared.Checkups;

/// <summary>
/// Warnings while typing a class (never errors: the value may be right): a z-score WHO calls implausible, and a big
/// change since the child's last visit — often a typo (14,5 typed 41,5) or a swapped child.
/// </summary>
public static class MeasurementWarnings
{
    /// <summary>More than this share of the last weight, up or down, is worth a second look.</summary>
    public const decimal WeightChangeShare = 0.10m;
    /// <summary>Children do not shrink: a length/height this much below the last is a measuring or typing error.</summary>
    public const decimal LengthLossCm = 1.0m;
    /// <summary>Faster than any child grows (infants grow about 3–4 cm a month at most).</summary>
    public const decimal LengthGainCmPerMonth = 4.0m;

    public static List<string> For(GrowthFlags flags, decimal? weightKg, decimal? lengthCm, DateOnly on, Measurement? previous, DateOnly? previousOn)
    {
        var warnings = NutritionStatusNames.Vietnamese(flags).ToList();
        if (previous is null || previousOn is not { } before) return warnings;
        var since = $"so với lần đo {VietnameseFormat.Date(before)}";
        if (weightKg is { } w && previous.WeightKg is { } pw && pw > 0 && Math.Abs(w - pw) > pw * WeightChangeShare)
            warnings.Add($"Cân nặng {(w > pw ? "tăng" : "giảm")} {Kg(Math.Abs(w - pw))} kg {since} ({Kg(pw)} kg): kiểm tra lại.");
        if (lengthCm is { } l && previous.LengthCm is { } pl)
        {
            var months = Math.Max(1m, (on.DayNumber - before.DayNumber) / 30.4375m);
            if (pl - l > LengthLossCm)
                warnings.Add($"Chiều dài/cao giảm {Kg(pl - l)} cm {since} ({Kg(pl)} cm): kiểm tra lại.");
            else if (l - pl > LengthGainCmPerMonth * months)
                warnings.Add($"Chiều dài/cao tăng {Kg(l - pl)} cm {since} ({Kg(pl)} cm), nhanh hơn trẻ có thể lớn: kiểm tra lại.");
        }
        return warnings;
    }

    private static string Kg(decimal v) => v.ToString("0.0", VietnameseFormat.Culture);
}
