namespace ChildAid.Shared.Ledger;

/// <summary>
/// Kinds of movement. Their canonical names (<see cref="LedgerCanonicalForm.KindName"/>) are part of the hash and
/// never change. Allocation, expense, stock movement and distribution are declared now, with their fields in
/// canonical form v2, so the issues that record them add entries, not a new format.
/// </summary>
public enum LedgerEntryKind
{
    /// <summary>Never written: what a reader makes of a kind it does not know, so a verifier can say so.</summary>
    Unknown = 0,
    Receipt = 1,
    Reversal = 2,
    Allocation = 3,
    Expense = 4,
    StockMovement = 5,
    Distribution = 6,
}

/// <summary>
/// One line of the public statement (sao kê công khai). Append-only and hash-chained: each entry's hash
/// covers its canonical form, which includes the previous entry's hash (see <see cref="LedgerCanonicalForm"/>).
/// The database refuses every UPDATE and DELETE except a name erasure (see <see cref="LedgerNameErasure"/>).
/// Public data: everything here may be published.
/// </summary>
public class LedgerEntry
{
    public long Sequence { get; set; }
    /// <summary>1 or 2 (<see cref="LedgerCanonicalForm.CurrentVersion"/> for new entries). Old entries keep theirs.</summary>
    public int FormatVersion { get; set; } = 1;
    public DateTime RecordedAt { get; set; }
    /// <summary>The business date: when the money or goods were received, spent or handed over.</summary>
    public DateOnly ValueDate { get; set; }
    public LedgerEntryKind Kind { get; set; }
    /// <summary>Signed whole đồng: receipts positive, reversals negative.</summary>
    public long AmountVnd { get; set; }
    public string? Currency { get; set; }
    public decimal? OriginalAmount { get; set; }
    public decimal? ExchangeRate { get; set; }
    public int? CampaignId { get; set; }
    public string? ReceiptNumber { get; set; }
    public string Description { get; set; } = "";
    /// <summary>
    /// The donor's name as their display choice allows beside an amount; empty means anonymous; null means erased
    /// (v2 only: the entry keeps <see cref="DonorCommitment"/>, so its hash still verifies).
    /// </summary>
    public string? DonorDisplay { get; set; } = "";
    /// <summary>v2: hex of the random salt of <see cref="DonorCommitment"/>; null when anonymous or erased.</summary>
    public string? DonorSalt { get; set; }
    /// <summary>v2: hex SHA-256(salt ‖ UTF-8 NFC name); hashed instead of the name. Null when anonymous.</summary>
    public string? DonorCommitment { get; set; }
    public long? ReversesSequence { get; set; }
    /// <summary>v2: official code of the administrative unit the movement concerns (allocations, expenses, stock, distributions).</summary>
    public string? UnitCode { get; set; }
    /// <summary>v2: the goods item (stock movements, distributions, goods bought by an expense).</summary>
    public string? Item { get; set; }
    /// <summary>v2: signed quantity of <see cref="Item"/>, at most 3 decimals.</summary>
    public decimal? Quantity { get; set; }
    public string? UnitOfMeasure { get; set; }
    /// <summary>v2: the public reference of the need an allocation, expense or distribution answers.</summary>
    public string? NeedReference { get; set; }
    /// <summary>v2: the sequence of the entry this one draws from (an allocation's receipt, a distribution's stock movement).</summary>
    public long? SourceSequence { get; set; }
    /// <summary>
    /// v2, optional: the SHA-256 of each original document behind the movement (an expense's invoice and proof of payment),
    /// lower-case hex, sorted, joined by commas (<see cref="LedgerDocuments"/>). Hashed only when present, so every entry
    /// written without it hashes exactly as before; the originals stay private, and a disclosed one can be checked here.
    /// </summary>
    public string? Documents { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
    /// <summary>Folded donor, description and receipt number for search. Not hashed: derived data.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>
    /// The entries that move money in: receipts and a receipt's own reversal. An allocation's reversal is of kind reversal
    /// too, but draws from a receipt (source_sequence set): it moves money back to "not allocated", not out of the fund.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<LedgerEntry, bool>> IsGiving =
        e => e.Kind == LedgerEntryKind.Receipt || (e.Kind == LedgerEntryKind.Reversal && e.SourceSequence == null);

    /// <summary>v2 and the name was erased: commitment kept, name and salt gone.</summary>
    public bool IsNameErased => DonorDisplay is null && DonorCommitment is not null;
}

/// <summary>The single row that says where the chain ends. Appenders lock it first, so appends are serial.</summary>
public class LedgerHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = LedgerCanonicalForm.GenesisHash;
}
