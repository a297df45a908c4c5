using System.Globalization;
using ChildAid.Shared.Text;
using ChildAid.Shared.Localization;

namespace ChildAid.Shared.Import;

/// <summary>
/// One data row of the sheet as the definition reads it: cells by column, with the parsers every import needs (whole
/// numbers typed as numbers or as "1.234.567", dates as date cells or dd/MM/yyyy). A parser that fails records the
/// error against this row and the column's header and returns null, so one row reports every bad cell at once.
/// </summary>
public sealed class ImportRow(int number, IReadOnlyDictionary<ImportColumn, object?> cells, Dictionary<ImportColumn, string> headers)
{
    private readonly List<ImportError> _errors = [];

    /// <summary>The row number as the spreadsheet shows it.</summary>
    public int Number { get; } = number;
    public IReadOnlyList<ImportError> Errors => _errors;

    public void Error(ImportColumn column, string message) => _errors.Add(new(Number, HeaderOf(column), message));
    public void Error(string message) => _errors.Add(new(Number, "", message));

    /// <summary>The header the file uses for the column (it may differ from ours by accents or case).</summary>
    public string HeaderOf(ImportColumn column) => headers.GetValueOrDefault(column, column.Header);

    public object? Raw(ImportColumn column) => cells.GetValueOrDefault(column);

    /// <summary>The same row (number, headers) with one cell replaced: a definition folding a continuation row into it.</summary>
    public ImportRow WithCell(ImportColumn column, object? value) =>
        new(Number, new Dictionary<ImportColumn, object?>(cells) { [column] = value }, headers);

    /// <summary>The cell as trimmed text, or null when empty.</summary>
    public string? Text(ImportColumn column) => Raw(column) switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        DateTime d => VietnameseFormat.Date(d),
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var o => o.ToString()?.Trim() is { Length: > 0 } t ? t : null,
    };

    /// <summary>A whole number in [min, max]: a number cell, or text like 1500000 / 1.500.000.</summary>
    public long? Whole(ImportColumn column, long min, long max)
    {
        long? value;
        switch (Raw(column))
        {
            case null or "": return null;
            case string s when string.IsNullOrWhiteSpace(s): return null;
            case double d when d == Math.Floor(d) && Math.Abs(d) < 9e15: value = (long)d; break;
            case decimal m when m == decimal.Floor(m) && Math.Abs(m) < 9e15m: value = (long)m; break;
            case int i: value = i; break;
            case long l: value = l; break;
            case string s: value = NumberInput.ParseWhole(s); break;
            default: value = null; break;
        }
        if (value is null)
        {
            Error(column, Messages.Format("“{0}” không phải số nguyên ({1}).", Text(column), NumberInput.WholeRule));
            return null;
        }
        if (value < min || value > max)
        {
            Error(column, Messages.Format("Phải từ {0} đến {1}.", VietnameseFormat.Number(min), VietnameseFormat.Number(max)));
            return null;
        }
        return value;
    }

    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy", "yyyy-MM-dd"];

    /// <summary>A date: a date cell (or its serial number), or text dd/MM/yyyy.</summary>
    public DateOnly? Date(ImportColumn column)
    {
        switch (Raw(column))
        {
            case null: return null;
            case DateTime d: return DateOnly.FromDateTime(d);
            case DateOnly d: return d;
            case double serial when serial is > 0 and < 2958466: return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }
        var text = Text(column);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return parsed;
        // A date cell read as text with a time part ("01/09/2026 00:00:00").
        if (DateTime.TryParseExact(text, ["dd/MM/yyyy HH:mm:ss", "M/d/yyyy h:mm:ss tt"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
            return DateOnly.FromDateTime(dt);
        Error(column, Messages.Format("“{0}” không phải ngày (nhập theo dạng ngày/tháng/năm, ví dụ 01/09/2026).", text));
        return null;
    }
}
