using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChildAid.Tests.Payments;

/// <summary>PublicSite with Stripe keys set (the webhook secret of <see cref="SignedStripeEvents"/>).</summary>
public abstract class StripeSiteTest(DatabaseProvider provider) : PublicSiteTest(provider)
{
    protected WebApplicationFactory<ChildAid.PublicSite.Program> StripeSite() => Site.WithWebHostBuilder(b =>
    {
        b.UseSetting("Stripe:SecretKey", "sk_test_childaid");
        b.UseSetting("Stripe:WebhookSecret", SignedStripeEvents.Secret);
    });
}

/// <summary>Stripe's webhook on PublicSite: only signed, fresh deliveries reach the inbox, and each event once.</summary>
public abstract class StripeWebhookTests(DatabaseProvider provider) : StripeSiteTest(provider)
{

    private Task<int> StoredEventsAsync() => WithDbAsync(db => db.StripeEvents.CountAsync());

    [Fact]
    public async Task A_signed_event_delivered_ten_times_at_once_is_stored_once_and_every_delivery_is_answered_200()
    {
        var client = StripeSite().CreateClient();
        var payload = SignedStripeEvents.CheckoutCompleted("evt_once", "pi_once", 200_000, "vnd", "CA7K3M9QX", DateTimeOffset.UtcNow);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.SendAsync(SignedStripeEvents.Delivery(payload, DateTimeOffset.UtcNow))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var stored = await WithDbAsync(db => db.StripeEvents.AsNoTracking().SingleAsync());
        Assert.Equal("evt_once", stored.EventId);
        Assert.Equal("checkout.session.completed", stored.Type);
        Assert.Equal(payload, stored.Payload);
        Assert.Null(stored.ProcessedAt);
    }

    [Fact]
    public async Task A_delivery_signed_with_another_secret_is_refused_with_400_and_nothing_is_stored()
    {
        var client = StripeSite().CreateClient();
        var payload = SignedStripeEvents.CheckoutCompleted("evt_forged", "pi_forged", 200_000, "vnd", "CA7K3M9QX", DateTimeOffset.UtcNow);

        var answer = await client.SendAsync(SignedStripeEvents.Delivery(payload, DateTimeOffset.UtcNow, secret: "whsec_an_attackers_guess"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(0, await StoredEventsAsync());
    }

    [Fact]
    public async Task A_payload_changed_after_signing_is_refused_with_400()
    {
        var client = StripeSite().CreateClient();
        var payload = SignedStripeEvents.CheckoutCompleted("evt_changed", "pi_changed", 200_000, "vnd", "CA7K3M9QX", DateTimeOffset.UtcNow);
        var delivery = SignedStripeEvents.Delivery(payload, DateTimeOffset.UtcNow);
        delivery.Content = new StringContent(payload.Replace("200000", "900000000", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");

        var answer = await client.SendAsync(delivery);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(0, await StoredEventsAsync());
    }

    [Fact]
    public async Task A_stale_signature_older_than_the_tolerance_is_refused_with_400_and_nothing_is_stored()
    {
        var client = StripeSite().CreateClient();
        var signedAt = DateTimeOffset.UtcNow.AddSeconds(-400);
        var payload = SignedStripeEvents.CheckoutCompleted("evt_stale", "pi_stale", 200_000, "vnd", "CA7K3M9QX", signedAt);

        var answer = await client.SendAsync(SignedStripeEvents.Delivery(payload, signedAt));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(0, await StoredEventsAsync());
    }

    [Fact]
    public async Task A_delivery_without_a_signature_header_is_refused_with_400()
    {
        var client = StripeSite().CreateClient();
        var payload = SignedStripeEvents.CheckoutCompleted("evt_unsigned", "pi_unsigned", 200_000, "vnd", "CA7K3M9QX", DateTimeOffset.UtcNow);

        var answer = await client.PostAsync("/api/v1/stripe/webhook", new StringContent(payload, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(0, await StoredEventsAsync());
    }

    [Fact]
    public async Task Without_Stripe_keys_the_webhook_does_not_exist()
    {
        var payload = SignedStripeEvents.CheckoutCompleted("evt_off", "pi_off", 200_000, "vnd", "CA7K3M9QX", DateTimeOffset.UtcNow);

        var answer = await Client().SendAsync(SignedStripeEvents.Delivery(payload, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal(0, await StoredEventsAsync());
    }
}

public class StripeWebhookTestsOnSqlite() : StripeWebhookTests(DatabaseProvider.Sqlite);

public class StripeWebhookTestsOnPostgres() : StripeWebhookTests(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task The_intake_login_can_store_events_but_never_read_them_back()
    {
        await using var conn = new NpgsqlConnection(Db.IntakeConnectionString);
        await conn.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO stripe_events (event_id, type, payload, stripe_created_at, received_at, attempts) VALUES ('evt_x', 't', '{}', now(), now(), 0) ON CONFLICT DO NOTHING", conn);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());

        foreach (var sql in new[] { "SELECT payload FROM stripe_events", "UPDATE stripe_events SET payload = ''", "DELETE FROM stripe_events", "SELECT name FROM donors" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            var error = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
    }

    [Fact]
    public async Task The_public_reader_login_cannot_read_the_inbox()
    {
        await using var conn = new NpgsqlConnection(Db.PublicConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT payload FROM stripe_events", conn);
        var error = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }
}
