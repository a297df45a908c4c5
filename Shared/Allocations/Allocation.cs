using ChildAid.Shared.Contributions;
using ChildAid.Shared.Needs;

namespace ChildAid.Shared.Allocations;

public enum AllocationState { Proposed = 1, Approved = 2, Rejected = 3, Reversed = 4 }

/// <summary>
/// Part of a contribution assigned to part of a need line (phân bổ): money in whole đồng, or a quantity of one of the
/// receipt's goods lines. Proposed by one person, approved or rejected by another (<see cref="RefusalToApprove"/>); an
/// approved allocation is a ledger entry and is never edited: it is undone by a reversal (<see cref="Reverse"/>), one ledger
/// entry of kind reversal, after which what it held is free again.
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
    /// <summary>
    /// Set when the proposal came from a suggestion form: the form's run key and the row (receipt, goods line, need line).
    /// Unique in the database, so the same form posted twice — on two BackOffice nodes at the same instant too — proposes once.
    /// </summary>
    public string? SuggestionKey { get; set; }
    public const int SuggestionKeyLength = 100;

    public AllocationState State { get; private set; } = AllocationState.Proposed;
    public string ProposedById { get; set; } = "";
    public DateTime ProposedAt { get; set; }
    public string? DecidedById { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? RejectionReason { get; private set; }
    /// <summary>The ledger entry the approval wrote.</summary>
    public long? LedgerSequence { get; private set; }
    /// <summary>Why an approved allocation was undone (kept here and in the audit trail; not published: it may name a child).</summary>
    public string? ReversalReason { get; private set; }
    public string? ReversedById { get; private set; }
    public DateTime? ReversedAt { get; private set; }
    /// <summary>The ledger entry of kind reversal the reversal wrote (its reverses_sequence is <see cref="LedgerSequence"/>).</summary>
    public long? ReversalSequence { get; private set; }

    /// <summary>What still takes money or goods from the receipt and the need: a proposal or an approval, not a rejection or a reversal.</summary>
    public bool IsLive => State is AllocationState.Proposed or AllocationState.Approved;

    public bool IsGoods => GoodsLineId is not null;

    /// <summary>
    /// What the double-support check found when the allocation was proposed (<see cref="DoubleSupportCheck"/>), kept so the
    /// approver reads exactly what the manager allowed. Null when nothing was found.
    /// </summary>
    public string? DoubleSupportFindings { get; private set; }
    /// <summary>Why a programme manager allowed it all the same (private: it may name a child).</summary>
    public string? DoubleSupportReason { get; private set; }
    public string? DoubleSupportAllowedById { get; private set; }

    /// <summary>A manager allowed this allocation although the child or school already received the same kind of help.</summary>
    public bool AllowsDoubleSupport => DoubleSupportReason is not null;

    public void AllowDoubleSupport(IReadOnlyList<string> findings, string reason, string managerId)
    {
        if (findings.Count == 0) throw new ArgumentException("Nothing to allow.", nameof(findings));
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("An override needs its reason.", nameof(reason));
        var words = string.Join(" ", findings);
        DoubleSupportFindings = words.Length <= FindingsLength ? words : words[..(FindingsLength - 1)] + "…";
        DoubleSupportReason = reason.Trim();
        DoubleSupportAllowedById = managerId;
    }

    public const int FindingsLength = 2000;

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
    public const string AlreadyReversed = "Phân bổ này đã được hoàn trước đó.";
    public const string NotApproved = "Chỉ hoàn được phân bổ đã duyệt; đề xuất chưa duyệt thì từ chối.";

    /// <summary>Why it cannot be reversed (Vietnamese), or null: only an approved allocation, once.</summary>
    public string? RefusalToReverse() => State switch
    {
        AllocationState.Approved => null,
        AllocationState.Reversed => AlreadyReversed,
        _ => NotApproved,
    };

    /// <summary>Undoes an approval: its reversal entry is <paramref name="reversalSequence"/>. Anyone who may decide, the approver too, never silently (a reason).</summary>
    public void Reverse(string reverserId, DateTime at, string reason, long reversalSequence)
    {
        if (RefusalToReverse() is { } refusal) throw new InvalidOperationException(refusal);
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A reversal needs its reason.", nameof(reason));
        State = AllocationState.Reversed;
        ReversalReason = reason.Trim();
        ReversedById = reverserId;
        ReversedAt = at;
        ReversalSequence = reversalSequence;
    }

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
