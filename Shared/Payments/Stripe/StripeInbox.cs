using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.Payments.Stripe;

/// <summary>
/// PublicSite's only way to the Stripe inbox: it can add an event and nothing else (no DbSet to read, and on
/// PostgreSQL its intake login holds INSERT on stripe_events only).
/// </summary>
public sealed class StripeInboxDbContext(DbContextOptions<StripeInboxDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder) =>
        new StripeEventConfiguration().Configure(builder.Entity<StripeEvent>());
}

public sealed class StripeInbox(StripeInboxDbContext db)
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

public static class StripeInboxServices
{
    /// <summary>
    /// For PublicSite: the inbox over <c>Database:IntakeConnectionString</c> (PostgreSQL: a login in role
    /// childaid_intake), or the main connection string when that is empty (SQLite, development).
    /// </summary>
    public static IServiceCollection AddStripeInbox(this IServiceCollection services, DatabaseOptions options)
    {
        var connectionString = string.IsNullOrWhiteSpace(options.IntakeConnectionString) ? options.ResolvedConnectionString() : options.IntakeConnectionString;
        services.AddDbContext<StripeInboxDbContext>(o =>
        {
            if (options.Provider == DatabaseProvider.Postgres) DataServiceCollectionExtensions.ConfigurePostgres(o, connectionString);
            else DataServiceCollectionExtensions.ConfigureSqlite(o, connectionString);
        });
        services.AddScoped<StripeInbox>();
        return services;
    }
}
