namespace ChildAid.Shared.BankStatements;

/// <summary>What became of a statement line.</summary>
public enum BankLineStatus
{
    /// <summary>Money out (or zero): kept for the record, never a gift.</summary>
    Debit = 1,
    /// <summary>A credit waiting in the queue: no pledge found for it yet.</summary>
    Unmatched = 2,
    /// <summary>Booked as a payment of a pledge.</summary>
    Matched = 3,
    /// <summary>Booked as a gift nobody pledged (a known or new donor, or anonymous).</summary>
    Unsolicited = 4,
    /// <summary>
    /// Staff had recorded this transfer by hand before the statement came (from the bank app): the line is linked to
    /// that receipt instead of being booked again.
    /// </summary>
    AlreadyRecorded = 5,
}

/// <summary>
/// One transaction of an imported statement, stored once per account: <see cref="DedupeKey"/> is the bank's transaction
/// id ("id:FT26335…") or, when the export has none, a hash of date, amount, description and running balance
/// ("h:…", with "#2", "#3" for identical lines within one file), UNIQUE per account, so the same lines imported again are
/// refused by the database as well as by the import's check. Only credits become gifts; a booked line keeps its
/// contribution.
/// </summary>
public class BankStatementLine : Security.IUnitOwned
{
    public long Id { get; set; }
    public int BankAccountId { get; set; }
    public int ImportId { get; set; }
    /// <summary>The receiving unit (the account's), for the unit scope of the queue.</summary>
    public int AdminUnitId { get; set; }
    public int RowNumber { get; set; }
    public DateOnly TransactionDate { get; set; }
    public string? TransactionId { get; set; }
    public required string DedupeKey { get; set; }
    public required string Description { get; set; }
    public string? Counterparty { get; set; }
    /// <summary>Credits positive, debits negative, whole đồng.</summary>
    public long AmountVnd { get; set; }
    public long? BalanceVnd { get; set; }
    public BankLineStatus Status { get; set; }
    /// <summary>The pledge reference found in the description (even when no such pledge exists).</summary>
    public string? FoundReference { get; set; }
    public int? PledgeId { get; set; }
    public int? ContributionId { get; set; }

    public const int MaxDedupeKeyLength = 120;
}

/// <summary>One uploaded statement file: who imported what into which account, and how many lines it held.</summary>
public class BankStatementImport : Security.IUnitOwned
{
    public int Id { get; set; }
    public int BankAccountId { get; set; }
    public int AdminUnitId { get; set; }
    public required string FileName { get; set; }
    public DateTime ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
    public int LineCount { get; set; }
    public int CreditCount { get; set; }
}
