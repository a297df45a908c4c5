using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Mail;

/// <summary>What one tick did.</summary>
public sealed record MailTick(int Sent, int Retrying, int Failed, int Abandoned);

/// <summary>
/// One tick of the outbox: sends every due pending mail. Several nodes may tick at once. A node first claims a mail
/// with one UPDATE … WHERE id = x AND status = 'Pending' AND version = v (to Sending, version + 1); only one node's
/// UPDATE matches, and only that node sends it and then records the outcome (WHERE version = v + 1). A failed try
/// goes back to Pending after an exponential back-off, and to Failed after Mail:MaxAttempts tries.
/// A claim left behind by a node that stopped mid-send is never resent automatically (the provider may already have
/// accepted the mail): after Mail:ClaimTimeoutSeconds it is marked Failed with that explanation, for staff to decide.
/// </summary>
public sealed class MailDispatcher(IServiceScopeFactory scopes, MailTransport transport, IOptions<MailOptions> options, TimeProvider clock,
    ILogger<MailDispatcher> log)
{
    public const string AbandonedError = "Máy chủ dừng khi đang gửi thư này; có thể thư đã đi. Kiểm tra với người nhận rồi bấm Gửi lại nếu cần.";
    private const int Batch = 50;

    private sealed record Due(long Id, int Version, int Attempts);

    public async Task<MailTick> TickAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        List<Due> due;
        int abandoned;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var stale = now.AddSeconds(-o.ClaimTimeoutSeconds);
            abandoned = await db.Set<MailOutboxMessage>()
                .Where(m => m.Status == MailStatus.Sending && m.ClaimedAt < stale)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MailStatus.Failed).SetProperty(m => m.LastError, AbandonedError)
                    .SetProperty(m => m.Version, m => m.Version + 1), ct);
            due = await db.Set<MailOutboxMessage>().AsNoTracking()
                .Where(m => m.Status == MailStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(Batch)
                .Select(m => new Due(m.Id, m.Version, m.Attempts)).ToListAsync(ct);
        }

        int sent = 0, retrying = 0, failed = 0;
        foreach (var d in due)
        {
            switch (await SendOneAsync(d, ct))
            {
                case MailStatus.Sent: sent++; break;
                case MailStatus.Pending: retrying++; break;
                case MailStatus.Failed: failed++; break;
            }
        }
        if (abandoned > 0) log.LogWarning("Mail outbox: {Count} mail(s) left mid-send by a stopped node marked failed", abandoned);
        return new MailTick(sent, retrying, failed, abandoned);
    }

    /// <returns>The mail's status after this node's try, or null when another node claimed it first.</returns>
    private async Task<MailStatus?> SendOneAsync(Due d, CancellationToken ct)
    {
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var claimedAt = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.Set<MailOutboxMessage>()
            .Where(m => m.Id == d.Id && m.Status == MailStatus.Pending && m.Version == d.Version && m.NextAttemptAt <= claimedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MailStatus.Sending).SetProperty(m => m.ClaimedAt, claimedAt)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.Version, m => m.Version + 1), ct);
        if (claimed == 0) return null;
        var version = d.Version + 1;
        var attempts = d.Attempts + 1;

        var mail = await db.Set<MailOutboxMessage>().AsNoTracking().Include(m => m.Attachments).SingleAsync(m => m.Id == d.Id, ct);
        string? providerId = null;
        string? error = null;
        var permanent = false;
        try
        {
            await DrawReceiptPdfsAsync(scope.ServiceProvider, mail, ct);
            // Once handed to the provider, finish and record it even if the app is stopping: an unrecorded send is a
            // mail that looks unsent.
            providerId = await transport.SendAsync(mail, CancellationToken.None);
        }
        catch (MailSendException e)
        {
            error = e.Message;
            permanent = e.Permanent;
        }
        catch (Exception e)
        {
            log.LogError(e, "Mail {Id}: sending failed unexpectedly", d.Id);
            error = $"Lỗi khi gửi: {e.Message}";
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var outbox = db.Set<MailOutboxMessage>().Where(m => m.Id == d.Id && m.Version == version);
        if (error is null)
        {
            await outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MailStatus.Sent).SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.ProviderMessageId, Cut(providerId, 300)).SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.Version, version + 1), CancellationToken.None);
            log.LogInformation("Mail {Id} ({Kind}) sent, try {Attempt}", d.Id, mail.Kind, attempts);
            return MailStatus.Sent;
        }

        error = Cut(error, 2000);
        if (permanent || attempts >= o.MaxAttempts)
        {
            await outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MailStatus.Failed).SetProperty(m => m.LastError, error)
                .SetProperty(m => m.Version, version + 1), CancellationToken.None);
            log.LogWarning("Mail {Id} ({Kind}) failed for good after {Attempts} tries: {Error}", d.Id, mail.Kind, attempts, error);
            return MailStatus.Failed;
        }
        var next = now + BackOff(attempts, o);
        await outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MailStatus.Pending).SetProperty(m => m.LastError, error)
            .SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.Version, version + 1), CancellationToken.None);
        log.LogWarning("Mail {Id} ({Kind}) try {Attempts} failed, next at {Next:O}: {Error}", d.Id, mail.Kind, attempts, next, error);
        return MailStatus.Pending;
    }

    /// <summary>Fills in the receipt PDFs the mail names (<see cref="MailAttachment.ReceiptNumber"/>) just before it goes.</summary>
    private static async Task DrawReceiptPdfsAsync(IServiceProvider services, MailOutboxMessage mail, CancellationToken ct)
    {
        foreach (var a in mail.Attachments.Where(a => a.ReceiptNumber is not null && a.Content.Length == 0))
        {
            var source = services.GetService<ReceiptPdfSource>()
                ?? throw new MailSendException("Máy chủ này không tạo được phiếu thu PDF; thư chờ máy chủ BackOffice gửi.", permanent: false);
            a.Content = await source.RenderAsync(a.ReceiptNumber!, ct)
                ?? throw new MailSendException($"Không tìm thấy phiếu thu {a.ReceiptNumber} để đính kèm.", permanent: true);
        }
    }

    /// <summary>Wait after the n-th failed try: base × 2^(n−1), at most Mail:RetryMaxSeconds.</summary>
    public static TimeSpan BackOff(int failedTries, MailOptions o)
    {
        var seconds = o.RetryBaseSeconds * Math.Pow(2, Math.Max(0, failedTries - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, o.RetryMaxSeconds));
    }

    private static string? Cut(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}

/// <summary>Runs <see cref="MailDispatcher"/> every Mail:IntervalSeconds in BackOffice.</summary>
public sealed class MailWorker(MailDispatcher dispatcher, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailWorker> log)
    : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        await Hosting.PeriodicWork.RunAsync("Mail outbox tick", TimeSpan.FromSeconds(options.Value.IntervalSeconds), clock, log, async ct =>
        {
            var tick = await dispatcher.TickAsync(ct);
            if (tick != new MailTick(0, 0, 0, 0)) log.LogInformation("Mail outbox: {Tick}", tick);
        }, stoppingToken);
    }
}
