namespace ChildAid.Shared.Mail;

public enum MailProvider { None, SendGrid, Smtp }

/// <summary>Section "Mail" (README, Configuration).</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>SendGrid, Smtp, or None (development: each mail is written as an .eml file to <see cref="PickupFolder"/> and logged).</summary>
    public MailProvider Provider { get; set; } = MailProvider.None;
    public string FromAddress { get; set; } = "no-reply@childaid.example";
    public string FromName { get; set; } = "ChildAid";

    /// <summary>
    /// The mailbox named in List-Unsubscribe's mailto (RFC 2369), for mail programs that cannot POST; someone reads it
    /// and unsubscribes by hand. Unset: the From address.
    /// </summary>
    public string? UnsubscribeMailbox { get; set; }

    /// <summary>Off on a node that should not send (any number of nodes may send safely).</summary>
    public bool Enabled { get; set; } = true;
    public int IntervalSeconds { get; set; } = 15;

    /// <summary>Tries before a mail is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failed try; doubled after each further one (1, 2, 4 … minutes), at most <see cref="RetryMaxSeconds"/>.</summary>
    public int RetryBaseSeconds { get; set; } = 60;
    public int RetryMaxSeconds { get; set; } = 6 * 3600;

    /// <summary>
    /// A mail still "sending" this long after its claim was left by a node that stopped mid-send. It is marked failed,
    /// not resent: the provider may have accepted it, and a mail must never go out twice. Staff decide (retry now).
    /// </summary>
    public int ClaimTimeoutSeconds { get; set; } = 600;

    /// <summary>Provider None: where .eml files go (default: data/mail-pickup).</summary>
    public string PickupFolder { get; set; } = Path.Combine("data", "mail-pickup");

    public SendGridMailOptions SendGrid { get; set; } = new();
    public SmtpMailOptions Smtp { get; set; } = new();
}

public sealed class SendGridMailOptions
{
    public string ApiKey { get; set; } = "";

    /// <summary>Empty: SendGrid's own API. Tests point it at a local stub.</summary>
    public string? Host { get; set; }
}

public sealed class SmtpMailOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>MailKit's SecureSocketOptions: Auto, None, StartTls, StartTlsWhenAvailable, SslOnConnect.</summary>
    public string Security { get; set; } = "Auto";
}
