namespace ChildAid.Shared.Expenses;

public enum ExpenseState { Proposed = 1, Approved = 2, Rejected = 3 }

/// <summary>What an uploaded original is: the supplier's invoice (hoá đơn) or the proof that it was paid (chứng từ thanh toán).</summary>
public enum ExpenseDocumentKind { Invoice = 1, ProofOfPayment = 2 }

/// <summary>
/// How an expense stands with its invoice: paid against an invoice uploaded before approval, or an advance (tạm ứng) approved and
/// booked without one, whose invoice is filed later on its page (<see cref="Expense.InvoiceFiledAt"/>).
/// </summary>
public enum ExpenseKind { Invoice = 1, Advance = 2 }

/// <summary>How late an advance's invoice is, counted in days from the payment date in Vietnam's calendar.</summary>
public enum InvoiceDelay { None = 0, Day15 = 15, Day29 = 29, Blocking = 31 }

/// <summary>
/// Money paid out (chi): a supplier paid against its Vietnamese e-invoice, from one or more approved money allocations of
/// one commune (<see cref="Lines"/>: allocation → amount). Proposed by one person, approved or rejected by another
/// (<see cref="RefusalToApprove"/>): the approval writes one ledger entry of kind expense per line, with the SHA-256 of
/// every original (<see cref="Documents"/>) in it. A proposal reserves what its lines ask for, so two proposals never
/// together take more than an allocation holds. Belongs to the allocations' commune (the unit scope). Never deleted.
/// </summary>
public class Expense : Security.IUnitOwned
{
    public int Id { get; set; }
    /// <summary>The commune of every allocation it draws from.</summary>
    public int AdminUnitId { get; set; }
    public string SupplierName { get; set; } = "";
    /// <summary>Mã số thuế: 10 digits, or 10 digits, a dash and a 3-digit branch ("0312345678-001").</summary>
    public string SupplierTaxCode { get; set; } = "";
    /// <summary>Ký hiệu hoá đơn of a Decree 123/2020 e-invoice, e.g. "1C26TAA".</summary>
    public string InvoiceSymbol { get; set; } = "";
    /// <summary>Số hoá đơn: up to 8 digits.</summary>
    public string InvoiceNumber { get; set; } = "";
    public DateOnly InvoiceDate { get; set; }
    /// <summary>When the money left (the ledger entries' value date).</summary>
    public DateOnly PaymentDate { get; set; }
    /// <summary>The sum of the lines.</summary>
    public long AmountVnd { get; set; }
    public string? Note { get; set; }

    public ExpenseState State { get; private set; } = ExpenseState.Proposed;
    public string ProposedById { get; set; } = "";
    public DateTime ProposedAt { get; set; }
    public string? DecidedById { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? RejectionReason { get; private set; }
    /// <summary>Who reversed the approved expense (hoàn chi), when and why. The reason stays private: never on the ledger.</summary>
    public string? ReversedById { get; private set; }
    public DateTime? ReversedAt { get; private set; }
    public string? ReversalReason { get; private set; }
    /// <summary>Approved, then undone by one reversal entry per line: what it paid is held by its allocations again.</summary>
    public bool IsReversed => ReversedAt is not null;
    /// <summary>Proposed, or approved and not reversed: what it asks for is taken from its allocations.</summary>
    public bool IsLive => State == ExpenseState.Proposed || (State == ExpenseState.Approved && !IsReversed);

    public ExpenseKind Kind { get; set; } = ExpenseKind.Invoice;
    /// <summary>
    /// An advance's invoice was filed (uploaded with its symbol, number and date) at this moment, after approval. Until then an
    /// advance's invoice symbol and number are empty and its invoice date holds the payment date.
    /// </summary>
    public DateTime? InvoiceFiledAt { get; set; }
    /// <summary>An approved advance, not reversed, still waiting for its invoice: flagged at 15 and 29 days, blocking at 31.</summary>
    public bool LacksInvoice => Kind == ExpenseKind.Advance && State == ExpenseState.Approved && !IsReversed && InvoiceFiledAt is null;

    public List<ExpenseLine> Lines { get; set; } = [];
    public List<ExpenseDocument> Documents { get; set; } = [];

    public const int SupplierNameLength = 200;
    public const int NoteLength = 500;
    public const int ReasonLength = 500;

    /// <summary>
    /// What the public statement says of it (the description of its ledger entries): the supplier and the invoice, nothing
    /// about a child — "HTX Ia Đal, hoá đơn 00000123 ngày 20/11/2026 (ký hiệu 1C26TAA)"; the trace shows "x ₫ đã chi: " before it.
    /// </summary>
    public string PublicDescription => Kind == ExpenseKind.Advance
        ? $"Tạm ứng: {SupplierName} (hoá đơn nộp sau)"
        : $"{SupplierName}, hoá đơn {InvoiceNumber} ngày {Text.VietnameseFormat.Date(InvoiceDate)} (ký hiệu {InvoiceSymbol})";

    /// <summary>Why <paramref name="approverId"/> may not approve (Vietnamese), or null when they may. Four eyes at every amount.</summary>
    public string? RefusalToApprove(string approverId)
    {
        if (State != ExpenseState.Proposed) return AlreadyDecided;
        if (approverId == ProposedById) return OwnProposal;
        return null;
    }

    public const string AlreadyDecided = "Đề xuất chi này đã được xử lý.";
    public const string OwnProposal = "Bạn là người đề xuất khoản chi này nên không được tự duyệt. Cần một cán bộ khác duyệt.";

    public void Approve(string approverId, DateTime at)
    {
        if (RefusalToApprove(approverId) is { } refusal) throw new InvalidOperationException(refusal);
        State = ExpenseState.Approved;
        DecidedById = approverId;
        DecidedAt = at;
    }

    /// <summary>
    /// What the public statement says of its reversal (hoàn chi): the supplier and the invoice, never the reason —
    /// "Hoàn chi: HTX Ia Đal, hoá đơn 00000123".
    /// </summary>
    public string PublicReversalDescription => InvoiceNumber.Length == 0
        ? $"Hoàn chi: {SupplierName}, tạm ứng"
        : $"Hoàn chi: {SupplierName}, hoá đơn {InvoiceNumber}";

    /// <summary>Why the expense cannot be reversed (Vietnamese), or null when it can: only an approved expense, once.</summary>
    public string? RefusalToReverse()
    {
        if (State != ExpenseState.Approved) return NotApproved;
        if (IsReversed) return AlreadyReversed;
        return null;
    }

    public const string NotApproved = "Chỉ hoàn được khoản chi đã duyệt.";
    public const string AlreadyReversed = "Khoản chi này đã được hoàn.";

    /// <summary>Records the reversal once every line names its reversal entry (the database checks it).</summary>
    public void Reverse(string deciderId, DateTime at, string reason)
    {
        if (RefusalToReverse() is { } refusal) throw new InvalidOperationException(refusal);
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A reversal needs its reason.", nameof(reason));
        ReversedById = deciderId;
        ReversedAt = at;
        ReversalReason = reason.Trim();
    }

    /// <summary>Anyone who may decide may reject, the proposer too (withdrawing it). Nothing is booked; what it reserved is free again.</summary>
    public void Reject(string deciderId, DateTime at, string reason)
    {
        if (State != ExpenseState.Proposed) throw new InvalidOperationException(AlreadyDecided);
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A rejection needs its reason.", nameof(reason));
        State = ExpenseState.Rejected;
        DecidedById = deciderId;
        DecidedAt = at;
        RejectionReason = reason.Trim();
    }
}

/// <summary>The part of an expense paid from one approved money allocation; its ledger entry once approved.</summary>
public class ExpenseLine
{
    public int Id { get; set; }
    public int ExpenseId { get; set; }
    public Expense? Expense { get; set; }
    public int AllocationId { get; set; }
    public Allocations.Allocation? Allocation { get; set; }
    public long AmountVnd { get; set; }
    /// <summary>
    /// For a money allocation to a need for goods (unit items: jackets, blankets): how many of the need's item this line's
    /// money bought, as the invoice says. Its expense entry carries the item and the quantity, and distributions of
    /// purchased goods (<see cref="Distributions.Distribution.StockLotId"/> null) hand over no more than the allocation's
    /// approved, unreversed expenses bought. Null for what is not goods (a transport bill, meals). Never changes.
    /// </summary>
    public int? Quantity { get; set; }
    /// <summary>The ledger entry of kind expense the approval wrote (source_sequence = the allocation's entry).</summary>
    public long? LedgerSequence { get; set; }
    /// <summary>The ledger entry of kind reversal that undid <see cref="LedgerSequence"/> (reverses_sequence = it), once the expense is reversed.</summary>
    public long? ReversalSequence { get; set; }
}

/// <summary>
/// An original document of an expense (invoice, proof of payment): what it is, its name, type and size, and the SHA-256 of
/// its bytes, which the ledger entries of the expense list. The bytes are in <see cref="ExpenseDocumentContent"/>, a
/// private table PublicSite never maps; BackOffice serves them to staff of the expense's commune only.
/// </summary>
public class ExpenseDocument
{
    public int Id { get; set; }
    public int ExpenseId { get; set; }
    public Expense? Expense { get; set; }
    public ExpenseDocumentKind Kind { get; set; }
    /// <summary>The name it was uploaded under, cleaned (shown to staff, used for the download).</summary>
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    /// <summary>Lower-case hex SHA-256 of the original bytes.</summary>
    public string Sha256 { get; set; } = "";
    public string UploadedById { get; set; } = "";
    public DateTime UploadedAt { get; set; }

    public const int FileNameLength = Ledger.OriginalFile.FileNameLength;
}

/// <summary>The bytes of an <see cref="ExpenseDocument"/>: kept apart so lists never load them and the audit trail never copies them.</summary>
public class ExpenseDocumentContent
{
    public int ExpenseDocumentId { get; set; }
    public byte[] Bytes { get; set; } = [];
}

/// <summary>
/// Public: the SHA-256 of the invoice filed after an advance was booked, beside its expense entry (one row per entry). The ledger
/// entry was written without the invoice and never changes, so the trace of a gift reads the hash here; the file stays private.
/// </summary>
public class PublicExpenseInvoice
{
    /// <summary>The ledger entry of kind expense the advance booked.</summary>
    public long ExpenseSequence { get; set; }
    public string Sha256 { get; set; } = "";
    /// <summary>The day it was filed, in Vietnam's calendar.</summary>
    public DateOnly FiledOn { get; set; }
}
