namespace ChildAid.Shared.Pledges;

/// <summary>
/// The <c>pledge_status</c> view: what anyone holding a reference may learn about it — nothing personal. Status is
/// "Received" until BackOffice has made the pledge, then the pledge's own status (<see cref="PledgeState"/>); "Failed"
/// when BackOffice could not make a pledge of the row (the reason stays with staff: it may name the donor's details).
/// </summary>
public class PledgeStatus
{
    public const string View = "pledge_status";
    public const string Received = "Received";
    public const string Failed = "Failed";

    public required string Reference { get; set; }
    public long AmountVnd { get; set; }
    public required string Currency { get; set; }
    public required string Status { get; set; }
    public string? CampaignSlug { get; set; }
    /// <summary>Paid so far (0 until BackOffice made the pledge).</summary>
    public long PaidVnd { get; set; }
    /// <summary>For USD/EUR: what the donor typed, and the đồng per unit it was converted at.</summary>
    public decimal? OriginalAmount { get; set; }
    public decimal? ExchangeRate { get; set; }

    public long OutstandingVnd => Math.Max(0, AmountVnd - PaidVnd);

    /// <summary>A business pledge's instalments (due dates and amounts; nothing personal), JSON as on the intake row.</summary>
    public string? InstalmentsJson { get; set; }

    /// <summary>The instalments with what has been paid towards each (oldest due first); empty for a pledge paid at once.</summary>
    public IReadOnlyList<InstalmentStanding> Instalments => PledgeLines.Standing(PledgeLines.Instalments(InstalmentsJson), PaidVnd);

    /// <summary>
    /// What a transfer should carry now — the pledge page's amount, its QR code and the reminder's pay link agree on it: the
    /// rest of the next unpaid instalment, or for a pledge paid at once all that is still owed.
    /// </summary>
    public long DueNowVnd => Instalments.FirstOrDefault(i => !i.IsPaid) is { } next ? next.OutstandingVnd : OutstandingVnd;

    /// <summary>The intake row's <see cref="PledgeIntake.IdempotencyKeyHash"/>: how a retry finds the pledge it made.</summary>
    public string? IdempotencyKeyHash { get; set; }
}
