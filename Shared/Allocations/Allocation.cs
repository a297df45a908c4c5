using ChildAid.Shared.Contributions;
using ChildAid.Shared.Needs;

namespace ChildAid.Shared.Allocations;

public enum AllocationState { Proposed = 1, Approved = 2, Rejected = 3 }

/// <summary>
/// Part of a contribution assigned to part of a need line (phân bổ): money in whole đồng, or a quantity of one of the
/// receipt's goods lines. Proposed by one person, approved or rejected by another (<see cref="RefusalToApprove"/>); an
/// approved allocation is a ledger entry and is never edited — later slices undo it with a reversal entry.
/// A proposal reserves what it asks for, so two proposals can never together take more than the receipt holds.
/// Belongs to the need line's commune: staff see and decide allocations of the communes they cover.
/// </summary>
public class Allocation : Security.IUnitOwned
{
    public int Id { get; set; }
    /// <summary>The need line's commune (the unit scope).</summary>
    public int AdminUnitId { get; set; }
    public int ContributionId { get; set; }
    public Contribution? Contribution { get; set; }
    /// <summary>Set for goods: the receipt line the items come from. Null for money.</summary>
    public int? GoodsLineId { get; set; }
    public ContributionGoodsLine? GoodsLine { get; set; }
    /// <summary>The line as it was when proposed; <see cref="NeedLineKey"/> is the need itself across revisions of its review.</summary>
    public int NeedLineId { get; set; }
    public NeedLine? NeedLine { get; set; }
    public Guid NeedLineKey { get; set; }
    /// <summary>Money: the đồng allocated. Goods: the quantity at the receipt's unit value (so balances in đồng add up from the ledger alone).</summary>
    public long AmountVnd { get; set; }
    /// <summary>Goods only: how many of the goods line's items, counted in the need line's unit.</summary>
    public int? Quantity { get; set; }
    public string? Note { get; set; }

    public AllocationState State { get; private set; } = AllocationState.Proposed;
    public string ProposedById { get; set; } = "";
    public DateTime ProposedAt { get; set; }
    public string? DecidedById { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? RejectionReason { get; private set; }
    /// <summary>The ledger entry the approval wrote.</summary>
    public long? LedgerSequence { get; private set; }

    public bool IsGoods => GoodsLineId is not null;

    public const int NoteLength = 500;
    public const int ReasonLength = 500;

    /// <summary>Why <paramref name="approverId"/> may not approve (Vietnamese), or null when they may. Four eyes at every amount.</summary>
    public string? RefusalToApprove(string approverId)
    {
        if (State != AllocationState.Proposed) return AlreadyDecided;
        if (approverId == ProposedById)
            return "Bạn là người đề xuất phân bổ này nên không được tự duyệt. Cần một cán bộ khác duyệt.";
        return null;
    }

    public const string AlreadyDecided = "Đề xuất phân bổ này đã được xử lý.";

    public void Approve(string approverId, DateTime at, long ledgerSequence)
    {
        if (RefusalToApprove(approverId) is { } refusal) throw new InvalidOperationException(refusal);
        State = AllocationState.Approved;
        DecidedById = approverId;
        DecidedAt = at;
        LedgerSequence = ledgerSequence;
    }

    /// <summary>Anyone who may decide may reject, the proposer too (withdrawing it). Nothing is booked.</summary>
    public void Reject(string deciderId, DateTime at, string reason)
    {
        if (State != AllocationState.Proposed) throw new InvalidOperationException(AlreadyDecided);
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A rejection needs its reason.", nameof(reason));
        State = AllocationState.Rejected;
        DecidedById = deciderId;
        DecidedAt = at;
        RejectionReason = reason.Trim();
    }
}
