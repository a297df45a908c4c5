using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;
using System.Threading.Channels;
using ChildAid.Shared.Localization;

namespace ChildAid.Shared.Import;

/// <summary>
/// The one import: read the sheet row by row (<see cref="XlsxRows"/> streams it; the workbook is never loaded whole), match the
/// header row to the definition's columns, then in batches of <see cref="BatchSize"/> rows: parse, check, and write, all
/// in one transaction that is committed only if no row of the whole file had an error. After the first bad row nothing
/// more is written, but every later row is still read and checked, so the officer gets every error at once; the
/// transaction is then rolled back and the file has written nothing. Reading and parsing run on their own thread, one
/// batch ahead of the checks and writes (a bounded channel of one batch): the sheet's XML costs about as much as the
/// database work, so the two overlap instead of adding up, and memory still holds at most three batches, not the file.
/// Progress goes to <see cref="IProgress{T}"/> batch by batch. The page and the CLI both call this; what differs between
/// imports is the <see cref="ImportDefinition{TRow}"/>.
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
        IEnumerable<SheetRow> sheet;
        try
        {
            sheet = XlsxRows.Read(workbook, definition.SheetName);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return ImportResult.Refused(definition.UnreadableMessage);
        }
        return await RunAsync(definition, sheet, progress, ct);
    }

    /// <summary>The same import over rows read some other way (a CSV file: <c>BankStatements.StatementFile</c>).</summary>
    public async Task<ImportResult> RunAsync<TRow>(ImportDefinition<TRow> definition, IEnumerable<SheetRow> sheet,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default) where TRow : class
    {
        // All or nothing: one transaction for every batch; leaving without the commit rolls every batch back.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var batches = Channel.CreateBounded<Batch<TRow>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var reader = new SheetReader<TRow>(definition, BatchSize);
        var reading = Task.Run(() => reader.ReadAsync(sheet, batches.Writer, stop.Token), stop.Token);
        var run = new Run<TRow>(definition, progress, ct);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct)) await run.FlushAsync(batch);
        }
        finally
        {
            // A failed check or write stops the reader too; its own failure surfaces below.
            if (!reading.IsCompleted) await stop.CancelAsync();
        }
        var outcome = await reading;
        if (outcome is not null) return outcome;

        var finish = System.Diagnostics.Stopwatch.StartNew();
        if (run.Errors.Count == 0) await definition.CompleteAsync(run.Written, e => run.Errors.Add(e), ct);
        var timings = new ImportTimings(reader.Reading, run.Checking, run.Writing);
        if (run.Errors.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            progress?.Report(new(run.Read, run.Read, 0, ImportStage.Failed));
            return new ImportResult(run.Read, 0, run.Errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal).ToList()) { Timings = timings, HeaderRow = reader.HeaderRow };
        }
        await transaction.CommitAsync(ct);
        timings = timings with { Write = timings.Write + finish.Elapsed };
        progress?.Report(new(run.Read, run.Read, run.Written, ImportStage.Done));
        return new ImportResult(run.Read, run.Written, []) { Timings = timings, HeaderRow = reader.HeaderRow };
    }

    /// <summary>Rows read and parsed together: the good ones, the errors of the bad ones, and how many rows were read so far.</summary>
    private sealed record Batch<TRow>(List<(ImportRow Row, TRow Value)> Rows, List<ImportError> ParseErrors, int ReadSoFar) where TRow : class;

    /// <summary>
    /// The reading thread: matches the header, parses each row and hands over a batch at a time. Returns null when the
    /// sheet was read to the end, or the file's refusal (unreadable, no header, a missing column, no data row).
    /// <see cref="ImportDefinition{TRow}.Parse"/> runs here, while the previous batch is checked and written.
    /// </summary>
    private sealed class SheetReader<TRow>(ImportDefinition<TRow> definition, int batchSize) where TRow : class
    {
        public TimeSpan Reading { get; private set; }
        /// <summary>Where the header was found (below title lines in a bank's statement).</summary>
        public int HeaderRow { get; private set; } = 1;

        public async Task<ImportResult?> ReadAsync(IEnumerable<SheetRow> sheet, ChannelWriter<Batch<TRow>> output, CancellationToken ct)
        {
            try
            {
                return await ReadRowsAsync(sheet, output, ct);
            }
            catch (Exception e) when (IsUnreadable(e))
            {
                return ImportResult.Refused(definition.UnreadableMessage);
            }
            finally
            {
                output.TryComplete();
            }
        }

        private async Task<ImportResult?> ReadRowsAsync(IEnumerable<SheetRow> sheet, ChannelWriter<Batch<TRow>> output, CancellationToken ct)
        {
            Dictionary<string, ImportColumn>? byLetter = null;
            Dictionary<ImportColumn, string> headers = [];
            var read = 0;
            var rowsBeforeHeader = 0;
            var batch = NewBatch();
            ImportRow? pending = null;
            var watch = System.Diagnostics.Stopwatch.StartNew();

            async Task TakeAsync(ImportRow row)
            {
                var value = definition.Parse(row);
                if (row.Errors.Count > 0) batch.ParseErrors.AddRange(row.Errors);
                else if (value is not null) batch.Rows.Add((row, value));
                if (batch.Rows.Count + batch.ParseErrors.Count < batchSize) return;
                Reading += watch.Elapsed;
                await output.WriteAsync(batch with { ReadSoFar = read }, ct);
                batch = NewBatch();
                watch.Restart();
            }

            foreach (var (rowNumber, cells) in sheet)
            {
                ct.ThrowIfCancellationRequested();
                if (byLetter is null)
                {
                    (var letters, var found, var missing) = MatchHeader(definition.Columns, cells);
                    // Some files (a bank's statement) put title and account lines above the header: look further down.
                    if (missing.Count > 0 && ++rowsBeforeHeader <= definition.HeaderSearchRows) continue;
                    if (missing.Count > 0 && definition.HeaderSearchRows > 0)
                        return ImportResult.Refused(Messages.Format("Không tìm thấy dòng tiêu đề có các cột {0} trong {1} dòng đầu của tệp.", string.Join(", ", definition.Columns.Where(c => c.Required).Select(c => $"“{c.Header}”")), definition.HeaderSearchRows));
                    if (missing.Count > 0)
                        return new ImportResult(0, 0, missing.Select(c => new ImportError(1, c.Header, Messages.Format("Thiếu cột “{0}” ở dòng tiêu đề.", c.Header))).ToList());
                    (byLetter, headers) = (letters, found);
                    HeaderRow = rowNumber;
                    continue;
                }
                if (cells.Values.All(IsBlank)) continue;
                var values = new Dictionary<ImportColumn, object?>(byLetter.Count);
                foreach (var (letter, column) in byLetter)
                    values[column] = cells.TryGetValue(letter, out var v) ? v : null;
                var row = new ImportRow(rowNumber, values, headers);
                read++;
                // A row is parsed once the next one shows it does not continue: a continuation is folded into it first.
                if (pending is not null && definition.Continues(row))
                {
                    pending = definition.Fold(pending, row);
                    continue;
                }
                if (pending is not null) await TakeAsync(pending);
                pending = row;
            }
            if (pending is not null) await TakeAsync(pending);
            Reading += watch.Elapsed;
            if (byLetter is null && definition.HeaderSearchRows > 0)
                return ImportResult.Refused(Messages.Format("Không tìm thấy dòng tiêu đề có các cột {0}.", string.Join(", ", definition.Columns.Where(c => c.Required).Select(c => $"“{c.Header}”"))));
            if (byLetter is null) return ImportResult.Refused("Tệp không có dòng tiêu đề: hãy dùng mẫu tải về từ trang nhập.");
            if (read == 0) return ImportResult.Refused("Tệp không có dòng dữ liệu nào.");
            if (batch.Rows.Count + batch.ParseErrors.Count > 0) await output.WriteAsync(batch with { ReadSoFar = read }, ct);
            return null;
        }

        private Batch<TRow> NewBatch() => new(new(batchSize), [], 0);
    }

    /// <summary>The checking and writing side of one file's run: the errors so far, the counts and where the time went.</summary>
    private sealed class Run<TRow>(ImportDefinition<TRow> definition, IProgress<ImportProgress>? progress, CancellationToken ct) where TRow : class
    {
        public List<ImportError> Errors { get; } = [];
        public int Read { get; private set; }
        public int Written { get; private set; }
        public TimeSpan Checking { get; private set; }
        public TimeSpan Writing { get; private set; }

        public async Task FlushAsync(Batch<TRow> batch)
        {
            Read = batch.ReadSoFar;
            Add(batch.ParseErrors);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            if (batch.Rows.Count > 0) await definition.CheckAsync(batch.Rows, e => Add([e]), ct);
            Checking += watch.Elapsed;
            // Once any row of the file failed nothing more is written: the transaction will be rolled back anyway.
            if (Errors.Count == 0 && batch.Rows.Count > 0)
            {
                watch.Restart();
                await definition.WriteAsync(batch.Rows.Select(b => b.Value).ToList(), ct);
                Written += batch.Rows.Count;
                Writing += watch.Elapsed;
            }
            progress?.Report(new(Read, Read, Written, Errors.Count == 0 ? ImportStage.Writing : ImportStage.Checking));
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
            or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException;

    private static bool IsBlank(object? value) => value is null || value is string s && string.IsNullOrWhiteSpace(s);

    private static (Dictionary<string, ImportColumn> ByLetter, Dictionary<ImportColumn, string> Headers, List<ImportColumn> Missing)
        MatchHeader(IReadOnlyList<ImportColumn> columns, IReadOnlyDictionary<string, object?> header)
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
