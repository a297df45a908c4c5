using System.Globalization;
using System.Text.RegularExpressions;

namespace ChildAid.Shared.Text;

/// <summary>
/// Reads numbers as staff in Vietnam type them, and refuses anything that could be read two ways: a misread
/// amount is booked on the public ledger for ever, so we never guess.
/// <list type="bullet">
/// <item>Whole numbers (đồng, quantities): digits, optionally grouped by three with <c>.</c> or spaces —
/// <c>1500000</c>, <c>1.500.000</c>, <c>1 500 000</c>. No sign, no comma, no decimals.</item>
/// <item>Decimals (a foreign amount, a rate): digits with at most one decimal separator, comma or point —
/// <c>100,55</c>, <c>100.55</c>, <c>25450</c>. No thousands separators, no sign. One separator followed by
/// exactly three digits after one to three digits (<c>25.450</c>, <c>1,250</c>) could be a thousands
/// separator, so it is refused with both readings spelled out.</item>
/// </list>
/// </summary>
public static partial class NumberInput
{
    public const string WholeRule = "chỉ gồm chữ số, có thể phân cách hàng nghìn bằng dấu chấm hoặc dấu cách theo nhóm 3 chữ số, ví dụ 1.500.000";
    public const string DecimalRule = "chỉ gồm chữ số và nhiều nhất một dấu thập phân (dấu phẩy hoặc dấu chấm), không phân cách hàng nghìn, ví dụ 25450,5";

    [GeneratedRegex(@"^(?:\d+|[1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d{0,2}(?: \d{3})+)$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"^\d+(?:[.,]\d+)?$")]
    private static partial Regex Decimal();

    [GeneratedRegex(@"^[1-9]\d{0,2}[.,]\d{3}$")]
    private static partial Regex ThousandsOrDecimal();

    /// <summary>A whole number, or null when the text does not follow <see cref="WholeRule"/> (or overflows).</summary>
    public static long? ParseWhole(string? text)
    {
        var s = Clean(text);
        if (s is null || !Whole().IsMatch(s)) return null;
        var digits = s.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>A decimal number, or the Vietnamese reason it was refused.</summary>
    public static (decimal? Value, string? Error) ParseDecimal(string? text)
    {
        var s = Clean(text);
        if (s is null || !Decimal().IsMatch(s)) return (null, $"Số không hợp lệ: {DecimalRule}.");
        if (ThousandsOrDecimal().IsMatch(s))
        {
            var asThousands = s.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
            var asDecimal = s.Replace('.', ',').TrimEnd('0').TrimEnd(',');
            return (null, $"Không rõ “{s}” là {asThousands} hay {asDecimal}: gõ {asThousands} nếu là số nguyên (không dùng dấu phân cách hàng nghìn), hoặc {asDecimal} nếu là số thập phân.");
        }
        return decimal.TryParse(s.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
            ? (v, null)
            : (null, $"Số quá lớn: {DecimalRule}.");
    }

    /// <summary>Decimal places that carry a value: 100.50 has 1, 25450 has 0.</summary>
    public static int SignificantDecimals(decimal value)
    {
        int scale = value.Scale;
        while (scale > 0 && decimal.Round(value, scale - 1) == value) scale--;
        return scale;
    }

    // Spaces people type around a number are harmless; a non-breaking space counts as a space.
    private static string? Clean(string? text)
    {
        var s = text?.Replace('\u00a0', ' ').Replace('\u202f', ' ').Trim();
        return string.IsNullOrEmpty(s) ? null : s;
    }
}
