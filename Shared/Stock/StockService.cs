using System.Security.Cryptography;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Stock;

/// <summary>
/// Takes goods of in-kind receipts through their lots: announce, receive, inspect, stock or reject, write off. Every rule is
/// checked here with a message next to its field, and again by the database (CHECKs and triggers of migration Stock). Lots
/// and receipts are read through the unit scope: what the user cannot see does not exist for them. The steps that write the
/// ledger (stock, write-off) run under the ledger's lock, so a second click or a colleague at the same moment books nothing.
/// </summary>
public partial class StockService(ChildAidDbContext db, LedgerWriter ledger, AuditActor actor, TimeProvider clock)
{
    public const string NotFound = "Không tìm thấy lô hàng trong phạm vi đơn vị của bạn.";
    public const string ReceiptNotFound = "Không tìm thấy phiếu thu hiện vật trong phạm vi đơn vị của bạn.";

    private string Me => actor.UserId ?? actor.Name;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Announces a lot for every goods line of an in-kind receipt that has none yet (the expected quantity is the line's);
    /// the lots are kept at first by the unit that recorded the receipt. A reversed receipt announces nothing.
    /// </summary>
    public async Task<Outcome<List<StockLot>>> AnnounceAsync(int contributionId, CancellationToken ct = default)
    {
        var receipt = await db.Contributions.Include(c => c.GoodsLines).Include(c => c.Reversal)
            .FirstOrDefaultAsync(c => c.Id == contributionId && c.Method == ContributionMethod.InKind, ct);
        if (receipt is null) return Outcome<List<StockLot>>.Fail("ContributionId", ReceiptNotFound);
        if (receipt.Reversal is not null) return Outcome<List<StockLot>>.Fail("ContributionId", "Phiếu thu này đã bị hủy; không nhập hàng của nó.");
        var lineIds = receipt.GoodsLines.Select(g => g.Id).ToList();
        var announced = await db.StockLots.IgnoreQueryFilters().Where(l => lineIds.Contains(l.GoodsLineId)).Select(l => l.GoodsLineId).ToListAsync(ct);
        var lots = receipt.GoodsLines.Where(g => !announced.Contains(g.Id)).OrderBy(g => g.Id).Select(g => new StockLot
        {
            AdminUnitId = receipt.AdminUnitId,
            ContributionId = receipt.Id,
            GoodsLineId = g.Id,
            Item = g.Item,
            Unit = g.Unit,
            UnitValueVnd = g.UnitValueVnd,
            ExpectedQuantity = g.Quantity,
            AnnouncedById = Me,
            AnnouncedAt = Now,
        }).ToList();
        if (lots.Count == 0) return Outcome<List<StockLot>>.Ok(lots);
        db.StockLots.AddRange(lots);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Announced by someone else at the same moment (one lot per goods line).
            db.ChangeTracker.Clear();
            return Outcome<List<StockLot>>.Ok([]);
        }
        return Outcome<List<StockLot>>.Ok(lots);
    }

    /// <summary>Records what actually arrived (it may differ from what was announced), when, and the commune that keeps it (one the user covers).</summary>
    public async Task<StockStep> ReceiveAsync(int lotId, StockReceiveInput input, CancellationToken ct = default)
    {
        var lot = await db.StockLots.FirstOrDefaultAsync(l => l.Id == lotId, ct);
        if (lot is null) return StockStep.Fail("Quantity", NotFound);
        if (lot.State != StockLotState.Announced) return StockStep.Fail("Quantity", StockLot.WrongState);
        var errors = new Dictionary<string, string>();
        if (input.Quantity is not { } quantity || quantity < 0) errors[nameof(input.Quantity)] = "Nhập số lượng thực nhận (0 nếu không nhận được gì).";
        var today = clock.VietnamToday();
        if (input.ReceivedOn is not { } on) errors[nameof(input.ReceivedOn)] = "Nhập ngày nhận hàng.";
        else if (on > today) errors[nameof(input.ReceivedOn)] = "Ngày nhận không được ở tương lai.";
        var unitId = input.AdminUnitId ?? lot.AdminUnitId;
        var unit = await db.AdminUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null || (db.UnitScope is { } scope && !scope.Contains(unitId)))
            errors[nameof(input.AdminUnitId)] = "Chọn xã hoặc kho nhận hàng trong phạm vi đơn vị của bạn.";
        if (errors.Count > 0) return StockStep.Fail(errors);
        lot.Receive(input.Quantity!.Value, input.ReceivedOn!.Value, unitId, Me, Now);
        return await SaveStepAsync(lot, "Quantity", ct);
    }

    /// <summary>
    /// Records the inspection of a received lot: good, damaged and expired counts adding up to what was received; a size band
    /// for clothes, an expiry date for food. Refused (403) to the person who received the lot: four eyes.
    /// </summary>
    public async Task<StockStep> InspectAsync(int lotId, StockInspectInput input, CancellationToken ct = default)
    {
        var lot = await db.StockLots.FirstOrDefaultAsync(l => l.Id == lotId, ct);
        if (lot is null) return StockStep.Fail(nameof(input.GoodQuantity), NotFound);
        if (lot.State != StockLotState.Received) return StockStep.Fail(nameof(input.GoodQuantity), StockLot.WrongState);
        if (lot.RefusalToInspect(Me) is { } refusal) return StockStep.Refused(refusal);
        var errors = new Dictionary<string, string>();
        if (input.GoodsKind is not { } kind || !Enum.IsDefined(kind)) errors[nameof(input.GoodsKind)] = "Chọn loại hàng: quần áo, thực phẩm hoặc hàng khác.";
        if (input.GoodQuantity is not >= 0) errors[nameof(input.GoodQuantity)] = "Nhập số lượng đạt (0 nếu không có).";
        if (input.DamagedQuantity is not >= 0) errors[nameof(input.DamagedQuantity)] = "Nhập số lượng hư hỏng (0 nếu không có).";
        if (input.ExpiredQuantity is not >= 0) errors[nameof(input.ExpiredQuantity)] = "Nhập số lượng hết hạn (0 nếu không có).";
        if (errors.Count == 0 && input.GoodQuantity + input.DamagedQuantity + input.ExpiredQuantity != lot.ReceivedQuantity)
            errors[nameof(input.GoodQuantity)] = Messages.Format("Số đạt, hư hỏng và hết hạn cộng lại phải bằng số thực nhận ({0}).", lot.ReceivedQuantity);
        if (input.GoodsKind == StockGoodsKind.Clothes && (input.SizeBand is not { } band || !Enum.IsDefined(band)))
            errors[nameof(input.SizeBand)] = "Quần áo cần ghi nhóm cỡ (độ tuổi).";
        if (input.GoodsKind == StockGoodsKind.Food && input.ExpiryDate is null)
            errors[nameof(input.ExpiryDate)] = "Thực phẩm cần ghi hạn sử dụng.";
        if (input.Note?.Trim().Length > StockLot.NoteLength)
            errors[nameof(input.Note)] = Messages.Format("Ghi chú tối đa {0} ký tự.", StockLot.NoteLength);
        if (errors.Count > 0) return StockStep.Fail(errors);
        lot.Inspect(input.GoodsKind!.Value, input.GoodQuantity!.Value, input.DamagedQuantity!.Value, input.ExpiredQuantity!.Value,
            input.SizeBand, input.ExpiryDate, input.Note, Me, Now);
        return await SaveStepAsync(lot, nameof(input.GoodQuantity), ct);
    }

    /// <summary>
    /// Stocks the good quantity of an inspected lot under its lot number and writes one StockMovement ledger entry (+good
    /// quantity, the item with its size band, the keeping commune's code, no money; source_sequence = the receipt's entry).
    /// Nothing is stocked before inspection; food past its expiry date is not stocked; a second click books nothing.
    /// </summary>
    public async Task<StockStep> StockAsync(int lotId, string? lotNumber, CancellationToken ct = default)
    {
        const string Field = "LotNumber";
        var number = lotNumber?.Trim() ?? "";
        if (number.Length == 0) return StockStep.Fail(Field, "Nhập số lô.");
        if (number.Length > StockLot.LotNumberLength) return StockStep.Fail(Field, Messages.Format("Số lô tối đa {0} ký tự.", StockLot.LotNumberLength));
        var lot = await db.StockLots.FirstOrDefaultAsync(l => l.Id == lotId, ct);
        if (lot is null) return StockStep.Fail(Field, NotFound);
        if (lot.State != StockLotState.Inspected) return StockStep.Fail(Field, lot.State < StockLotState.Inspected ? NotInspected : StockLot.WrongState);
        if (lot.GoodQuantity is not > 0) return StockStep.Fail(Field, "Lô hàng không có hàng đạt để nhập kho; hãy loại lô này.");
        if (lot.ExpiryDate is { } expiry && expiry < clock.VietnamToday()) return StockStep.Fail(Field, "Hàng đã quá hạn sử dụng; không nhập kho, hãy loại lô này.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ledger.LockAsync(ct);
        await db.Entry(lot).ReloadAsync(ct);
        if (lot.State != StockLotState.Inspected)
        {
            await tx.RollbackAsync(ct);
            return StockStep.Fail(Field, StockLot.WrongState);
        }
        var receipt = await db.Contributions.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == lot.ContributionId, ct);
        var unit = await db.AdminUnits.AsNoTracking().SingleAsync(u => u.Id == lot.AdminUnitId, ct);
        var slot = await ledger.ReserveSlotAsync(ct);
        await ledger.WriteAsync(slot, new LedgerEntry
        {
            ValueDate = clock.VietnamToday(),
            Kind = LedgerEntryKind.StockMovement,
            AmountVnd = 0,
            CampaignId = receipt.CampaignId,
            ReceiptNumber = receipt.ReceiptNumber,
            Description = Messages.Format("Nhập kho: {0}, {1} {2}, {3}", lot.StockItem, lot.GoodQuantity, lot.Unit, unit.Name),
            DonorDisplay = "",
            UnitCode = unit.Code,
            Item = lot.StockItem,
            Quantity = lot.GoodQuantity,
            UnitOfMeasure = lot.Unit,
            SourceSequence = receipt.LedgerSequence,
        }, ct);
        // The entry first: the database checks that a stocked lot names its stock movement.
        await db.SaveChangesAsync(ct);
        lot.Stock(number, Me, Now, slot.Sequence);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return StockStep.Done(lot);
    }

    public const string NotInspected = "Chưa kiểm tra chất lượng: không nhập kho hàng chưa được kiểm tra.";

    /// <summary>Rejects an inspected lot with the reason and what happens to the goods. Nothing goes into stock or the ledger.</summary>
    public async Task<StockStep> RejectAsync(int lotId, string? reason, RejectedGoodsFate? fate, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(reason)) errors["Reason"] = "Nhập lý do loại lô hàng.";
        else if (reason.Trim().Length > StockLot.NoteLength) errors["Reason"] = Messages.Format("Lý do tối đa {0} ký tự.", StockLot.NoteLength);
        if (fate is not { } f || !Enum.IsDefined(f)) errors["Fate"] = "Chọn cách xử lý hàng bị loại.";
        if (errors.Count > 0) return StockStep.Fail(errors);
        var lot = await db.StockLots.FirstOrDefaultAsync(l => l.Id == lotId, ct);
        if (lot is null) return StockStep.Fail("Reason", NotFound);
        if (lot.State != StockLotState.Inspected) return StockStep.Fail("Reason", lot.State < StockLotState.Inspected ? "Chưa kiểm tra chất lượng: kiểm tra trước rồi mới loại." : StockLot.WrongState);
        lot.Reject(reason!, fate!.Value, Me, Now);
        return await SaveStepAsync(lot, "Reason", ct);
    }

    /// <summary>
    /// Writes off stocked goods (lost, spoiled, expired) with the reason: one negative StockMovement entry (source_sequence =
    /// the lot's stocked entry), never more than is on hand. The form's key makes a second click book nothing.
    /// </summary>
    public async Task<Outcome<StockWriteOff>> WriteOffAsync(int lotId, StockWriteOffInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        if (input.Quantity is not > 0) errors[nameof(input.Quantity)] = "Nhập số lượng xuất huỷ (lớn hơn 0).";
        if (input.Reason is not { } reason || !Enum.IsDefined(reason)) errors[nameof(input.Reason)] = "Chọn lý do: thất lạc, hư hỏng hoặc hết hạn.";
        var note = input.Note?.Trim() ?? "";
        if (note.Length == 0) errors[nameof(input.Note)] = "Ghi rõ chuyện gì đã xảy ra.";
        else if (note.Length > StockLot.NoteLength) errors[nameof(input.Note)] = Messages.Format("Ghi chú tối đa {0} ký tự.", StockLot.NoteLength);
        var today = clock.VietnamToday();
        var on = input.WrittenOffOn ?? today;
        if (on > today) errors[nameof(input.WrittenOffOn)] = "Ngày xuất huỷ không được ở tương lai.";
        if (errors.Count > 0) return Outcome<StockWriteOff>.Fail(errors);
        var lot = await db.StockLots.FirstOrDefaultAsync(l => l.Id == lotId, ct);
        if (lot is null) return Outcome<StockWriteOff>.Fail(nameof(input.Quantity), NotFound);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ledger.LockAsync(ct);
        if (input.IdempotencyKey != Guid.Empty
            && await db.StockWriteOffs.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(w => w.IdempotencyKey == input.IdempotencyKey, ct) is { } done)
        {
            await tx.RollbackAsync(ct);
            return done.StockLotId == lotId ? Outcome<StockWriteOff>.Ok(done) : Outcome<StockWriteOff>.Fail(nameof(input.Quantity), StockLot.WrongState);
        }
        await db.Entry(lot).ReloadAsync(ct);
        if (lot.State != StockLotState.Stocked || lot.OnHand is not { } onHand)
        {
            await tx.RollbackAsync(ct);
            return Outcome<StockWriteOff>.Fail(nameof(input.Quantity), "Chỉ xuất huỷ được hàng đã nhập kho.");
        }
        if (input.Quantity > onHand)
        {
            await tx.RollbackAsync(ct);
            return Outcome<StockWriteOff>.Fail(nameof(input.Quantity), Messages.Format("Lô này chỉ còn {0} {1} trong kho; tồn kho không được âm.", onHand, lot.Unit));
        }
        var writeOff = await BookWriteOffAsync(lot, input.Quantity!.Value, input.Reason!.Value, note, on,
            input.IdempotencyKey == Guid.Empty ? Guid.NewGuid() : input.IdempotencyKey, ct);
        await tx.CommitAsync(ct);
        return Outcome<StockWriteOff>.Ok(writeOff);
    }

    /// <summary>
    /// Books a checked write-off of a stocked lot: the negative StockMovement entry, the write-off row, less on hand. The caller
    /// holds the transaction and the ledger lock, has reloaded the lot and checked the quantity against what is on hand.
    /// </summary>
    private async Task<StockWriteOff> BookWriteOffAsync(StockLot lot, int quantity, StockWriteOffReason reason, string note, DateOnly on, Guid key, CancellationToken ct)
    {
        var unit = await db.AdminUnits.AsNoTracking().SingleAsync(u => u.Id == lot.AdminUnitId, ct);
        var stocked = await db.LedgerEntries.AsNoTracking().SingleAsync(e => e.Sequence == lot.StockedSequence, ct);
        var slot = await ledger.ReserveSlotAsync(ct);
        await ledger.WriteAsync(slot, new LedgerEntry
        {
            ValueDate = on,
            Kind = LedgerEntryKind.StockMovement,
            AmountVnd = 0,
            CampaignId = stocked.CampaignId,
            ReceiptNumber = stocked.ReceiptNumber,
            Description = Messages.Format("Xuất huỷ ({0}): {1}, {2} {3}, {4}", StockLabels.WriteOffReasons[reason].ToLowerInvariant(), lot.StockItem, quantity, lot.Unit, unit.Name),
            DonorDisplay = "",
            UnitCode = stocked.UnitCode,
            Item = stocked.Item,
            Quantity = -quantity,
            UnitOfMeasure = stocked.UnitOfMeasure,
            SourceSequence = stocked.Sequence,
        }, ct);
        await db.SaveChangesAsync(ct);
        var writeOff = new StockWriteOff
        {
            StockLotId = lot.Id,
            Quantity = quantity,
            Reason = reason,
            Note = note,
            WrittenOffById = Me,
            WrittenOffAt = Now,
            WrittenOffOn = on,
            LedgerSequence = slot.Sequence,
            IdempotencyKey = key,
        };
        db.StockWriteOffs.Add(writeOff);
        await db.SaveChangesAsync(ct);
        lot.TakeOff(quantity);
        await db.SaveChangesAsync(ct);
        return writeOff;
    }

    /// <summary>The largest photo accepted.</summary>
    public const long MaxPhotoBytes = 10 * 1024 * 1024;
    public const int MaxPhotos = 10;

    /// <summary>
    /// Stores a photo of a received or inspected lot (JPEG or PNG by its first bytes) privately, with its SHA-256; PublicSite
    /// never maps the table, and BackOffice serves it to staff of the lot's commune only.
    /// </summary>
    public async Task<Outcome<StockLotPhoto>> AddPhotoAsync(int lotId, string? fileName, byte[] bytes, CancellationToken ct = default)
    {
        const string Field = "Photo";
        if (bytes.Length == 0) return Outcome<StockLotPhoto>.Fail(Field, "Chọn ảnh để tải lên.");
        if (bytes.Length > MaxPhotoBytes) return Outcome<StockLotPhoto>.Fail(Field, Messages.Format("Ảnh tối đa {0} MB.", MaxPhotoBytes / (1024 * 1024)));
        var contentType = OriginalFile.ContentTypeOf(bytes);
        if (contentType is not ("image/jpeg" or "image/png"))
            return Outcome<StockLotPhoto>.Fail(Field, "Chỉ nhận ảnh JPEG hoặc PNG.");
        var lot = await db.StockLots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lotId, ct);
        if (lot is null) return Outcome<StockLotPhoto>.Fail(Field, NotFound);
        if (lot.State is not (StockLotState.Received or StockLotState.Inspected))
            return Outcome<StockLotPhoto>.Fail(Field, "Chỉ thêm ảnh khi lô hàng đã nhận và chưa nhập kho hay bị loại.");
        if (await db.StockLotPhotos.CountAsync(p => p.StockLotId == lotId, ct) >= MaxPhotos)
            return Outcome<StockLotPhoto>.Fail(Field, Messages.Format("Mỗi lô hàng tối đa {0} ảnh.", MaxPhotos));
        var photo = new StockLotPhoto
        {
            StockLotId = lotId,
            FileName = OriginalFile.CleanFileName(fileName, contentType),
            ContentType = contentType,
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedById = Me,
            UploadedAt = Now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.StockLotPhotos.Add(photo);
        await db.SaveChangesAsync(ct);
        db.StockLotPhotoContents.Add(new StockLotPhotoContent { StockLotPhotoId = photo.Id, Bytes = bytes });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<StockLotPhoto>.Ok(photo);
    }

    /// <summary>The bytes of a photo of a lot the user may read (the scope applies to the photo through its lot), or null.</summary>
    public async Task<(StockLotPhoto Photo, byte[] Bytes)?> ReadPhotoAsync(int lotId, int photoId, CancellationToken ct = default)
    {
        var photo = await db.StockLotPhotos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.StockLotId == lotId, ct);
        if (photo is null) return null;
        var bytes = await db.StockLotPhotoContents.AsNoTracking().Where(c => c.StockLotPhotoId == photoId).Select(c => c.Bytes).SingleAsync(ct);
        return (photo, bytes);
    }

    /// <summary>Saves a step; when someone else moved the lot at the same moment the database refuses, and the message says so.</summary>
    private async Task<StockStep> SaveStepAsync(StockLot lot, string field, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return StockStep.Fail(field, StockLot.WrongState);
        }
        return StockStep.Done(lot);
    }
}
