namespace ChildAid.Shared.Payments.Stripe;

/// <summary>What BackOffice made of a stored Stripe event.</summary>
public enum StripeEventOutcome
{
    /// <summary>A paid checkout became a contribution (or found the one booked before for the same payment).</summary>
    Booked = 1,
    /// <summary>A refund became a ledger reversal of the contribution (or found it reversed already).</summary>
    Reversed = 2,
    /// <summary>A payment that failed or expired: nothing to book, kept for the record.</summary>
    NotPaid = 3,
    /// <summary>An event type ChildAid does not act on.</summary>
    Ignored = 4,
    /// <summary>Could not be booked after every retry, or needs a person (a partial refund): see <see cref="StripeEvent.LastError"/>.</summary>
    Failed = 5,
}

/// <summary>
/// One Stripe webhook delivery, stored raw by PublicSite once its signature checked out, keyed by Stripe's event id
/// (a redelivery of the same event adds nothing). PublicSite may only insert these rows; BackOffice's
/// <see cref="StripeEventProcessor"/> reads them, books, and records the outcome on the row.
/// </summary>
public class StripeEvent
{
    public const int MaxAttempts = 10;
    public const int LastErrorLength = 1000;

    /// <summary>Stripe's event id (evt_…): the primary key, so the database itself refuses a second copy.</summary>
    public required string EventId { get; set; }
    public required string Type { get; set; }
    /// <summary>The JSON exactly as Stripe signed it (holds the payer's name and e-mail: personal data, never public).</summary>
    public required string Payload { get; set; }
    /// <summary>When Stripe created the event (UTC): the order events are worked in, whatever order they arrived in.</summary>
    public DateTime StripeCreatedAt { get; set; }
    public DateTime ReceivedAt { get; set; }

    public DateTime? ProcessedAt { get; set; }
    public StripeEventOutcome? Outcome { get; set; }
    public int? ContributionId { get; set; }
    public int Attempts { get; set; }
    /// <summary>A processor working on the row (or waiting to retry it) until then; no other node takes it meanwhile.</summary>
    public DateTime? ClaimedUntil { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// Staff send an event the worker gave up on back to it, as new, once the cause is mended; <paramref name="why"/> (who sent it
    /// back when, and the error it had failed with) becomes <see cref="LastError"/>. False when the event did not fail.
    /// </summary>
    public bool SendBack(string why)
    {
        if (Outcome != StripeEventOutcome.Failed) return false;
        (ProcessedAt, Outcome, Attempts, ClaimedUntil) = (null, null, 0, null);
        LastError = why.Length > LastErrorLength ? why[..LastErrorLength] : why;
        return true;
    }
}
