using System.Security.Cryptography;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Stock;

/// <summary>One lot of the count form: the lot, what the book said when the form was opened, and what was counted (blank: not counted).</summary>
public sealed class StockCountRowInput
{
    public int LotId { get; set; }
    public int Book { get; set; }
    public string? Counted { get; set; }
}

/// <summary>The count form (kiểm kê); the key comes with the form so that a second post writes nothing. Error keys: Rows[i].Counted.</summary>
public sealed class StockCountInput
{
    public Guid FormKey { get; set; }
    public List<StockCountRowInput> Rows { get; set; } = [];
}

/// <summary>What a counted lot came to: short (written off as lost), matching, or not counted.</summary>
public enum StockCountResult { NotCounted = 0, Matching = 1, Short = 2 }

public sealed record StockCountLine(int LotId, int Book, int? Counted, StockCountResult Result, int WrittenOff);

/// <summary>A count's lines; <see cref="AlreadyRecorded"/> when the same form had been posted before (nothing written again).</summary>
public sealed record StockCountOutcome(IReadOnlyList<StockCountLine> Lines, bool AlreadyRecorded)
{
    public int ShortLots => Lines.Count(l => l.Result == StockCountResult.Short);
    public int MatchingLots => Lines.Count(l => l.Result == StockCountResult.Matching);
}

public partial class StockService
{
    public const string Surplus = "Đếm thừa so với sổ: kiểm tra lại; hàng thừa phải ghi nhận như hàng hiện vật nhận mới";

    /// <summary>
    /// Why a lot counted at <paramref name="counted"/>, with the book the sheet showed, cannot be booked (Vietnamese), or
    /// null: a lot of the reader's units, stocked, not counted above what is on hand, its book unchanged since the sheet.
    /// </summary>
    private static string? CountRefusal(StockLot? lot, int book, int counted)
    {
        if (lot is null) return NotFound;
        if (lot.State != StockLotState.Stocked || lot.OnHand is not { } onHand) return "Chỉ kiểm kê được hàng đã nhập kho.";
        if (counted > onHand) return Surplus;
        if (onHand != book) return Messages.Format("Tồn kho của lô đã thay đổi từ lúc mở phiếu (sổ nay là {0} {1}): tải lại trang và đếm lại.", onHand, lot.Unit);
        return null;
    }

    /// <summary>
    /// The count's refusals for these rows as things stand, read without the ledger lock and writing nothing: the Excel import
    /// reports them beside the cells it could not read, in one round. <see cref="CountAsync"/> checks again under the lock.
    /// None when the form was recorded before (the same file again): the count then reports what it wrote.
    /// </summary>
    public async Task<IReadOnlyList<string?>> CountRefusalsAsync(Guid formKey, IReadOnlyList<(int LotId, int Book, int Counted)> rows, CancellationToken ct = default)
    {
        var ids = rows.Select(r => r.LotId).Distinct().ToList();
        var keys = ids.Select(id => CountKey(formKey, id)).ToList();
        if (await db.StockWriteOffs.IgnoreQueryFilters().AnyAsync(w => keys.Contains(w.IdempotencyKey), ct)) return [.. rows.Select(_ => (string?)null)];
        var lots = await db.StockLots.AsNoTracking().Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        return [.. rows.Select(r => CountRefusal(lots.GetValueOrDefault(r.LotId), r.Book, r.Counted))];
    }

    /// <summary>
    /// A stock count of stocked lots: each lot counted less than on hand has its shortfall written off as lost (one negative
    /// StockMovement per short lot, note "Kiểm kê ngày …: sổ X, đếm Y"); counted more is refused next to its field (goods never
    /// appear from nothing); counted = on hand writes nothing. All or nothing: every row is checked, under the ledger lock,
    /// before anything is written. Each short lot's write-off carries a key derived from the form's key and the lot, so the
    /// same form posted twice writes once.
    /// </summary>
    public async Task<Outcome<StockCountOutcome>> CountAsync(StockCountInput input, CancellationToken ct = default)
    {
        var formKey = input.FormKey == Guid.Empty ? Guid.NewGuid() : input.FormKey;
        var errors = new Dictionary<string, string>();
        var counted = new Dictionary<int, int>();
        for (var i = 0; i < input.Rows.Count; i++)
        {
            var row = input.Rows[i];
            var key = $"Rows[{i}].Counted";
            var text = row.Counted?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            if (text.StartsWith('-')) errors[key] = "Số đếm được không được âm.";
            else if (NumberInput.ParseWhole(text) is not { } value || value > int.MaxValue) errors[key] = Messages.Format("Số đếm được không hợp lệ: {0}.", NumberInput.WholeRule);
            else counted[i] = (int)value;
        }
        if (input.Rows.Select(r => r.LotId).Distinct().Count() != input.Rows.Count) errors[""] = "Mỗi lô hàng chỉ một dòng.";
        if (errors.Count > 0) return Outcome<StockCountOutcome>.Fail(errors);
        if (counted.Count == 0) return Outcome<StockCountOutcome>.Fail("", "Chưa nhập số đếm được của lô nào.");

        var ids = counted.Keys.Select(i => input.Rows[i].LotId).ToList();
        var lots = await db.StockLots.Where(l => ids.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var keys = ids.ToDictionary(id => id, id => CountKey(formKey, id));

        // Its own transaction, or the caller's: the Excel import runs the count inside the import's all-or-nothing transaction.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await ledger.LockAsync(ct);
        var keyValues = keys.Values.ToList();
        var done = await db.StockWriteOffs.IgnoreQueryFilters().AsNoTracking().Where(w => keyValues.Contains(w.IdempotencyKey)).ToListAsync(ct);
        if (done.Count > 0)
        {
            // This form was posted before: report what it wrote then, write nothing.
            if (tx is not null) await tx.RollbackAsync(ct);
            return Outcome<StockCountOutcome>.Ok(new StockCountOutcome([.. counted.Select(c =>
            {
                var row = input.Rows[c.Key];
                var writeOff = done.FirstOrDefault(w => w.IdempotencyKey == keys[row.LotId]);
                return new StockCountLine(row.LotId, row.Book, c.Value, writeOff is null ? StockCountResult.Matching : StockCountResult.Short, writeOff?.Quantity ?? 0);
            })], AlreadyRecorded: true));
        }

        var checkedRows = new List<(StockLot Lot, int OnHand, int Counted)>();
        foreach (var (i, count) in counted)
        {
            var row = input.Rows[i];
            var key = $"Rows[{i}].Counted";
            if (lots.TryGetValue(row.LotId, out var lot)) await db.Entry(lot).ReloadAsync(ct);
            if (CountRefusal(lot, row.Book, count) is { } refusal) { errors[key] = refusal; continue; }
            checkedRows.Add((lot!, lot!.OnHand!.Value, count));
        }
        if (errors.Count > 0)
        {
            if (tx is not null) await tx.RollbackAsync(ct);
            return Outcome<StockCountOutcome>.Fail(errors);
        }

        var today = clock.VietnamToday();
        var lines = new List<StockCountLine>();
        foreach (var (lot, onHand, count) in checkedRows)
        {
            if (count == onHand)
            {
                lines.Add(new StockCountLine(lot.Id, onHand, count, StockCountResult.Matching, 0));
                continue;
            }
            var note = Messages.Format("Kiểm kê ngày {0}: sổ {1}, đếm {2}", VietnameseFormat.Date(today), onHand, count);
            await BookWriteOffAsync(lot, onHand - count, StockWriteOffReason.Lost, note, today, keys[lot.Id], ct);
            lines.Add(new StockCountLine(lot.Id, onHand, count, StockCountResult.Short, onHand - count));
        }
        if (tx is not null) await tx.CommitAsync(ct);
        return Outcome<StockCountOutcome>.Ok(new StockCountOutcome(lines, AlreadyRecorded: false));
    }

    /// <summary>The write-off key of one lot of a count form: the same form and lot always give the same key.</summary>
    public static Guid CountKey(Guid formKey, int lotId)
    {
        Span<byte> source = stackalloc byte[20];
        formKey.TryWriteBytes(source);
        BitConverter.TryWriteBytes(source[16..], lotId);
        return new Guid(SHA256.HashData(source)[..16]);
    }
}
