using System.Globalization;
using System.Security.Cryptography;
using ChildAid.Shared.Import;
using ChildAid.Shared.Localization;

namespace ChildAid.Shared.Stock;

/// <summary>The count sheet's columns, as <see cref="StockQueries.CountSheetWorkbookAsync"/> writes them; the other columns are for people.</summary>
public static class StockCountSheet
{
    public static readonly ImportColumn Lot = new("Số", Required: true, "Mã lô", "Số lô hàng");
    public static readonly ImportColumn Book = new("Tồn kho theo sổ", Required: true, "Tồn sổ", "Sổ");
    public static readonly ImportColumn Counted = new("Đếm được", Required: true, "Số đếm được", "Thực đếm");
    public static readonly ImportColumn[] All = [Lot, Book, Counted];
}

/// <summary>What an imported count sheet came to: the import's report, and the count when it was recorded.</summary>
public sealed record StockCountImportResult(ImportResult Import, StockCountOutcome? Count);

/// <summary>
/// The count sheet filled in the store room and imported (kiểm kê bằng Excel): the workbook the count page hands out, with
/// "Đếm được" filled (blank: not counted). Through <see cref="ImportPipeline"/>, so every bad row is listed with its line, and
/// through <see cref="StockService.CountAsync"/> inside the import's transaction, so the rules are the form's — a shortfall
/// written off as lost, a surplus refused, a book changed since the sheet was printed refused — and all or nothing.
/// The count's key is the file's SHA-256: the same file uploaded twice (a double click, a retry) writes once.
/// </summary>
public class StockCountImport(ImportPipeline pipeline, StockService stock)
{
    public async Task<StockCountImportResult> RunAsync(Stream workbook, CancellationToken ct = default)
    {
        if (!workbook.CanSeek)
        {
            var copy = new MemoryStream();
            await workbook.CopyToAsync(copy, ct);
            workbook = copy;
        }
        workbook.Position = 0;
        var key = new Guid((await SHA256.HashDataAsync(workbook, ct))[..16]);
        workbook.Position = 0;
        var definition = new Definition(stock, key);
        var result = await pipeline.RunAsync(definition, workbook, null, ct);
        return new StockCountImportResult(result, result.Succeeded ? definition.Count : null);
    }

    private sealed record Row(int Line, int LotId, int Book, string? Counted);

    private sealed class Definition(StockService stock, Guid formKey) : ImportDefinition<Row>
    {
        private readonly List<Row> _rows = [];
        private readonly Dictionary<int, int> _lineOfLot = [];

        public StockCountOutcome? Count { get; private set; }

        public override IReadOnlyList<ImportColumn> Columns => StockCountSheet.All;

        public override Row? Parse(ImportRow row)
        {
            var lot = row.Whole(StockCountSheet.Lot, 1, int.MaxValue);
            var book = row.Whole(StockCountSheet.Book, 0, int.MaxValue);
            // Blank: the lot was not counted (left as it is); anything else must be a whole number.
            var counted = row.Text(StockCountSheet.Counted) is null
                ? null
                : row.Whole(StockCountSheet.Counted, 0, int.MaxValue)?.ToString(CultureInfo.InvariantCulture) ?? "";
            if (lot is null || book is null || counted == "") return null;
            return new Row(row.Number, (int)lot, (int)book, counted);
        }

        public override async Task CheckAsync(IReadOnlyList<(ImportRow Row, Row Value)> batch, Action<ImportError> error, CancellationToken ct)
        {
            foreach (var (row, value) in batch)
                if (!_lineOfLot.TryAdd(value.LotId, row.Number))
                    error(new ImportError(row.Number, row.HeaderOf(StockCountSheet.Lot),
                        Messages.Format("Lô hàng số {0} đã có ở dòng {1}: mỗi lô một dòng.", value.LotId, _lineOfLot[value.LotId])));
            // The count's own refusals (surplus, another commune's lot, a book changed) in the same round as the cells that
            // do not read, so one corrected file is enough; CompleteAsync counts again under the ledger lock.
            var counted = batch.Where(b => b.Value.Counted is not null).ToList();
            var refusals = await stock.CountRefusalsAsync(formKey,
                [.. counted.Select(b => (b.Value.LotId, b.Value.Book, int.Parse(b.Value.Counted!, CultureInfo.InvariantCulture)))], ct);
            for (var i = 0; i < counted.Count; i++)
                if (refusals[i] is { } refusal) error(new ImportError(counted[i].Row.Number, counted[i].Row.HeaderOf(StockCountSheet.Counted), refusal));
        }

        public override Task WriteAsync(IReadOnlyList<Row> batch, CancellationToken ct)
        {
            // Nothing is written per batch: the count is checked and booked as a whole once the file is read.
            _rows.AddRange(batch);
            return Task.CompletedTask;
        }

        public override async Task CompleteAsync(int rowsWritten, Action<ImportError> error, CancellationToken ct)
        {
            var input = new StockCountInput
            {
                FormKey = formKey,
                Rows = [.. _rows.Select(r => new StockCountRowInput { LotId = r.LotId, Book = r.Book, Counted = r.Counted })],
            };
            var outcome = await stock.CountAsync(input, ct);
            if (outcome.Succeeded)
            {
                Count = outcome.Value;
                return;
            }
            // The form's keys (Rows[i].Counted) back to the sheet's lines.
            foreach (var (key, message) in outcome.Errors)
            {
                var line = key.StartsWith("Rows[", StringComparison.Ordinal) && int.TryParse(key[5..key.IndexOf(']')], CultureInfo.InvariantCulture, out var i)
                    ? _rows[i].Line : 0;
                error(new ImportError(line, line == 0 ? "" : StockCountSheet.Counted.Header, message));
            }
        }
    }
}
