using System.Collections.Concurrent;
using ChildAid.Shared.Data;
using ChildAid.Shared.Mail;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChildAid.Tests.Mail;

/// <summary>A transport that records what it was given, and fails when told to.</summary>
public sealed class RecordingTransport : MailTransport
{
    public ConcurrentQueue<MailOutboxMessage> Sent { get; } = new();

    /// <summary>Return an exception to throw for this mail, or null to accept it.</summary>
    public Func<MailOutboxMessage, Exception?> Fail { get; set; } = _ => null;

    public override async Task<string?> SendAsync(MailOutboxMessage mail, CancellationToken ct)
    {
        await Task.Delay(5, ct); // a provider takes a moment: lets two nodes' ticks overlap
        if (Fail(mail) is { } e) throw e;
        Sent.Enqueue(mail);
        return $"test-{mail.Id}";
    }
}

public static class MailTestWorld
{
    public static MailOptions Options(int maxAttempts = 8) => new() { MaxAttempts = maxAttempts, RetryBaseSeconds = 60, ClaimTimeoutSeconds = 600 };

    /// <summary>A BackOffice node: its own services (on PostgreSQL as BackOffice's login role) and dispatcher.</summary>
    public static (ServiceProvider Services, MailDispatcher Dispatcher) Node(TestDatabase db, MailTransport transport, TimeProvider clock,
        MailOptions? options = null)
    {
        var services = db.Services(s => s.AddSingleton(clock), asApp: true);
        var dispatcher = new MailDispatcher(services.GetRequiredService<IServiceScopeFactory>(), transport,
            Microsoft.Extensions.Options.Options.Create(options ?? Options()), clock, NullLogger<MailDispatcher>.Instance);
        return (services, dispatcher);
    }

    public static ThankYouMail ThankYou(string name = "Nguyễn Thị Hoa") => new(name, 1_200_000, "Áo ấm cho em");

    /// <summary>Queues thank-you mails as a caller does: in its own context, then saves.</summary>
    public static async Task QueueAsync(TestDatabase db, TimeProvider clock, params string[] keys)
    {
        await using var services = db.Services(s => s.AddSingleton(clock));
        await using var scope = services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        foreach (var key in keys)
            await outbox.EnqueueAsync(MailMessageKind.ThankYou, $"{key.Replace(':', '-')}@example.org", "Nguyễn Thị Hoa", "vi", ThankYou(), key);
        await scope.ServiceProvider.GetRequiredService<ChildAidDbContext>().SaveChangesAsync();
    }
}
