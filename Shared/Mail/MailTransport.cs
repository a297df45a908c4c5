using MimeKit;

namespace ChildAid.Shared.Mail;

/// <summary>Hands one mail to a provider. <see cref="MailProvider"/> picks the implementation.</summary>
public abstract class MailTransport
{
    /// <returns>The provider's id for the accepted message, when it gives one.</returns>
    /// <exception cref="MailSendException">The provider refused it; <see cref="MailSendException.Permanent"/> when trying again cannot help.</exception>
    public abstract Task<string?> SendAsync(MailOutboxMessage mail, CancellationToken ct);

    /// <summary>The MIME message SMTP sends and the pickup folder keeps: HTML + text, inline images, files, RFC 8058 headers.</summary>
    public static MimeMessage Mime(MailOutboxMessage mail, MailOptions options)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.ToAddress));
        message.Subject = mail.Subject;
        message.Date = mail.CreatedAt;
        var body = new BodyBuilder { HtmlBody = mail.HtmlBody, TextBody = mail.TextBody };
        foreach (var a in mail.Attachments)
        {
            var type = ContentType.Parse(a.ContentType);
            if (a.ContentId is not null) body.LinkedResources.Add(a.FileName, a.Content, type).ContentId = a.ContentId;
            else body.Attachments.Add(a.FileName, a.Content, type);
        }
        message.Body = body.ToMessageBody();
        foreach (var (name, value) in UnsubscribeHeaders(mail, options)) message.Headers.Add(name, value);
        return message;
    }

    /// <summary>
    /// One-click unsubscribe (RFC 8058) for campaign updates: the https link first, a mailto (RFC 2369) for mail
    /// programs that cannot POST, and the promise that a POST to the link suffices.
    /// </summary>
    public static IEnumerable<(string Name, string Value)> UnsubscribeHeaders(MailOutboxMessage mail, MailOptions options)
    {
        if (mail.UnsubscribeUrl is null) yield break;
        var mailbox = string.IsNullOrWhiteSpace(options.UnsubscribeMailbox) ? options.FromAddress : options.UnsubscribeMailbox.Trim();
        var subject = Uri.EscapeDataString("unsubscribe " + mail.UnsubscribeUrl);
        yield return ("List-Unsubscribe", $"<{mail.UnsubscribeUrl}>, <mailto:{mailbox}?subject={subject}>");
        yield return ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
}

public sealed class MailSendException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
