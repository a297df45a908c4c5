using System.Net;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Payments.Stripe;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.Payments;

/// <summary>
/// From Stripe's deliveries (through the real webhook) to the books: however many times and in whatever order Stripe
/// delivers, and however many processors run at once, one payment is one contribution and one refund one reversal.
/// On PostgreSQL the processor runs as BackOffice's login (childaid_app) and the webhook as the intake login.
/// </summary>
public abstract class StripeEventProcessorTests(DatabaseProvider provider) : StripeSiteTest(provider)
{
    private const string UnitCode = "99001";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ServiceProvider? _processing;

    private ServiceProvider Processing => _processing ??= Db.Services(s =>
    {
        s.AddSingleton<TimeProvider>(_clock);
        s.Configure<StripeOptions>(o => (o.SecretKey, o.WebhookSecret, o.ReceivingUnitCode) = ("sk_test_childaid", SignedStripeEvents.Secret, UnitCode));
        s.AddSingleton<StripeEventProcessor>();
    }, asApp: true);

    private StripeEventProcessor Processor => Processing.GetRequiredService<StripeEventProcessor>();

    public override async Task DisposeAsync()
    {
        if (_processing is not null) await _processing.DisposeAsync();
        await base.DisposeAsync();
    }

    private Task ArrangeUnitAsync() => WithDbAsync(db => TestData.UnitAsync(db, "Huyện Ia H'Drai", code: UnitCode));

    private async Task DeliverAsync(HttpClient client, IEnumerable<string> payloads)
    {
        var answers = await Task.WhenAll(payloads.Select(p => client.SendAsync(SignedStripeEvents.Delivery(p, DateTimeOffset.UtcNow))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }

    private Task<List<Contribution>> ContributionsAsync(string paymentIntent) =>
        WithDbAsync(db => db.Contributions.IgnoreQueryFilters().AsNoTracking().Where(c => c.ExternalId == "stripe:" + paymentIntent).ToListAsync());

    [Fact]
    public async Task A_paid_checkout_delivered_ten_times_concurrently_out_of_order_and_worked_by_three_processors_books_one_contribution()
    {
        await ArrangeUnitAsync();
        var campaign = await CampaignAsync();
        var client = StripeSite().CreateClient();
        var created = DateTimeOffset.UtcNow.AddMinutes(-2);
        var completed = SignedStripeEvents.CheckoutCompleted("evt_completed", "pi_ten", 500_000, "vnd", "CA7K3M9QX", created, campaign: campaign.Slug);
        // The same payment also reported by a second event type: a different event id, the same PaymentIntent.
        var succeeded = SignedStripeEvents.CheckoutCompleted("evt_async", "pi_ten", 500_000, "vnd", "CA7K3M9QX", created.AddSeconds(5),
            campaign: campaign.Slug, type: "checkout.session.async_payment_succeeded");
        var deliveries = Enumerable.Repeat(completed, 10).Concat(Enumerable.Repeat(succeeded, 10)).OrderBy(_ => Random.Shared.Next()).ToList();

        await DeliverAsync(client, deliveries);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Processor.ProcessPendingAsync())));

        var contribution = Assert.Single(await ContributionsAsync("pi_ten"));
        Assert.Equal(500_000, contribution.AmountVnd);
        Assert.Equal(ContributionChannel.Card, contribution.Channel);
        Assert.Equal(campaign.Id, contribution.CampaignId);
        var events = await WithDbAsync(db => db.StripeEvents.AsNoTracking().OrderBy(e => e.EventId).ToListAsync());
        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            Assert.NotNull(e.ProcessedAt);
            Assert.Equal(StripeEventOutcome.Booked, e.Outcome);
            Assert.Equal(contribution.Id, e.ContributionId);
        });
        Assert.Equal(1, await WithDbAsync(db => db.LedgerEntries.CountAsync(l => l.ReceiptNumber == contribution.ReceiptNumber && l.Kind == LedgerEntryKind.Receipt)));
        var donor = await WithDbAsync(db => db.Donors.IgnoreQueryFilters().AsNoTracking().SingleAsync(d => d.Id == contribution.DonorId));
        Assert.Equal("john.smith@example.com", donor.Email);
        Assert.Equal(1, await WithDbAsync(db => db.Donors.IgnoreQueryFilters().CountAsync(d => d.Email == "john.smith@example.com")));
        // One receipt mail (and one thank-you) for the one payment, however many deliveries and processors.
        var mails = await WithDbAsync(db => db.MailOutbox.AsNoTracking().Where(m => m.ToAddress == "john.smith@example.com").Select(m => m.Kind).ToListAsync());
        Assert.Equal([Shared.Mail.MailMessageKind.Receipt, Shared.Mail.MailMessageKind.ThankYou], mails.Order());
    }

    [Fact]
    public async Task A_failed_or_expired_payment_and_a_session_completed_unpaid_book_nothing_until_the_money_arrives()
    {
        await ArrangeUnitAsync();
        var campaign = await CampaignAsync();
        var client = StripeSite().CreateClient();
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var unpaid = SignedStripeEvents.CheckoutCompleted("evt_unpaid", "pi_slow", 400_000, "vnd", "CA7K3M9QX", at, campaign: campaign.Slug, paymentStatus: "unpaid");
        var expired = SignedStripeEvents.CheckoutCompleted("evt_expired", "pi_gone", 400_000, "vnd", "CAB4NH2TG", at, campaign: campaign.Slug,
            paymentStatus: "unpaid", type: "checkout.session.expired");
        var asyncFailed = SignedStripeEvents.CheckoutCompleted("evt_async_failed", "pi_bank", 400_000, "vnd", "CAW5CF8JC", at, campaign: campaign.Slug,
            paymentStatus: "unpaid", type: "checkout.session.async_payment_failed");
        var declined = SignedStripeEvents.Event("evt_declined", "payment_intent.payment_failed", at, new Dictionary<string, object?>
        {
            ["id"] = "pi_declined", ["object"] = "payment_intent", ["amount"] = 400_000, ["currency"] = "vnd", ["status"] = "requires_payment_method",
        });

        await DeliverAsync(client, [unpaid, expired, asyncFailed, declined]);
        await Processor.ProcessPendingAsync();

        var events = await WithDbAsync(db => db.StripeEvents.AsNoTracking().ToDictionaryAsync(e => e.EventId));
        Assert.Equal(StripeEventOutcome.Ignored, events["evt_unpaid"].Outcome); // a delayed method: its async_payment_succeeded books it
        Assert.All(new[] { "evt_expired", "evt_async_failed", "evt_declined" }, id =>
        {
            Assert.Equal(StripeEventOutcome.NotPaid, events[id].Outcome);
            Assert.NotNull(events[id].ProcessedAt);
            Assert.Null(events[id].ContributionId);
        });
        Assert.Equal(0, await WithDbAsync(db => db.Contributions.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(0, await WithDbAsync(db => db.LedgerEntries.CountAsync()));
        Assert.Equal(0, await WithDbAsync(db => db.MailOutbox.CountAsync()));

        // The delayed payment's money arrives: booked once, on the same PaymentIntent.
        await DeliverAsync(client, [SignedStripeEvents.CheckoutCompleted("evt_slow_paid", "pi_slow", 400_000, "vnd", "CA7K3M9QX", at.AddMinutes(5),
            campaign: campaign.Slug, type: "checkout.session.async_payment_succeeded")]);
        await Processor.ProcessPendingAsync();
        Assert.Equal(400_000, Assert.Single(await ContributionsAsync("pi_slow")).AmountVnd);
    }

    [Fact]
    public async Task A_refund_delivered_before_its_payment_waits_then_becomes_one_ledger_reversal()
    {
        await ArrangeUnitAsync();
        var client = StripeSite().CreateClient();
        var paidAt = DateTimeOffset.UtcNow.AddMinutes(-3);
        var refund = SignedStripeEvents.ChargeRefunded("evt_refund", "pi_back", 300_000, 300_000, "vnd", paidAt.AddMinutes(1));
        var completed = SignedStripeEvents.CheckoutCompleted("evt_paid", "pi_back", 300_000, "vnd", "CA7K3M9QX", paidAt);

        await DeliverAsync(client, Enumerable.Repeat(refund, 10));
        Assert.Equal(0, await Processor.ProcessPendingAsync());
        Assert.Empty(await ContributionsAsync("pi_back"));

        await DeliverAsync(client, Enumerable.Repeat(completed, 10));
        _clock.Advance(TimeSpan.FromMinutes(1)); // past the refund's back-off
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Processor.ProcessPendingAsync())));
        // A processor may have tried the refund while another was still booking the payment: it waits its back-off.
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Processor.ProcessPendingAsync();
        await DeliverAsync(client, [refund]); // Stripe delivers once more after everything was booked

        var contribution = Assert.Single(await ContributionsAsync("pi_back"));
        var reversal = await WithDbAsync(db => db.ContributionReversals.AsNoTracking().SingleAsync(r => r.ContributionId == contribution.Id));
        Assert.Contains("Stripe", reversal.Reason, StringComparison.Ordinal);
        var entries = await WithDbAsync(db => db.LedgerEntries.AsNoTracking().Where(l => l.ReceiptNumber == contribution.ReceiptNumber).OrderBy(l => l.Sequence).ToListAsync());
        Assert.Equal([LedgerEntryKind.Receipt, LedgerEntryKind.Reversal], entries.Select(e => e.Kind));
        Assert.Equal(-300_000, entries[1].AmountVnd);
        var refundRow = await WithDbAsync(db => db.StripeEvents.AsNoTracking().SingleAsync(e => e.EventId == "evt_refund"));
        Assert.Equal(StripeEventOutcome.Reversed, refundRow.Outcome);
        Assert.InRange(refundRow.Attempts, 2, 3);
    }

    [Fact]
    public async Task A_partial_refund_is_recorded_as_needing_a_person_and_reverses_nothing()
    {
        await ArrangeUnitAsync();
        var client = StripeSite().CreateClient();
        var paidAt = DateTimeOffset.UtcNow.AddMinutes(-3);
        await DeliverAsync(client, [SignedStripeEvents.CheckoutCompleted("evt_p", "pi_part", 300_000, "vnd", "CA7K3M9QX", paidAt),
            SignedStripeEvents.ChargeRefunded("evt_r", "pi_part", 300_000, 100_000, "vnd", paidAt.AddMinutes(1))]);

        await Processor.ProcessPendingAsync();

        Assert.Equal(0, await WithDbAsync(db => db.ContributionReversals.CountAsync()));
        var row = await WithDbAsync(db => db.StripeEvents.AsNoTracking().SingleAsync(e => e.EventId == "evt_r"));
        Assert.Equal(StripeEventOutcome.Failed, row.Outcome);
        Assert.Contains("một phần", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_payment_of_a_pledge_is_booked_on_the_pledge_for_the_pledges_donor_and_campaign_once()
    {
        await ArrangeUnitAsync();
        var campaign = await CampaignAsync();
        var reference = Shared.Pledges.PledgeReference.New();
        var (pledgeId, donorId) = await WithDbAsync(async db =>
        {
            var unit = await db.AdminUnits.SingleAsync(u => u.Code == UnitCode);
            var donor = await TestData.DonorAsync(db, unit.Id, "Phạm Thị Lan");
            var pledge = new Shared.Pledges.Pledge
            {
                Reference = reference, IntakeId = Guid.NewGuid(), DonorId = donor.Id, AdminUnitId = unit.Id, CampaignId = campaign.Id,
                AmountVnd = 500_000, CreatedAt = DateTime.UtcNow,
            };
            db.Pledges.Add(pledge);
            await db.SaveChangesAsync();
            return (pledge.Id, donor.Id);
        });
        var client = StripeSite().CreateClient();
        // The payer's card names someone else and no campaign: the pledge decides whose gift it is and for what.
        var paid = SignedStripeEvents.CheckoutCompleted("evt_pledge", "pi_pledge", 500_000, "vnd", reference.ToLowerInvariant(),
            DateTimeOffset.UtcNow.AddMinutes(-1), name: "L Pham", email: "card.holder@example.com");
        await DeliverAsync(client, Enumerable.Repeat(paid, 5));

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Processor.ProcessPendingAsync())));

        var contribution = Assert.Single(await ContributionsAsync("pi_pledge"));
        Assert.Equal((pledgeId, donorId, campaign.Id), (contribution.PledgeId, contribution.DonorId, contribution.CampaignId));
        var pledge = await WithDbAsync(db => db.Pledges.AsNoTracking().SingleAsync(p => p.Id == pledgeId));
        Assert.Equal((Shared.Pledges.PledgeState.Paid, 500_000L), (pledge.Status, pledge.PaidVnd));
        Assert.Equal(0, await WithDbAsync(db => db.Donors.IgnoreQueryFilters().CountAsync(d => d.Email == "card.holder@example.com")));
    }

    [Fact]
    public async Task A_dollar_payment_is_booked_at_the_rate_recorded_at_checkout()
    {
        await ArrangeUnitAsync();
        var client = StripeSite().CreateClient();
        await DeliverAsync(client, [SignedStripeEvents.CheckoutCompleted("evt_usd", "pi_usd", 2550, "usd", "CA7K3M9QX",
            DateTimeOffset.UtcNow.AddMinutes(-1), exchangeRate: "25450.12")]);

        await Processor.ProcessPendingAsync();

        var contribution = Assert.Single(await ContributionsAsync("pi_usd"));
        Assert.Equal("USD", contribution.OriginalCurrency);
        Assert.Equal(25.50m, contribution.OriginalAmount);
        Assert.Equal(25_450.12m, contribution.ExchangeRate);
        Assert.Equal(648_978, contribution.AmountVnd); // 25.50 × 25,450.12 = 648,978.06
    }
}

public class StripeEventProcessorTestsOnSqlite() : StripeEventProcessorTests(DatabaseProvider.Sqlite);

public class StripeEventProcessorTestsOnPostgres() : StripeEventProcessorTests(DatabaseProvider.Postgres);
