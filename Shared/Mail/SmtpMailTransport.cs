using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Mail;

/// <summary>Plain SMTP through MailKit (a relay, the organisation's mail server).</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : MailTransport
{
    public override async Task<string?> SendAsync(MailOutboxMessage mail, CancellationToken ct)
    {
        var o = options.Value;
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(o.Smtp.Host, o.Smtp.Port, Enum.Parse<SecureSocketOptions>(o.Smtp.Security, ignoreCase: true), ct);
            if (!string.IsNullOrEmpty(o.Smtp.UserName)) await client.AuthenticateAsync(o.Smtp.UserName, o.Smtp.Password ?? "", ct);
            var reply = await client.SendAsync(Mime(mail, o), ct);
            await client.DisconnectAsync(quit: true, ct);
            return reply;
        }
        catch (SmtpCommandException e)
        {
            // 5xx on the recipient or the message: the server will never take it.
            var permanent = (int)e.StatusCode >= 500 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
            throw new MailSendException($"Máy chủ SMTP từ chối ({(int)e.StatusCode}): {e.Message}", permanent, e);
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or AuthenticationException)
        {
            throw new MailSendException($"Không gửi được qua SMTP: {e.Message}", permanent: false, e);
        }
    }
}
