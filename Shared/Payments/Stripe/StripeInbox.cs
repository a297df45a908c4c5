using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Payments.Stripe;

/// <summary>
/// PublicSite's only way to the Stripe inbox: it can add an event and nothing else. It goes through the one intake
/// context (<see cref="IntakeDbContext"/>, <c>Database:IntakeConnectionString</c>; on PostgreSQL a login in role
/// childaid_intake, which holds INSERT on stripe_events and no SELECT).
/// </summary>
public sealed class StripeInbox(IntakeDbContext db)
{
    /// <summary>
    /// Stores a verified event. ON CONFLICT DO NOTHING (no conflict target, which would need SELECT): the primary key
    /// decides, so ten simultaneous deliveries of one event leave one row and each of them is answered 200.
    /// </summary>
    /// <returns>True when this delivery added the row, false for a redelivery.</returns>
    public async Task<bool> AddAsync(string eventId, string type, string payload, DateTime stripeCreatedAt, DateTime receivedAt, CancellationToken ct)
    {
        var added = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO stripe_events (event_id, type, payload, stripe_created_at, received_at, attempts) VALUES ({eventId}, {type}, {payload}, {stripeCreatedAt}, {receivedAt}, 0) ON CONFLICT DO NOTHING",
            ct);
        return added == 1;
    }
}
