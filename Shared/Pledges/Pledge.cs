using ChildAid.Shared.Donors;

namespace ChildAid.Shared.Pledges;

public enum PledgeState { Pledged = 1, PartlyPaid = 2, Paid = 3, Cancelled = 4 }

/// <summary>
/// BackOffice's record of a pledge, made exactly once from a <see cref="PledgeIntake"/> row (intake id UNIQUE): the
/// donor it became, the campaign, what is owed and what has been paid. Belongs to the donor's unit.
/// </summary>
public class Pledge : Security.IUnitOwned
{
    public int Id { get; set; }
    public required string Reference { get; set; }
    public Guid IntakeId { get; set; }
    public int DonorId { get; set; }
    public Donor? Donor { get; set; }
    public int? CampaignId { get; set; }
    public Campaigns.Campaign? Campaign { get; set; }
    public int AdminUnitId { get; set; }
    public long AmountVnd { get; set; }
    public string Currency { get; set; } = "VND";
    public decimal? OriginalAmount { get; set; }
    public decimal? ExchangeRate { get; set; }
    public PledgeState Status { get; private set; } = PledgeState.Pledged;
    public long PaidVnd { get; private set; }
    /// <summary>The goods a business pledged (JSON as on the intake row, <see cref="PledgeLines.InKind"/>), with money or alone.</summary>
    public string? InKindLinesJson { get; set; }
    /// <summary>Instalments with their due dates, JSON as on the intake row.</summary>
    public string? InstalmentsJson { get; set; }
    /// <summary>The donor's message from the pledge form: every gift paying the pledge carries it (shown when the donor's display choice allows).</summary>
    public string? Message { get; set; }
    public DateTime CreatedAt { get; set; }

    public long OutstandingVnd => Math.Max(0, AmountVnd - PaidVnd);

    /// <summary>Goods and no money (a business's 300 jackets): its status follows the goods received, not payments.</summary>
    public bool IsGoodsOnly => AmountVnd == 0;

    /// <summary>
    /// Goods received so far against the pledge (<see cref="PledgeGoods"/>): a goods-only pledge is partly or wholly received by
    /// them; a pledge with money keeps following its money (its goods are shown line by line beside it).
    /// </summary>
    public void RecordGoods(IReadOnlyList<PledgeGoodsLine> standing)
    {
        if (!IsGoodsOnly || Status == PledgeState.Cancelled) return;
        Status = standing.Count > 0 && standing.All(l => l.IsComplete) ? PledgeState.Paid
            : standing.Any(l => l.ReceivedQuantity > 0) ? PledgeState.PartlyPaid : PledgeState.Pledged;
    }

    /// <summary>A payment against the pledge: the status follows what has been paid; a cancelled pledge takes none.</summary>
    public void RecordPayment(long amountVnd)
    {
        if (amountVnd <= 0) throw new ArgumentOutOfRangeException(nameof(amountVnd), "A payment is positive.");
        if (Status == PledgeState.Cancelled) throw new InvalidOperationException("A cancelled pledge takes no payment.");
        PaidVnd += amountVnd;
        // Money sent with a goods-only pledge is booked and shown, but the goods decide whether the pledge is kept.
        if (!IsGoodsOnly) Status = PaidVnd >= AmountVnd ? PledgeState.Paid : PledgeState.PartlyPaid;
    }

    /// <summary>A reversed payment comes off the pledge again (a refund, a receipt cancelled by mistake).</summary>
    public void ReversePayment(long amountVnd)
    {
        if (amountVnd <= 0 || amountVnd > PaidVnd) throw new ArgumentOutOfRangeException(nameof(amountVnd), "Only what was paid can be reversed.");
        PaidVnd -= amountVnd;
        if (Status != PledgeState.Cancelled && !IsGoodsOnly)
            Status = PaidVnd == 0 ? PledgeState.Pledged : PaidVnd >= AmountVnd ? PledgeState.Paid : PledgeState.PartlyPaid;
    }

    public void Cancel()
    {
        if (PaidVnd > 0 || IsGoodsOnly && Status != PledgeState.Pledged)
            throw new InvalidOperationException("A pledge with payments or goods received is not cancelled; its receipts are reversed first.");
        Status = PledgeState.Cancelled;
    }
}
