using ChildAid.Shared.Needs;

namespace ChildAid.Shared.Stock;

/// <summary>The receiving form: what actually arrived, when, and which commune keeps it. Error keys are these property names.</summary>
public sealed class StockReceiveInput
{
    public int? Quantity { get; set; }
    public DateOnly? ReceivedOn { get; set; }
    public int? AdminUnitId { get; set; }
}

/// <summary>The inspection form: the counts, and a size band for clothes or an expiry date for food.</summary>
public sealed class StockInspectInput
{
    public StockGoodsKind? GoodsKind { get; set; }
    public int? GoodQuantity { get; set; }
    public int? DamagedQuantity { get; set; }
    public int? ExpiredQuantity { get; set; }
    public SizeBand? SizeBand { get; set; }
    public DateOnly? ExpiryDate { get; set; }
    public string? Note { get; set; }
}

/// <summary>The write-off form; the key comes with the form so that a second click books nothing.</summary>
public sealed class StockWriteOffInput
{
    public int? Quantity { get; set; }
    public StockWriteOffReason? Reason { get; set; }
    public string? Note { get; set; }
    public DateOnly? WrittenOffOn { get; set; }
    public Guid IdempotencyKey { get; set; }
}

/// <summary>
/// What a step on a lot came to: done (<see cref="Lot"/>), refused by the four-eyes rule (<see cref="Refusal"/>: a 403 with
/// the reason), or messages keyed by the form's fields.
/// </summary>
public sealed record StockStep(StockLot? Lot, string? Refusal, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Lot is not null;
    public static StockStep Done(StockLot lot) => new(lot, null, new Dictionary<string, string>());
    public static StockStep Refused(string refusal) => new(null, refusal, new Dictionary<string, string>());
    public static StockStep Fail(string field, string message) => new(null, null, new Dictionary<string, string> { [field] = message });
    public static StockStep Fail(IReadOnlyDictionary<string, string> errors) => new(null, null, errors);
}

/// <summary>Vietnamese names of the lot's states and choices (BackOffice translates them through the resources).</summary>
public static class StockLabels
{
    public static readonly IReadOnlyDictionary<StockLotState, string> States = new Dictionary<StockLotState, string>
    {
        [StockLotState.Announced] = "Đã báo trước", [StockLotState.Received] = "Đã nhận", [StockLotState.Inspected] = "Đã kiểm tra",
        [StockLotState.Stocked] = "Đã nhập kho", [StockLotState.Rejected] = "Bị loại",
    };

    public static readonly IReadOnlyDictionary<StockGoodsKind, string> GoodsKinds = new Dictionary<StockGoodsKind, string>
    {
        [StockGoodsKind.Clothes] = "Quần áo", [StockGoodsKind.Food] = "Thực phẩm", [StockGoodsKind.Other] = "Hàng khác",
    };

    public static readonly IReadOnlyDictionary<RejectedGoodsFate, string> Fates = new Dictionary<RejectedGoodsFate, string>
    {
        [RejectedGoodsFate.ReturnedToDonor] = "Trả lại nhà tài trợ", [RejectedGoodsFate.Destroyed] = "Tiêu huỷ",
        [RejectedGoodsFate.GivenElsewhere] = "Chuyển cho nơi khác",
    };

    public static readonly IReadOnlyDictionary<StockWriteOffReason, string> WriteOffReasons = new Dictionary<StockWriteOffReason, string>
    {
        [StockWriteOffReason.Lost] = "Thất lạc", [StockWriteOffReason.Spoiled] = "Hư hỏng", [StockWriteOffReason.Expired] = "Hết hạn",
    };
}
