using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Donors;

namespace ChildAid.Shared.Contributions;

public enum ContributionMethod { Cash = 1, BankTransfer = 2, InKind = 3 }

/// <summary>How a gift reached the booking core: who or what asked for the receipt.</summary>
public enum ContributionChannel
{
    /// <summary>Recorded by staff on the receipt form.</summary>
    Staff = 1,
    /// <summary>A pledge paid by bank transfer (VietQR).</summary>
    Transfer = 2,
    /// <summary>A card payment through Stripe.</summary>
    Card = 3,
    /// <summary>A line of an imported bank statement matched to a pledge.</summary>
    BankStatement = 4,
    /// <summary>Money that arrived with no pledge, recorded from a bank line.</summary>
    Unsolicited = 5,
}

/// <summary>
/// Money or goods actually received (tiếp nhận), with its receipt number. Never edited once recorded:
/// a mistake is undone by a <see cref="ContributionReversal"/>, and both are ledger entries.
/// </summary>
public class Contribution : Security.IUnitOwned
{
    public int Id { get; set; }
    public required string ReceiptNumber { get; set; }
    public int FiscalYear { get; set; }
    public int ReceiptSequence { get; set; }
    public int DonorId { get; set; }
    public Donor? Donor { get; set; }
    /// <summary>Null: unrestricted gift.</summary>
    public int? CampaignId { get; set; }
    public Campaign? Campaign { get; set; }
    public ContributionMethod Method { get; set; }
    /// <summary>The value in whole đồng; for goods, the estimated value of all lines.</summary>
    public long AmountVnd { get; set; }
    /// <summary>ISO 4217 code of a foreign gift, with the amount as given and the rate used.</summary>
    public string? OriginalCurrency { get; set; }
    public decimal? OriginalAmount { get; set; }
    public decimal? ExchangeRate { get; set; }
    public DateOnly ReceivedOn { get; set; }
    /// <summary>The unit that received it; decides which staff see it.</summary>
    public int AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
    public string? Message { get; set; }
    public string? Note { get; set; }
    public List<ContributionGoodsLine> GoodsLines { get; set; } = [];
    public string RecordedById { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public long LedgerSequence { get; set; }
    public ContributionReversal? Reversal { get; set; }
    /// <summary>Set from the form that recorded it, so a double click or a resubmitted form books once.</summary>
    public Guid? IdempotencyKey { get; set; }
    public ContributionChannel Channel { get; set; } = ContributionChannel.Staff;
    /// <summary>
    /// The payment's id at its source ("stripe:pi_123", "bank:VCB:FT24…"), unique in the database, so a payment
    /// delivered twice (a webhook retry, a re-imported statement) is booked once.
    /// </summary>
    public string? ExternalId { get; set; }
    /// <summary>The pledge this gift pays, if any; the booking core records the payment on it in the same transaction.</summary>
    public int? PledgeId { get; set; }
    public Pledges.Pledge? Pledge { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>One kind of goods in an in-kind gift, e.g. 300 winter jackets for ages 6–10.</summary>
public class ContributionGoodsLine
{
    public int Id { get; set; }
    public int ContributionId { get; set; }
    public required string Item { get; set; }
    public int Quantity { get; set; }
    public required string Unit { get; set; }
    public long UnitValueVnd { get; set; }
}

/// <summary>Undoes a recorded receipt, with the reason; points at the receipt it cancels.</summary>
public class ContributionReversal
{
    public int Id { get; set; }
    public int ContributionId { get; set; }
    public required string Reason { get; set; }
    public string ReversedById { get; set; } = "";
    public DateTime ReversedAt { get; set; }
    public long LedgerSequence { get; set; }
}
