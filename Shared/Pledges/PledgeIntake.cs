using ChildAid.Shared.Donors;

namespace ChildAid.Shared.Pledges;

public enum PaymentChannel { Transfer = 1, Card = 2 }

/// <summary>What BackOffice made of an intake row: the pledge, or nothing (with the reason, for staff).</summary>
public enum PledgeIntakeOutcome { Pledged = 1, Failed = 2 }

/// <summary>
/// A pledge as PublicSite received it: the one row PublicSite may write (its login may INSERT here and nothing else).
/// The id is made by PublicSite, so a retry carries the same row; BackOffice's <see cref="Pledge"/> is made from it once.
/// Personal data: PublicSite can write it but never read it back (the intake role has no SELECT on this table).
/// </summary>
public class PledgeIntake
{
    public const int MaxMessageLength = 500;

    public Guid Id { get; set; }
    /// <summary><see cref="PledgeReference"/>, UNIQUE.</summary>
    public required string Reference { get; set; }
    /// <summary>
    /// SHA-256 (hex) of the client's Idempotency-Key, UNIQUE when present: the database, not a pre-check, decides that a
    /// request is a retry. Hashed because the status view shows it (the intake login cannot read this table, so a
    /// retry finds its pledge through the view), and the key itself stays the client's secret.
    /// </summary>
    public string? IdempotencyKeyHash { get; set; }

    public static string HashIdempotencyKey(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
    public string? CampaignSlug { get; set; }
    /// <summary>The public reference of the need line the donor gave to, when they came from the needs list.</summary>
    public string? NeedReference { get; set; }
    /// <summary>What the donor pledged in đồng (for USD/EUR: converted at <see cref="ExchangeRate"/>).</summary>
    public long AmountVnd { get; set; }
    /// <summary>VND, USD or EUR.</summary>
    public string Currency { get; set; } = "VND";
    public decimal? OriginalAmount { get; set; }
    public decimal? ExchangeRate { get; set; }
    public DisplayChoice Display { get; set; }
    public string? Message { get; set; }
    public DonorKind DonorKind { get; set; }
    public required string DonorName { get; set; }
    public string? DonorEmail { get; set; }
    public string? DonorPhone { get; set; }
    public string? DonorTaxCode { get; set; }
    public string? DonorAddress { get; set; }
    public DonorOrigin Origin { get; set; }
    public PaymentChannel Channel { get; set; }
    /// <summary>Asked for campaign updates (double opt-in: the mail confirms before anything is sent).</summary>
    public bool FollowCampaign { get; set; }
    /// <summary>Business instalments, JSON [{ "due": "yyyy-MM-dd", "amountVnd": n }], else null.</summary>
    public string? InstalmentsJson { get; set; }
    /// <summary>In-kind lines, JSON [{ "item": "…", "quantity": n, "unit": "…", "sizeBand": "…", "delivery": "…" }], else null.</summary>
    public string? InKindLinesJson { get; set; }
    public DateTime ReceivedAt { get; set; }

    // BackOffice's side of the inbox (PublicSite inserts the defaults and can never read them back).
    // Settled once: Pledged with the pledge in the same transaction, or Failed with the reason; never retried after.
    public const int MaxAttempts = 8;
    public DateTime? ProcessedAt { get; set; }
    public PledgeIntakeOutcome? Outcome { get; set; }
    /// <summary>Why the row could not become a pledge (Vietnamese, shown to staff), or the last error while it is retried.</summary>
    public string? Failure { get; set; }
    public int Attempts { get; set; }
    /// <summary>After an unexpected error: not tried again before this instant (back-off).</summary>
    public DateTime? RetryAfter { get; set; }
}
