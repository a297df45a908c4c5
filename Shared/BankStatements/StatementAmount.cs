using ChildAid.Shared.Localization;

namespace ChildAid.Shared.BankStatements;

/// <summary>
/// Reads a đồng amount as banks write it in their exports: "26,338,000", "1,234,567.00", "1.000.000", "400.000,00",
/// "1,234,567 VND", "(150,000)", "-150,000", or a number cell. The separators are worked out per value: with both
/// "." and ",", the last one is the decimal point; a single separator followed by exactly three digits groups thousands
/// (a đồng amount has no minor unit, so "52,000" is fifty-two thousand); one followed by one or two digits is a
/// decimal point. Decimals must be zero: đồng have no cents, and a non-zero fraction means the column is not đồng.
/// </summary>
public static class StatementAmount
{
    public const long Max = 1_000_000_000_000_000;

    /// <summary>The amount (negative for "(…)" or a minus sign), or null with the reason in Vietnamese.</summary>
    public static long? Parse(object? raw, out string? error)
    {
        error = null;
        switch (raw)
        {
            case null: return null;
            case double d:
                if (d != Math.Floor(d) || Math.Abs(d) >= Max) { error = Messages.Format("“{0}” không phải số tiền đồng (số nguyên).", d); return null; }
                return (long)d;
            case int i: return i;
            case long l: return l;
            case string s: return ParseText(s, out error);
            default: return ParseText(raw.ToString() ?? "", out error);
        }
    }

    private static long? ParseText(string text, out string? error)
    {
        error = null;
        var s = text.Trim();
        if (s.Length == 0) return null;
        var original = s;
        s = StripCurrency(s);
        var negative = false;
        if (s.StartsWith('(') && s.EndsWith(')')) { negative = true; s = s[1..^1].Trim(); }
        if (s.StartsWith('-') || s.StartsWith('−')) { negative = !negative; s = s[1..].Trim(); }
        else if (s.StartsWith('+')) s = s[1..].Trim();
        else if (s.EndsWith('-')) { negative = !negative; s = s[..^1].Trim(); }
        s = s.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal);
        if (s.Length == 0 || s.Any(c => !char.IsAsciiDigit(c) && c is not ('.' or ','))) return Fail(original, out error);

        var lastDot = s.LastIndexOf('.');
        var lastComma = s.LastIndexOf(',');
        string whole, fraction = "";
        char? thousands = null;
        if (lastDot >= 0 && lastComma >= 0)
        {
            var decimalAt = Math.Max(lastDot, lastComma);
            (whole, fraction) = (s[..decimalAt], s[(decimalAt + 1)..]);
            thousands = decimalAt == lastDot ? ',' : '.';
            if (whole.Contains(s[decimalAt])) return Fail(original, out error);
        }
        else if (lastDot >= 0 || lastComma >= 0)
        {
            var separator = lastDot >= 0 ? '.' : ',';
            var count = s.Count(c => c == separator);
            var tail = s.Length - s.LastIndexOf(separator) - 1;
            if (count > 1 || tail == 3) { whole = s; thousands = separator; }
            else if (tail is 1 or 2) (whole, fraction) = (s[..s.IndexOf(separator)], s[(s.IndexOf(separator) + 1)..]);
            else return Fail(original, out error);
        }
        else whole = s;

        if (thousands is { } t && whole.Contains(t))
        {
            var groups = whole.Split(t);
            if (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3)) return Fail(original, out error);
            whole = string.Concat(groups);
        }
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit)) return Fail(original, out error);
        if (fraction.Any(c => c != '0'))
        {
            error = Messages.Format("“{0}” có phần lẻ sau dấu thập phân: số tiền đồng không có số lẻ; kiểm tra lại cột và tệp.", original);
            return null;
        }
        if (whole.Length > 18 || long.Parse(whole, System.Globalization.CultureInfo.InvariantCulture) >= Max) return Fail(original, out error);
        var value = long.Parse(whole, System.Globalization.CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    private static string StripCurrency(string s)
    {
        foreach (var unit in (string[])["VND", "VNĐ", "vnd", "vnđ", "đ", "₫", "Đ"])
        {
            if (s.EndsWith(unit, StringComparison.Ordinal)) s = s[..^unit.Length].Trim();
            if (s.StartsWith(unit, StringComparison.Ordinal)) s = s[unit.Length..].Trim();
        }
        return s;
    }

    private static long? Fail(string original, out string? error)
    {
        error = Messages.Format("“{0}” không phải số tiền (ví dụ 1.234.567 hoặc 1,234,567).", original);
        return null;
    }
}
