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

    public static void Write(Stream original, IReadOnlyList<ImportError> errors, Stream output, string? sheetName = null) =>
        Write(XlsxRows.Read(original, sheetName), errors, output, headerRow: 1, sheetName);

    /// <summary>
    /// Rows read any way (a bank's CSV statement comes back as a workbook too) whose header is on <paramref name="headerRow"/>:
    /// the rows above it (a statement's title and account lines) come back as they were, "Lỗi" heads the header row.
    /// </summary>
    public static void Write(IEnumerable<SheetRow> rows, IReadOnlyList<ImportError> errors, Stream output, int headerRow, string? sheetName = null)
    {
        var byRow = errors.Where(e => e.Row > 0).GroupBy(e => e.Row)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(e => e.Column.Length == 0 ? e.Message : $"{e.Column}: {e.Message}")));
        var fileErrors = string.Join("; ", errors.Where(e => e.Row == 0).Select(e => e.Message));
        output.SaveAs(Rows(rows, headerRow, byRow, fileErrors), printHeader: false, sheetName: sheetName ?? "Sheet1");
    }

    private static IEnumerable<IDictionary<string, object?>> Rows(IEnumerable<SheetRow> sheet, int headerRow, Dictionary<int, string> byRow, string fileErrors)
    {
        // The columns run from A to the last one used up to the header row (only those rows are held), so every row has
        // them in order, a blank column in the middle included, and the error column lines up after them.
        var above = new List<SheetRow>();
        List<string>? columns = null;
        var number = 0;
        foreach (var row in sheet)
        {
            if (columns is not null)
            {
                foreach (var r in Emit(row)) yield return r;
                continue;
            }
            above.Add(row);
            if (row.Number < headerRow) continue;
            foreach (var r in EmitAbove()) yield return r;
        }
        if (columns is null)
            foreach (var r in EmitAbove()) yield return r;

        // The held rows, once the columns are known (at the header row, or at the end of a sheet that never reached it).
        IEnumerable<Dictionary<string, object?>> EmitAbove()
        {
            columns = Letters(above);
            foreach (var held in above)
                foreach (var r in Emit(held)) yield return r;
        }

        IEnumerable<Dictionary<string, object?>> Emit(SheetRow row)
        {
            // Empty rows come back empty, so each row keeps the number the errors refer to.
            while (++number < row.Number) yield return Row(columns!, null, ErrorOf(number));
            yield return Row(columns!, row.Cells, number == headerRow ? ErrorHeader : ErrorOf(number));
        }

        string? ErrorOf(int n) => byRow.GetValueOrDefault(n) ?? (n == headerRow + 1 && fileErrors.Length > 0 ? fileErrors : null);
    }

    private static List<string> Letters(List<SheetRow> rows)
    {
        var last = rows.SelectMany(r => r.Cells.Keys).Select(XlsxRows.ColumnNumber).DefaultIfEmpty(1).Max();
        return [.. Enumerable.Range(1, last).Select(XlsxRows.ColumnLetters)];
    }

    private static Dictionary<string, object?> Row(List<string> columns, IReadOnlyDictionary<string, object?>? cells, string? error)
    {
        var row = new Dictionary<string, object?>(columns.Count + 1);
        foreach (var column in columns) row[column] = cells?.GetValueOrDefault(column);
        row[ErrorHeader] = error;
        return row;
    }
}
