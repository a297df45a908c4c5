using System.Globalization;

namespace ChildAid.Shared.Text;

/// <summary>One field of a CSV file we write (the open-data exports).</summary>
public static class CsvField
{
    /// <summary>RFC 4180; a text starting with = + - @ gets a leading apostrophe so a spreadsheet never runs it as a formula.</summary>
    public static string Quote(string? field)
    {
        if (string.IsNullOrEmpty(field)) return "";
        if (field[0] is '=' or '+' or '-' or '@' && !long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) field = "'" + field;
        return field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
