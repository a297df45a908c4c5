namespace ChildAid.Shared.Pledges;

/// <summary>
/// The <c>pledge_status</c> view: what anyone holding a reference may learn about it — nothing personal. Status is
/// "Received" until BackOffice has made the pledge, then the pledge's own status (<see cref="PledgeState"/>).
/// </summary>
public class PledgeStatus
{
    public const string View = "pledge_status";
    public const string Received = "Received";

    public required string Reference { get; set; }
    public long AmountVnd { get; set; }
    public required string Currency { get; set; }
    public required string Status { get; set; }
    public string? CampaignSlug { get; set; }
    /// <summary>The intake row's <see cref="PledgeIntake.IdempotencyKeyHash"/>: how a retry finds the pledge it made.</summary>
    public string? IdempotencyKeyHash { get; set; }
}
