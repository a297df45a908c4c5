using System.Net.Mail;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Mail;

/// <summary>
/// Queues a mail in the caller's unit of work: the row is added to the caller's context (and so its transaction)
/// and written by the caller's SaveChanges, so a mail exists exactly when the thing it tells about does.
/// <see cref="MailDispatcher"/> sends it.
/// </summary>
public sealed class MailOutbox(ChildAidDbContext db, TimeProvider clock)
{
    /// <param name="dedupeKey">What makes this mail one of a kind ("receipt:2026-000123"); UNIQUE in the database.</param>
    /// <returns>False when a mail with this key is already queued or sent (nothing is added). Two callers racing with
    /// the same key both pass this check; the UNIQUE index then fails the second one's save.</returns>
    public async Task<bool> EnqueueAsync(MailMessageKind kind, string to, string? name, string culture, object model,
        string dedupeKey, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dedupeKey);
        if (!MailAddress.TryCreate(to, out _)) throw new ArgumentException($"Not an e-mail address: {to}", nameof(to));
        if (db.ChangeTracker.Entries<MailOutboxMessage>().Any(e => e.Entity.DedupeKey == dedupeKey)
            || await db.Set<MailOutboxMessage>().AnyAsync(m => m.DedupeKey == dedupeKey, ct))
            return false;

        db.Add(Compose(kind, to, name, culture, model, dedupeKey));
        return true;
    }

    /// <summary>
    /// <see cref="EnqueueAsync"/> and save at once, for a pass that queues reminders one by one. False when the key was
    /// already queued — by an earlier pass, or by another node between the check and the save (the UNIQUE key kept one);
    /// either way whatever the caller added for this mail (a donor link drawn for it) is dropped with it.
    /// </summary>
    public async Task<bool> QueueOnceAsync(MailMessageKind kind, string to, string? name, string culture, object model,
        string dedupeKey, CancellationToken ct = default)
    {
        if (await EnqueueAsync(kind, to, name, culture, model, dedupeKey, ct))
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                // Lost the race to another node: its row stands.
            }
        }
        db.ChangeTracker.Clear();
        return false;
    }

    /// <summary>
    /// The message <see cref="EnqueueAsync"/> would queue, neither checked nor added: for a batch of bookings whose keys
    /// are new by construction (fresh receipt numbers), which writes the rows itself; the UNIQUE index still guards.
    /// </summary>
    public MailOutboxMessage Compose(MailMessageKind kind, string to, string? name, string culture, object model, string dedupeKey)
    {
        var language = MailTemplates.Language(culture);
        var mail = MailTemplates.Render(kind, language, model);
        var now = clock.GetUtcNow().UtcDateTime;
        return new MailOutboxMessage
        {
            Kind = kind,
            DedupeKey = dedupeKey,
            ToAddress = to.Trim(),
            ToName = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            Culture = language,
            Subject = mail.Subject,
            HtmlBody = mail.Html,
            TextBody = mail.Text,
            UnsubscribeUrl = mail.UnsubscribeUrl,
            CreatedAt = now,
            NextAttemptAt = now,
            Attachments = [.. mail.Attachments],
        };
    }
}
