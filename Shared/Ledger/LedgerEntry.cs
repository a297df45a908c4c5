namespace ChildAid.Shared.Ledger;

/// <summary>Kinds of movement. Their canonical names are part of the hash and never change.</summary>
public enum LedgerEntryKind
{
    Receipt = 1,
    Reversal = 2,
}

/// <summary>
/// One line of the public statement (sao kê công khai). Append-only and hash-chained: each entry's hash
/// covers its canonical form, which includes the previous entry's hash (see <see cref="LedgerCanonicalForm"/>).
/// Public data: everything here may be published.
/// </summary>
public class LedgerEntry
{
    public long Sequence { get; set; }
    public DateTime RecordedAt { get; set; }
    /// <summary>The business date: when the money or goods were received.</summary>
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
    /// <summary>The donor's name as their display choice allows beside an amount; empty means anonymous.</summary>
    public string DonorDisplay { get; set; } = "";
    public long? ReversesSequence { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
    /// <summary>Folded donor, description and receipt number for search. Not hashed: derived data.</summary>
    public string SearchText { get; set; } = "";
}

/// <summary>The single row that says where the chain ends. Appenders lock it first, so appends are serial.</summary>
public class LedgerHead
{
    public int Id { get; set; }
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = LedgerCanonicalForm.GenesisHash;
}
