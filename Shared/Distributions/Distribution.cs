namespace ChildAid.Shared.Distributions;

/// <summary>Where a distribution is: planned, confirmed for dispatch, on the road, arrived, delivered (confirmed by the receiver), or called off before delivery.</summary>
public enum DistributionState { Draft = 1, Confirmed = 2, Departed = 3, Arrived = 4, Delivered = 5, Cancelled = 6 }

/// <summary>Who receives the goods: a school, a commune, or children of the registry named on the distribution.</summary>
public enum DistributionRecipient { School = 1, Commune = 2, Children = 3 }

/// <summary>
/// A goods distribution (cấp phát): a quantity of a stocked lot delivered for an approved goods allocation (its need line) —
/// or, with no lot, goods bought with an approved money allocation (<see cref="PurchasedGoods"/>): nothing leaves our stock
/// then, so the departure writes no stock movement and a partial delivery puts nothing back; the delivery writes a
/// Distribution entry of 0 ₫ with the quantity (the expense counted the money as spent). Otherwise
/// as a state machine the methods enforce and the database guards (migration Distributions): Draft → Confirmed → Departed
/// (a negative StockMovement, source = the lot's stocked entry) → Arrived → Delivered, confirmed by the receiving school or
/// commune officer — never the dispatcher — with the receiver's name and role and a photo of the signed hand-over list
/// (private): the confirmation writes one Distribution entry (delivered × unit value, source = the allocation's entry). A
/// partial delivery puts the rest back in stock (a positive StockMovement); a new draft can take it again. Until delivered, a
/// dispatcher may call it off with a reason (Cancelled): nothing moved before departure; goods on the road come back to their
/// lot whole (a positive StockMovement, source = the departure), and the allocation may be distributed again.
/// Belongs to the allocation's commune (the unit scope) and, when a school receives, to that school: its staff see it
/// (to confirm the delivery) and no other distribution. Never deleted.
/// </summary>
public class Distribution : Security.IUnitOwned, Security.IOrganisationOwned
{
    public int Id { get; set; }
    public int AdminUnitId { get; set; }
    public int AllocationId { get; set; }
    public Allocations.Allocation? Allocation { get; set; }
    /// <summary>The stocked lot the goods come from; null for goods bought with the allocation's money.</summary>
    public int? StockLotId { get; set; }
    public Stock.StockLot? StockLot { get; set; }
    public bool IsPurchased => StockLotId is null;
    public int Quantity { get; set; }
    public DateOnly PlannedOn { get; set; }
    public string Place { get; set; } = "";
    /// <summary>Who takes the goods there (a name; the staff member who dispatches is <see cref="DepartedById"/>).</summary>
    public string Carrier { get; set; } = "";
    public DistributionRecipient Recipient { get; set; }
    /// <summary>The receiving school when <see cref="Recipient"/> is a school; for named children who all attend one school of the commune, that school.</summary>
    public int? SchoolId { get; set; }
    /// <summary>How many children receive: for a distribution to children, the number named in <see cref="Children"/>.</summary>
    public int? ChildrenCount { get; set; }
    /// <summary>What each named child receives: <see cref="Quantity"/> = named children × this (null when nobody is named).</summary>
    public int? PerChildQuantity { get; set; }
    /// <summary>The children of the registry who receive (a distribution to children), BackOffice only.</summary>
    public List<DistributionChild> Children { get; set; } = [];

    public DistributionState State { get; private set; } = DistributionState.Draft;
    public string CreatedById { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? ConfirmedById { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }
    public string? DepartedById { get; private set; }
    public DateTime? DepartedAt { get; private set; }
    public long? DepartureSequence { get; private set; }
    public string? ArrivedById { get; private set; }
    public DateTime? ArrivedAt { get; private set; }
    public int? DeliveredQuantity { get; private set; }
    public DateOnly? DeliveredOn { get; private set; }
    public string? ReceiverName { get; private set; }
    public string? ReceiverRole { get; private set; }
    public string? DeliveryConfirmedById { get; private set; }
    public DateTime? DeliveryConfirmedAt { get; private set; }
    public long? DistributionSequence { get; private set; }
    /// <summary>The positive StockMovement that put back what was not delivered (a partial delivery), or all of it (cancelled on the road).</summary>
    public long? ReturnSequence { get; private set; }
    public string? ProofFileName { get; private set; }
    public string? ProofSha256 { get; private set; }
    public string? CancelledById { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }

    public const int TextLength = 200;
    public const int ReasonLength = 500;
    public const string AlreadyDelivered = "Đợt cấp phát đã giao và người nhận đã xác nhận; không huỷ được. Nếu có sai sót, ghi nhận bằng đợt cấp phát hoặc xuất kho mới.";
    public const string WrongState = "Đợt cấp phát không ở bước này nữa (có thể người khác vừa xử lý); hãy tải lại trang.";
    public const string Dispatcher = "Bạn là người xuất hàng của đợt cấp phát này nên không được tự xác nhận đã giao. Cần cán bộ trường hoặc xã nhận hàng xác nhận.";

    public void Confirm(string byId, DateTime at)
    {
        if (State != DistributionState.Draft) throw new InvalidOperationException(WrongState);
        State = DistributionState.Confirmed;
        ConfirmedById = byId;
        ConfirmedAt = at;
    }

    /// <param name="sequence">The stock movement of the goods leaving the lot; null for purchased goods, which were never in our stock.</param>
    public void Depart(string byId, DateTime at, long? sequence)
    {
        if (State != DistributionState.Confirmed) throw new InvalidOperationException(WrongState);
        State = DistributionState.Departed;
        DepartedById = byId;
        DepartedAt = at;
        DepartureSequence = sequence;
    }

    public void Arrive(string byId, DateTime at)
    {
        if (State != DistributionState.Departed) throw new InvalidOperationException(WrongState);
        State = DistributionState.Arrived;
        ArrivedById = byId;
        ArrivedAt = at;
    }

    /// <summary>Why <paramref name="userId"/> may not confirm the delivery (Vietnamese), or null.</summary>
    public string? RefusalToConfirmDelivery(string userId)
    {
        if (State != DistributionState.Arrived) return WrongState;
        if (userId == DepartedById) return Dispatcher;
        return null;
    }

    /// <summary>Why the distribution cannot be called off (Vietnamese), or null: anything not yet delivered can be.</summary>
    public string? RefusalToCancel() => State switch
    {
        DistributionState.Delivered => AlreadyDelivered,
        DistributionState.Cancelled => WrongState,
        _ => null,
    };

    /// <summary>
    /// Calls the distribution off before delivery, with the reason. Goods that had left a lot come back whole
    /// (<paramref name="returnSequence"/>: the positive stock movement); before departure nothing moved.
    /// </summary>
    public void Cancel(string byId, DateTime at, string reason, long? returnSequence)
    {
        if (RefusalToCancel() is { } refusal) throw new InvalidOperationException(refusal);
        if ((DepartureSequence is null) != (returnSequence is null)) throw new ArgumentException("Goods that left the stock come back by a stock movement.", nameof(returnSequence));
        State = DistributionState.Cancelled;
        CancelledById = byId;
        CancelledAt = at;
        CancelReason = reason.Trim();
        ReturnSequence = returnSequence;
    }

    public void ConfirmDelivery(int delivered, DateOnly on, string receiverName, string receiverRole, string proofFileName, string proofSha256,
        string byId, DateTime at, long? distributionSequence, long? returnSequence)
    {
        if (RefusalToConfirmDelivery(byId) is { } refusal) throw new InvalidOperationException(refusal);
        if (delivered < 0 || delivered > Quantity) throw new ArgumentOutOfRangeException(nameof(delivered));
        State = DistributionState.Delivered;
        DeliveredQuantity = delivered;
        DeliveredOn = on;
        ReceiverName = receiverName.Trim();
        ReceiverRole = receiverRole.Trim();
        ProofFileName = proofFileName;
        ProofSha256 = proofSha256;
        DeliveryConfirmedById = byId;
        DeliveryConfirmedAt = at;
        DistributionSequence = distributionSequence;
        ReturnSequence = returnSequence;
    }
}

/// <summary>
/// A child of the registry named as a recipient of a distribution to children (migration DistributionChildren): chosen at
/// planning within the user's scope and the distribution's commune, once per distribution; the receiver ticks who received
/// at delivery (<see cref="Received"/>, null until then). Carries the distribution's scope; never shown by PublicSite.
/// </summary>
public class DistributionChild
{
    public int DistributionId { get; set; }
    public Distribution? Distribution { get; set; }
    public int ChildId { get; set; }
    public Children.Child? Child { get; set; }
    public bool? Received { get; private set; }

    public void Tick(bool received)
    {
        if (Received is not null) throw new InvalidOperationException(Distribution.WrongState);
        Received = received;
    }
}

/// <summary>The photo of the signed hand-over list (biên bản bàn giao): private bytes, never mapped by PublicSite, never audited.</summary>
public class DistributionProof
{
    public int DistributionId { get; set; }
    public byte[] Bytes { get; set; } = [];
}

/// <summary>Vietnamese names of a distribution's states and recipients (BackOffice translates them through the resources).</summary>
public static class DistributionLabels
{
    public static readonly IReadOnlyDictionary<DistributionState, string> States = new Dictionary<DistributionState, string>
    {
        [DistributionState.Draft] = "Dự thảo", [DistributionState.Confirmed] = "Đã xác nhận", [DistributionState.Departed] = "Đã xuất kho",
        [DistributionState.Arrived] = "Đã đến nơi", [DistributionState.Delivered] = "Đã giao", [DistributionState.Cancelled] = "Đã huỷ",
    };

    public static readonly IReadOnlyDictionary<DistributionRecipient, string> Recipients = new Dictionary<DistributionRecipient, string>
    {
        [DistributionRecipient.School] = "Trường học", [DistributionRecipient.Commune] = "Xã", [DistributionRecipient.Children] = "Trẻ em",
    };
}
