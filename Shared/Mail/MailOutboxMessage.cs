using ChildAid.Shared.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Mail;

/// <summary>What a mail is for; each kind has its own template and model (<see cref="MailTemplates"/>).</summary>
public enum MailMessageKind { PledgeConfirmation, Receipt, ThankYou, InstalmentReminder, CampaignUpdate, FollowConfirmation, AdvanceInvoiceReminder, GoodsDeliveryReminder }

/// <summary>Where a queued mail stands. Sending: claimed by one worker, which alone may move it on.</summary>
public enum MailStatus { Pending, Sending, Sent, Failed }

/// <summary>
/// One mail in the outbox (<c>mail_outbox</c>). Rendered when queued, so what staff see is what goes out; sent by
/// <see cref="MailDispatcher"/>. All state is here, so a restart loses nothing: a pending mail is sent by the next
/// tick of whichever node runs first, and <see cref="Version"/> is the claim token that lets only one of them send it.
/// </summary>
public class MailOutboxMessage : IVersioned
{
    public long Id { get; set; }
    public MailMessageKind Kind { get; set; }

    /// <summary>UNIQUE: the same message (e.g. "receipt:2026-000123") is never queued twice.</summary>
    public string DedupeKey { get; set; } = "";
    public string ToAddress { get; set; } = "";
    public string? ToName { get; set; }

    /// <summary>"vi" or "en": the language it was rendered in.</summary>
    public string Culture { get; set; } = "vi";
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";

    /// <summary>One-click unsubscribe address (RFC 8058) of a campaign update; null for transactional mail.</summary>
    public string? UnsubscribeUrl { get; set; }

    public MailStatus Status { get; set; } = MailStatus.Pending;

    /// <summary>Tries started so far (a claim counts as a try).</summary>
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Not sent before this instant (UTC): the back-off after a failed try.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>When the current worker claimed it (UTC), while <see cref="MailStatus.Sending"/>.</summary>
    public DateTime? ClaimedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>The provider's id for the accepted message (SendGrid's X-Message-Id, the SMTP server's reply).</summary>
    public string? ProviderMessageId { get; set; }
    public int Version { get; set; }

    public List<MailAttachment> Attachments { get; set; } = [];

    /// <summary>Staff ask for one more try now (a failed or waiting mail); the worker's claim rules still decide who sends it.</summary>
    public bool RetryNow(DateTime now)
    {
        if (Status is not (MailStatus.Failed or MailStatus.Pending)) return false;
        Status = MailStatus.Pending;
        NextAttemptAt = now;
        return true;
    }
}

/// <summary>A file sent with a mail (a receipt PDF), or an inline image (<see cref="ContentId"/>: the QR code of a pledge).</summary>
public class MailAttachment
{
    public long Id { get; set; }
    public long MailOutboxMessageId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";

    /// <summary>Set for an inline image the HTML shows as <c>cid:…</c>.</summary>
    public string? ContentId { get; set; }
    public byte[] Content { get; set; } = [];

    /// <summary>
    /// Set for a receipt PDF drawn when the mail is sent (<see cref="ReceiptPdfSource"/>), not when it is queued: the
    /// booking that queues it holds the ledger lock, and the PDF is deterministic, so the file is the same either way.
    /// <see cref="Content"/> stays empty in the table.
    /// </summary>
    public string? ReceiptNumber { get; set; }
}

public class MailOutboxMessageConfiguration : IEntityTypeConfiguration<MailOutboxMessage>
{
    public void Configure(EntityTypeBuilder<MailOutboxMessage> b)
    {
        b.ToTable("mail_outbox");
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.DedupeKey).HasMaxLength(200);
        b.HasIndex(m => m.DedupeKey).IsUnique();
        b.Property(m => m.ToAddress).HasMaxLength(320);
        b.Property(m => m.ToName).HasMaxLength(300);
        b.Property(m => m.Culture).HasMaxLength(10);
        b.Property(m => m.Subject).HasMaxLength(500);
        b.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.Property(m => m.ProviderMessageId).HasMaxLength(300);
        b.Property(m => m.Version).IsConcurrencyToken();
        // The worker's question: which pending mails are due?
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MailOutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class MailAttachmentConfiguration : IEntityTypeConfiguration<MailAttachment>
{
    public void Configure(EntityTypeBuilder<MailAttachment> b)
    {
        b.ToTable("mail_attachments");
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.ContentId).HasMaxLength(100);
        b.Property(a => a.ReceiptNumber).HasMaxLength(20);
    }
}
