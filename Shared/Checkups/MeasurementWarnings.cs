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
        var since = VietnameseFormat.Date(before);
        if (weightKg is { } w && previous.WeightKg is { } pw && pw > 0 && Math.Abs(w - pw) > pw * WeightChangeShare)
            warnings.Add(Say(w > pw ? WeightUp : WeightDown, Kg(Math.Abs(w - pw)), since, Kg(pw)));
        if (lengthCm is { } l && previous.LengthCm is { } pl)
        {
            var months = Math.Max(1m, (on.DayNumber - before.DayNumber) / 30.4375m);
            if (pl - l > LengthLossCm)
                warnings.Add(Say(LengthDown, Kg(pl - l), since, Kg(pl)));
            else if (l - pl > LengthGainCmPerMonth * months)
                warnings.Add(Say(LengthUpTooFast, Kg(l - pl), since, Kg(pl)));
        }
        return warnings;
    }

    // Format keys (Vietnamese, with the values' places): BackOffice reads them in the staff member's language.
    public const string WeightUp = "Cân nặng tăng {0} kg so với lần đo {1} ({2} kg): kiểm tra lại.";
    public const string WeightDown = "Cân nặng giảm {0} kg so với lần đo {1} ({2} kg): kiểm tra lại.";
    public const string LengthDown = "Chiều dài/cao giảm {0} cm so với lần đo {1} ({2} cm): kiểm tra lại.";
    public const string LengthUpTooFast = "Chiều dài/cao tăng {0} cm so với lần đo {1} ({2} cm), nhanh hơn trẻ có thể lớn: kiểm tra lại.";

    private static string Say(string key, params object[] values) => string.Format(VietnameseFormat.Culture, key, values);

    private static string Kg(decimal v) => v.ToString("0.0", VietnameseFormat.Culture);
}
