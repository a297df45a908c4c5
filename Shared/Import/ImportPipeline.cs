using ChildAid.Shared.Data;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Import;

/// <summary>
/// The one import: read the sheet row by row (MiniExcel streams it; the workbook is never loaded whole), match the
/// header row to the definition's columns, parse and check every row, and only if no row has an error write them all
/// in one transaction. Progress goes to <see cref="IProgress{T}"/> as rows are read, checked and written. The page and
/// the CLI both call this; what differs between imports is the <see cref="ImportDefinition{TRow}"/>.
/// </summary>
public class ImportPipeline(ChildAidDbContext db)
{
    /// <summary>How often progress is reported, in rows (reporting every row would cost more than the row).</summary>
    public const int ProgressEvery = 500;

    /// <summary>More errors than this are not listed: the file needs a second look anyway.</summary>
    public const int MaxErrors = 1000;

    public async Task<ImportResult> RunAsync<TRow>(ImportDefinition<TRow> definition, Stream workbook,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default) where TRow : class
    {
        var errors = new List<ImportError>();
        var parsed = new List<(ImportRow Row, TRow Value)>();
        var read = 0;

        IEnumerable<IDictionary<string, object?>> sheet;
        try
        {
            sheet = workbook.Query(useHeaderRow: false, sheetName: definition.SheetName).Cast<IDictionary<string, object?>>();
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return ImportResult.Refused(Unreadable);
        }

        Dictionary<string, ImportColumn>? byLetter = null;
        Dictionary<ImportColumn, string> headers = [];
        var rowNumber = 0;
        try
        {
            foreach (var cells in sheet)
            {
                ct.ThrowIfCancellationRequested();
                rowNumber++;
                if (byLetter is null)
                {
                    (byLetter, headers, var missing) = MatchHeader(definition.Columns, cells);
                    if (missing.Count > 0)
                        return new ImportResult(0, 0, missing.Select(c => new ImportError(1, c.Header, $"Thiếu cột “{c.Header}” ở dòng tiêu đề.")).ToList());
                    continue;
                }
                if (cells.Values.All(IsBlank)) continue;
                read++;
                var values = new Dictionary<ImportColumn, object?>();
                foreach (var (letter, column) in byLetter)
                    values[column] = cells.TryGetValue(letter, out var v) ? v : null;
                var row = new ImportRow(rowNumber, values, headers);
                var value = definition.Parse(row);
                if (row.Errors.Count > 0) Add(errors, row.Errors);
                else if (value is not null) parsed.Add((row, value));
                if (read % ProgressEvery == 0) progress?.Report(new(read, 0, 0, ImportStage.Reading));
            }
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return ImportResult.Refused(Unreadable);
        }
        if (byLetter is null) return ImportResult.Refused("Tệp không có dòng tiêu đề: hãy dùng mẫu tải về từ trang nhập.");
        if (read == 0) return ImportResult.Refused("Tệp không có dòng dữ liệu nào.");
        progress?.Report(new(read, 0, 0, ImportStage.Checking));

        await definition.CheckAsync(parsed, e => Add(errors, [e]), ct);
        progress?.Report(new(read, read, 0, errors.Count > 0 ? ImportStage.Failed : ImportStage.Writing));
        if (errors.Count > 0)
            return new ImportResult(read, 0, errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal).ToList());

        // All or nothing: one transaction for every row (on a failure nothing is committed).
        var written = 0;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await definition.WriteAsync(parsed.Select(p => p.Value).ToList(), n =>
            {
                written = n;
                progress?.Report(new(read, read, n, ImportStage.Writing));
            }, ct);
            await transaction.CommitAsync(ct);
        }
        progress?.Report(new(read, read, written, ImportStage.Done));
        return new ImportResult(read, written, []);
    }

    public const string Unreadable = "Không đọc được tệp: hãy chọn tệp Excel (.xlsx) theo mẫu.";

    private static bool IsUnreadable(Exception e) =>
        e is InvalidDataException or IOException or System.Xml.XmlException or FormatException or NotSupportedException
            or InvalidOperationException && e.Source?.Contains("MiniExcel", StringComparison.Ordinal) == true;

    private static void Add(List<ImportError> errors, IEnumerable<ImportError> more)
    {
        foreach (var e in more)
            if (errors.Count < MaxErrors) errors.Add(e);
    }

    private static bool IsBlank(object? value) => value is null || value is string s && string.IsNullOrWhiteSpace(s);

    private static (Dictionary<string, ImportColumn> ByLetter, Dictionary<ImportColumn, string> Headers, List<ImportColumn> Missing)
        MatchHeader(IReadOnlyList<ImportColumn> columns, IDictionary<string, object?> header)
    {
        var byLetter = new Dictionary<string, ImportColumn>();
        var headers = new Dictionary<ImportColumn, string>();
        foreach (var (letter, value) in header)
        {
            if (value?.ToString() is not { Length: > 0 } text) continue;
            var column = columns.FirstOrDefault(c => c.Matches(text));
            if (column is null || headers.ContainsKey(column)) continue;
            byLetter[letter] = column;
            headers[column] = text.Trim();
        }
        return (byLetter, headers, columns.Where(c => c.Required && !headers.ContainsKey(c)).ToList());
    }
}
