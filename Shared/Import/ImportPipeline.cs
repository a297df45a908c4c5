using ChildAid.Shared.Data;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Import;

/// <summary>
/// The one import: read the sheet row by row (MiniExcel streams it; the workbook is never loaded whole), match the
/// header row to the definition's columns, then in batches of <see cref="BatchSize"/> rows: parse, check, and write, all
/// in one transaction that is committed only if no row of the whole file had an error. After the first bad row nothing
/// more is written, but every later row is still read and checked, so the officer gets every error at once; the
/// transaction is then rolled back and the file has written nothing. Memory holds one batch, not the file. Progress goes
/// to <see cref="IProgress{T}"/> batch by batch. The page and the CLI both call this; what differs between imports is
/// the <see cref="ImportDefinition{TRow}"/>.
/// </summary>
public class ImportPipeline(ChildAidDbContext db)
{
    /// <summary>Rows per batch: large enough that a batch's database look-ups and INSERTs amortise, small enough to stay flat.</summary>
    public const int DefaultBatchSize = 2000;

    /// <summary>Rows per batch (tests set a small one to cross batch boundaries with a few rows).</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>More errors than this are not listed: the file needs a second look anyway.</summary>
    public const int MaxErrors = 1000;

    public async Task<ImportResult> RunAsync<TRow>(ImportDefinition<TRow> definition, Stream workbook,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default) where TRow : class
    {
        var run = new Run<TRow>(definition, BatchSize, progress, ct);
        IEnumerable<IDictionary<string, object?>> sheet;
        try
        {
            sheet = workbook.Query(useHeaderRow: false, sheetName: definition.SheetName).Cast<IDictionary<string, object?>>();
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return ImportResult.Refused(Unreadable);
        }

        // All or nothing: one transaction for every batch; leaving without the commit rolls every batch back.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Dictionary<string, ImportColumn>? byLetter = null;
        Dictionary<ImportColumn, string> headers = [];
        var rowNumber = 0;
        try
        {
            using var rows = sheet.GetEnumerator();
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var more = rows.MoveNext();
                run.Reading += watch.Elapsed;
                if (!more) break;
                var cells = rows.Current;
                rowNumber++;
                if (byLetter is null)
                {
                    (byLetter, headers, var missing) = MatchHeader(definition.Columns, cells);
                    if (missing.Count > 0)
                        return new ImportResult(0, 0, missing.Select(c => new ImportError(1, c.Header, $"Thiếu cột “{c.Header}” ở dòng tiêu đề.")).ToList());
                    continue;
                }
                if (cells.Values.All(IsBlank)) continue;
                watch.Restart();
                var values = new Dictionary<ImportColumn, object?>(byLetter.Count);
                foreach (var (letter, column) in byLetter)
                    values[column] = cells.TryGetValue(letter, out var v) ? v : null;
                run.Parse(new ImportRow(rowNumber, values, headers));
                run.Reading += watch.Elapsed;
                if (run.Batch.Count == run.BatchSize) await run.FlushAsync();
            }
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return ImportResult.Refused(Unreadable);
        }
        if (byLetter is null) return ImportResult.Refused("Tệp không có dòng tiêu đề: hãy dùng mẫu tải về từ trang nhập.");
        if (run.Read == 0) return ImportResult.Refused("Tệp không có dòng dữ liệu nào.");
        await run.FlushAsync();

        var finish = System.Diagnostics.Stopwatch.StartNew();
        if (run.Errors.Count == 0) await definition.CompleteAsync(run.Written, e => run.Errors.Add(e), ct);
        if (run.Errors.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            progress?.Report(new(run.Read, run.Read, 0, ImportStage.Failed));
            return new ImportResult(run.Read, 0, run.Errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal).ToList()) { Timings = run.Timings };
        }
        await transaction.CommitAsync(ct);
        run.Writing += finish.Elapsed;
        progress?.Report(new(run.Read, run.Read, run.Written, ImportStage.Done));
        return new ImportResult(run.Read, run.Written, []) { Timings = run.Timings };
    }

    /// <summary>One file's run: the batch being filled, the errors so far, the counts and where the time went.</summary>
    private sealed class Run<TRow>(ImportDefinition<TRow> definition, int batchSize, IProgress<ImportProgress>? progress, CancellationToken ct) where TRow : class
    {
        public List<(ImportRow Row, TRow Value)> Batch { get; } = new(batchSize);
        public int BatchSize => batchSize;
        public List<ImportError> Errors { get; } = [];
        public int Read { get; private set; }
        public int Checked { get; private set; }
        public int Written { get; private set; }
        public TimeSpan Reading { get; set; }
        public TimeSpan Checking { get; private set; }
        public TimeSpan Writing { get; set; }
        public ImportTimings Timings => new(Reading, Checking, Writing);

        public void Parse(ImportRow row)
        {
            Read++;
            var value = definition.Parse(row);
            if (row.Errors.Count > 0) Add(row.Errors);
            else if (value is not null) Batch.Add((row, value));
        }

        public async Task FlushAsync()
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            if (Batch.Count > 0) await definition.CheckAsync(Batch, e => Add([e]), ct);
            Checking += watch.Elapsed;
            Checked = Read;
            // Once any row of the file failed nothing more is written: the transaction will be rolled back anyway.
            if (Errors.Count == 0 && Batch.Count > 0)
            {
                watch.Restart();
                await definition.WriteAsync(Batch.Select(b => b.Value).ToList(), ct);
                Written += Batch.Count;
                Writing += watch.Elapsed;
            }
            Batch.Clear();
            progress?.Report(new(Read, Checked, Written, Errors.Count == 0 ? ImportStage.Writing : ImportStage.Checking));
        }

        private void Add(IEnumerable<ImportError> more)
        {
            foreach (var e in more)
                if (Errors.Count < MaxErrors) Errors.Add(e);
        }
    }

    public const string Unreadable = "Không đọc được tệp: hãy chọn tệp Excel (.xlsx) theo mẫu.";

    private static bool IsUnreadable(Exception e) =>
        e is InvalidDataException or IOException or System.Xml.XmlException or FormatException or NotSupportedException
            or InvalidOperationException && e.Source?.Contains("MiniExcel", StringComparison.Ordinal) == true;

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
