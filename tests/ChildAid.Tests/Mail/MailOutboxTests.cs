using ChildAid.Shared.Data;
using ChildAid.Shared.Mail;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.Mail;

/// <summary>The outbox queues a mail once, sends it once across nodes, retries with back-off, and survives restarts.</summary>
public abstract class MailOutboxTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static readonly DateTime Noon = new(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_same_dedupe_key_queues_one_mail_and_the_database_refuses_a_second_row()
    {
        var clock = new FakeTimeProvider(Noon);
        await MailTestWorld.QueueAsync(Db, clock, "receipt:2026-000123");
        await MailTestWorld.QueueAsync(Db, clock, "receipt:2026-000123");

        await using (var services = Db.Services(s => s.AddSingleton<TimeProvider>(clock)))
        await using (var scope = services.CreateAsyncScope())
        {
            // In one unit of work too: the second call sees the first, unsaved row.
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            Assert.True(await outbox.EnqueueAsync(MailMessageKind.ThankYou, "an@example.org", null, "vi", MailTestWorld.ThankYou(), "thanks:1"));
            Assert.False(await outbox.EnqueueAsync(MailMessageKind.ThankYou, "an@example.org", null, "vi", MailTestWorld.ThankYou(), "thanks:1"));
            await scope.ServiceProvider.GetRequiredService<ChildAidDbContext>().SaveChangesAsync();
        }

        await using var db = Db.NewContext();
        Assert.Equal(["receipt:2026-000123", "thanks:1"], await db.MailOutbox.OrderBy(m => m.DedupeKey).Select(m => m.DedupeKey).ToListAsync());
        // Two callers racing past the check: the UNIQUE index decides.
        db.MailOutbox.Add(new MailOutboxMessage { DedupeKey = "thanks:1", ToAddress = "an@example.org", Subject = "x", CreatedAt = Noon, NextAttemptAt = Noon });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Two_nodes_ticking_at_once_send_every_mail_exactly_once()
    {
        var clock = new FakeTimeProvider(Noon);
        var keys = Enumerable.Range(1, 30).Select(i => $"thanks:{i}").ToArray();
        await MailTestWorld.QueueAsync(Db, clock, keys);
        var transport = new RecordingTransport();
        var (one, first) = MailTestWorld.Node(Db, transport, clock);
        var (two, second) = MailTestWorld.Node(Db, transport, clock);

        var ticks = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { Task.Run(() => first.TickAsync()), Task.Run(() => second.TickAsync()) }));
        await one.DisposeAsync();
        await two.DisposeAsync();

        Assert.Equal(keys.Order(), transport.Sent.Select(m => m.DedupeKey).Order());
        Assert.Equal(30, ticks.Sum(t => t.Sent));
        await using var db = Db.NewContext();
        var rows = await db.MailOutbox.ToListAsync();
        Assert.All(rows, m =>
        {
            Assert.Equal(MailStatus.Sent, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.Equal($"test-{m.Id}", m.ProviderMessageId);
        });
    }

    [Fact]
    public async Task A_failed_try_waits_one_then_two_minutes_and_the_mail_fails_after_the_last_try()
    {
        var clock = new FakeTimeProvider(Noon);
        await MailTestWorld.QueueAsync(Db, clock, "thanks:1");
        var transport = new RecordingTransport { Fail = _ => new MailSendException("SendGrid trả lời 503: busy", permanent: false) };
        var (services, dispatcher) = MailTestWorld.Node(Db, transport, clock, MailTestWorld.Options(maxAttempts: 3));

        var first = await dispatcher.TickAsync();
        var mail = await RowAsync();
        Assert.Equal(new MailTick(0, 1, 0, 0), first);
        Assert.Equal((MailStatus.Pending, 1, Noon.AddMinutes(1)), (mail.Status, mail.Attempts, mail.NextAttemptAt));
        Assert.Equal("SendGrid trả lời 503: busy", mail.LastError);

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(new MailTick(0, 0, 0, 0), await dispatcher.TickAsync());

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new MailTick(0, 1, 0, 0), await dispatcher.TickAsync());
        Assert.Equal(Noon.AddMinutes(1 + 2), (await RowAsync()).NextAttemptAt);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new MailTick(0, 0, 1, 0), await dispatcher.TickAsync());
        mail = await RowAsync();
        Assert.Equal((MailStatus.Failed, 3), (mail.Status, mail.Attempts));

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new MailTick(0, 0, 0, 0), await dispatcher.TickAsync());
        Assert.Empty(transport.Sent);
        await services.DisposeAsync();
    }

    [Fact]
    public void The_back_off_doubles_up_to_its_ceiling()
    {
        var o = new MailOptions { RetryBaseSeconds = 60, RetryMaxSeconds = 3600 };
        Assert.Equal([60, 120, 240, 480, 960, 1920, 3600, 3600], Enumerable.Range(1, 8).Select(n => MailDispatcher.BackOff(n, o).TotalSeconds));
    }

    [Fact]
    public async Task A_permanent_refusal_fails_at_once_and_staff_can_ask_for_one_more_try()
    {
        var clock = new FakeTimeProvider(Noon);
        await MailTestWorld.QueueAsync(Db, clock, "thanks:1");
        var transport = new RecordingTransport { Fail = _ => new MailSendException("SendGrid trả lời 400: invalid email", permanent: true) };
        var (services, dispatcher) = MailTestWorld.Node(Db, transport, clock);
        Assert.Equal(new MailTick(0, 0, 1, 0), await dispatcher.TickAsync());

        await using (var db = Db.NewContext())
        {
            var mail = await db.MailOutbox.SingleAsync();
            Assert.True(mail.RetryNow(clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }
        transport.Fail = _ => null;
        Assert.Equal(new MailTick(1, 0, 0, 0), await dispatcher.TickAsync());
        var sent = await RowAsync();
        Assert.Equal((MailStatus.Sent, 2, (string?)null), (sent.Status, sent.Attempts, sent.LastError));
        await services.DisposeAsync();
    }

    [Fact]
    public async Task A_mail_queued_while_no_node_ran_is_sent_by_the_first_tick_after_the_restart()
    {
        var clock = new FakeTimeProvider(Noon);
        var transport = new RecordingTransport();
        var (before, dispatcher) = MailTestWorld.Node(Db, transport, clock);
        Assert.Equal(new MailTick(0, 0, 0, 0), await dispatcher.TickAsync());
        await before.DisposeAsync();

        await MailTestWorld.QueueAsync(Db, clock, "receipt:2026-000123");
        clock.Advance(TimeSpan.FromHours(3));
        var (after, restarted) = MailTestWorld.Node(Db, transport, clock);
        Assert.Equal(new MailTick(1, 0, 0, 0), await restarted.TickAsync());
        await after.DisposeAsync();
        Assert.Equal("receipt:2026-000123", Assert.Single(transport.Sent).DedupeKey);
    }

    [Fact]
    public async Task A_mail_left_mid_send_by_a_stopped_node_is_marked_failed_and_never_resent_by_itself()
    {
        var clock = new FakeTimeProvider(Noon);
        await MailTestWorld.QueueAsync(Db, clock, "thanks:1");
        // The node claimed it and died before recording the outcome.
        await using (var db = Db.NewContext())
            await db.MailOutbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MailStatus.Sending).SetProperty(m => m.ClaimedAt, Noon)
                .SetProperty(m => m.Attempts, 1));
        var transport = new RecordingTransport();
        var (services, dispatcher) = MailTestWorld.Node(Db, transport, clock);

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(new MailTick(0, 0, 0, 0), await dispatcher.TickAsync());
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new MailTick(0, 0, 0, 1), await dispatcher.TickAsync());
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new MailTick(0, 0, 0, 0), await dispatcher.TickAsync());
        await services.DisposeAsync();

        var mail = await RowAsync();
        Assert.Equal((MailStatus.Failed, MailDispatcher.AbandonedError), (mail.Status, mail.LastError));
        Assert.Empty(transport.Sent);
    }

    private async Task<MailOutboxMessage> RowAsync()
    {
        await using var db = Db.NewContext();
        return await db.MailOutbox.AsNoTracking().SingleAsync();
    }
}

public class MailOutboxTestsOnSqlite() : MailOutboxTests(DatabaseProvider.Sqlite);

public class MailOutboxTestsOnPostgres() : MailOutboxTests(DatabaseProvider.Postgres);
