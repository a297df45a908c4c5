using MiniExcelLibs;

namespace ChildAid.Shared.Import;

/// <summary>
/// The officer's own workbook back, row for row, with a "Lỗi" (error) column at the end that says what is wrong with
/// each row: fix the rows that have something in it and import the same file again. Streams both ways, like the import.
/// Only the sheet that was imported comes back (values, not formatting or the other sheets).
/// </summary>
public static class ErrorWorkbook
{
    public const string ErrorHeader = "Lỗi";

    public static void Write(Stream original, IReadOnlyList<ImportError> errors, Stream output, string? sheetName = null)
    {
        var byRow = errors.Where(e => e.Row > 0).GroupBy(e => e.Row)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(e => e.Column.Length == 0 ? e.Message : $"{e.Column}: {e.Message}")));
        var fileErrors = string.Join("; ", errors.Where(e => e.Row == 0).Select(e => e.Message));
        output.SaveAs(Rows(original, sheetName, byRow, fileErrors), printHeader: false, sheetName: sheetName ?? "Sheet1");
    }

    private static IEnumerable<IDictionary<string, object?>> Rows(Stream original, string? sheetName, Dictionary<int, string> byRow, string fileErrors)
    {
        List<string>? columns = null;
        var number = 0;
        foreach (var (sheetRow, cells) in XlsxRows.Read(original, sheetName))
        {
            // The header's columns, in order; every row gets them, so the error column lines up.
            columns ??= [.. cells.Keys.OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal)];
            // Empty rows come back empty, so each row keeps the number the errors refer to.
            while (++number < sheetRow) yield return Row(columns, null, byRow.GetValueOrDefault(number));
            yield return Row(columns, cells, number == 1 ? ErrorHeader : byRow.GetValueOrDefault(number) ?? (number == 2 && fileErrors.Length > 0 ? fileErrors : null));
        }
    }

    private static Dictionary<string, object?> Row(List<string> columns, IReadOnlyDictionary<string, object?>? cells, string? error)
    {
        var row = new Dictionary<string, object?>(columns.Count + 1);
        foreach (var column in columns) row[column] = cells?.GetValueOrDefault(column);
        row[ErrorHeader] = error;
        return row;
    }
}
