using ChildAid.Shared.Needs;

namespace ChildAid.Shared.Stock;

/// <summary>Where a lot is in its life: announced by the receipt, received, inspected, then stocked or rejected.</summary>
public enum StockLotState { Announced = 1, Received = 2, Inspected = 3, Stocked = 4, Rejected = 5 }

/// <summary>What the inspector checks beyond the counts: clothes have a size band, food an expiry date.</summary>
public enum StockGoodsKind { Clothes = 1, Food = 2, Other = 3 }

/// <summary>What happens to a rejected lot.</summary>
public enum RejectedGoodsFate { ReturnedToDonor = 1, Destroyed = 2, GivenElsewhere = 3 }

/// <summary>Why stocked goods leave the stock without being delivered.</summary>
public enum StockWriteOffReason { Lost = 1, Spoiled = 2, Expired = 3 }

/// <summary>
/// A stock lot (lô hàng): the goods of one line of an in-kind receipt on their way into stock, as a state machine the
/// methods enforce (and the database's CHECKs and triggers of migration Stock, whoever writes): Announced (the expected
/// quantity, from the receipt's goods line) → Received (the actual quantity, which may differ; when; who; the commune
/// that keeps it) → Inspected (good / damaged / expired counts adding up to what was received; a size band for clothes,
/// an expiry date for food; by someone other than the receiver) → Stocked (a lot number; the good quantity goes on hand,
/// one StockMovement ledger entry) or Rejected (the reason and what happens to the goods). Nothing is stocked before
/// inspection; damaged and expired goods are never stocked. Stocked goods leave by write-off (<see cref="StockWriteOff"/>).
/// Belongs to the commune that keeps it (the unit scope). Never deleted.
/// </summary>
public class StockLot : Security.IUnitOwned
{
    public int Id { get; set; }
    /// <summary>Where the goods are kept: the receipt's unit when announced, the receiving commune once received.</summary>
    public int AdminUnitId { get; set; }
    public int ContributionId { get; set; }
    public Contributions.Contribution? Contribution { get; set; }
    public int GoodsLineId { get; set; }
    public Contributions.ContributionGoodsLine? GoodsLine { get; set; }
    /// <summary>The goods line's item, unit and unit value, copied: the receipt never changes, and lists read the lot alone.</summary>
    public string Item { get; set; } = "";
    public string Unit { get; set; } = "";
    public long UnitValueVnd { get; set; }
    public int ExpectedQuantity { get; set; }

    public StockLotState State { get; private set; } = StockLotState.Announced;
    public string AnnouncedById { get; set; } = "";
    public DateTime AnnouncedAt { get; set; }

    public int? ReceivedQuantity { get; private set; }
    public DateOnly? ReceivedOn { get; private set; }
    public string? ReceivedById { get; private set; }
    public DateTime? ReceivedAt { get; private set; }

    public StockGoodsKind? GoodsKind { get; private set; }
    public int? GoodQuantity { get; private set; }
    public int? DamagedQuantity { get; private set; }
    public int? ExpiredQuantity { get; private set; }
    public SizeBand? SizeBand { get; private set; }
    public DateOnly? ExpiryDate { get; private set; }
    public string? InspectionNote { get; private set; }
    public string? InspectedById { get; private set; }
    public DateTime? InspectedAt { get; private set; }

    public string? LotNumber { get; private set; }
    public string? StockedById { get; private set; }
    public DateTime? StockedAt { get; private set; }
    /// <summary>The StockMovement ledger entry the stocking wrote (+good quantity).</summary>
    public long? StockedSequence { get; private set; }
    /// <summary>What is still on hand: the good quantity less the write-offs (the database checks the sum).</summary>
    public int? OnHand { get; private set; }

    public RejectedGoodsFate? RejectedFate { get; private set; }
    public string? RejectionReason { get; private set; }
    public string? RejectedById { get; private set; }
    public DateTime? RejectedAt { get; private set; }

    public List<StockWriteOff> WriteOffs { get; set; } = [];
    public List<StockLotPhoto> Photos { get; set; } = [];

    public const int NoteLength = 500;
    public const int LotNumberLength = 50;

    /// <summary>The item as the ledger and the stock list name it: with its size band for clothes ("Áo ấm (6–8 tuổi)").</summary>
    public string StockItem => NeedLabels.WithSizeBand(Item, SizeBand);

    public const string WrongState = "Lô hàng không ở bước này nữa (có thể người khác vừa xử lý); hãy tải lại trang.";
    public const string SameAsReceiver =
        "Bạn là người nhận lô hàng này nên không được tự kiểm tra. Cần một cán bộ khác kiểm tra (bốn mắt).";

    public void Receive(int quantity, DateOnly on, int adminUnitId, string byId, DateTime at)
    {
        if (State != StockLotState.Announced) throw new InvalidOperationException(WrongState);
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        State = StockLotState.Received;
        ReceivedQuantity = quantity;
        ReceivedOn = on;
        AdminUnitId = adminUnitId;
        ReceivedById = byId;
        ReceivedAt = at;
    }

    /// <summary>Why <paramref name="inspectorId"/> may not inspect (Vietnamese), or null: the lot is received and they did not receive it.</summary>
    public string? RefusalToInspect(string inspectorId)
    {
        if (State != StockLotState.Received) return WrongState;
        if (inspectorId == ReceivedById) return SameAsReceiver;
        return null;
    }

    public void Inspect(StockGoodsKind kind, int good, int damaged, int expired, SizeBand? band, DateOnly? expiry, string? note, string inspectorId, DateTime at)
    {
        if (RefusalToInspect(inspectorId) is { } refusal) throw new InvalidOperationException(refusal);
        if (good + damaged + expired != ReceivedQuantity) throw new ArgumentException("The counts add up to the received quantity.");
        State = StockLotState.Inspected;
        GoodsKind = kind;
        GoodQuantity = good;
        DamagedQuantity = damaged;
        ExpiredQuantity = expired;
        SizeBand = kind == StockGoodsKind.Clothes ? band : null;
        ExpiryDate = expiry;
        InspectionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        InspectedById = inspectorId;
        InspectedAt = at;
    }

    /// <summary>Only an inspected lot with good goods is stocked: the good quantity, never the damaged or expired.</summary>
    public void Stock(string lotNumber, string byId, DateTime at, long sequence)
    {
        if (State != StockLotState.Inspected || InspectedById is null) throw new InvalidOperationException(WrongState);
        if (GoodQuantity is not > 0) throw new InvalidOperationException("Nothing good to stock.");
        State = StockLotState.Stocked;
        LotNumber = lotNumber.Trim();
        StockedById = byId;
        StockedAt = at;
        StockedSequence = sequence;
        OnHand = GoodQuantity;
    }

    public void Reject(string reason, RejectedGoodsFate fate, string byId, DateTime at)
    {
        if (State != StockLotState.Inspected) throw new InvalidOperationException(WrongState);
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A rejection needs its reason.", nameof(reason));
        State = StockLotState.Rejected;
        RejectionReason = reason.Trim();
        RejectedFate = fate;
        RejectedById = byId;
        RejectedAt = at;
    }

    /// <summary>Puts back what a distribution took but did not deliver; never above the good quantity.</summary>
    public void PutBack(int quantity)
    {
        if (State != StockLotState.Stocked || OnHand is not { } onHand) throw new InvalidOperationException(WrongState);
        if (quantity <= 0 || onHand + quantity > GoodQuantity) throw new ArgumentOutOfRangeException(nameof(quantity));
        OnHand = onHand + quantity;
    }

    /// <summary>Takes <paramref name="quantity"/> off what is on hand (a write-off, a distribution's departure); never below zero.</summary>
    public void TakeOff(int quantity)
    {
        if (State != StockLotState.Stocked || OnHand is not { } onHand) throw new InvalidOperationException(WrongState);
        if (quantity <= 0 || quantity > onHand) throw new ArgumentOutOfRangeException(nameof(quantity));
        OnHand = onHand - quantity;
    }
}

/// <summary>
/// Stocked goods that leave without being delivered (lost, spoiled, expired), with the reason: one negative StockMovement
/// ledger entry (source_sequence = the lot's stocked entry). Never more than is on hand; never changed or deleted.
/// </summary>
public class StockWriteOff
{
    public int Id { get; set; }
    public int StockLotId { get; set; }
    public StockLot? StockLot { get; set; }
    public int Quantity { get; set; }
    public StockWriteOffReason Reason { get; set; }
    /// <summary>What happened, for staff (private: the public entry says only the reason's kind).</summary>
    public string Note { get; set; } = "";
    public string WrittenOffById { get; set; } = "";
    public DateTime WrittenOffAt { get; set; }
    public DateOnly WrittenOffOn { get; set; }
    public long LedgerSequence { get; set; }
    /// <summary>From the form, so a double click books once.</summary>
    public Guid IdempotencyKey { get; set; }
}

/// <summary>A photo taken at inspection (the goods, the damage): stored privately like an expense's originals, with its SHA-256.</summary>
public class StockLotPhoto
{
    public int Id { get; set; }
    public int StockLotId { get; set; }
    public StockLot? StockLot { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public string UploadedById { get; set; } = "";
    public DateTime UploadedAt { get; set; }
}

/// <summary>The bytes of a <see cref="StockLotPhoto"/>, kept apart so lists never load them and the audit trail never copies them.</summary>
public class StockLotPhotoContent
{
    public int StockLotPhotoId { get; set; }
    public byte[] Bytes { get; set; } = [];
}
