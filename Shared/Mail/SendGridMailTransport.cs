using System.Net;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace ChildAid.Shared.Mail;

/// <summary>SendGrid's v3 mail send through its own client (Mail:SendGrid:Host points it at a stub in tests).</summary>
public sealed class SendGridMailTransport(IOptions<MailOptions> options, HttpClient http) : MailTransport
{
    public override async Task<string?> SendAsync(MailOutboxMessage mail, CancellationToken ct)
    {
        var o = options.Value;
        var clientOptions = new SendGridClientOptions { ApiKey = o.SendGrid.ApiKey };
        if (!string.IsNullOrWhiteSpace(o.SendGrid.Host)) clientOptions.Host = o.SendGrid.Host;
        var client = new SendGridClient(http, clientOptions);

        var message = MailHelper.CreateSingleEmail(new EmailAddress(o.FromAddress, o.FromName), new EmailAddress(mail.ToAddress, mail.ToName),
            mail.Subject, mail.TextBody, mail.HtmlBody);
        foreach (var a in mail.Attachments)
            message.AddAttachment(new Attachment
            {
                Content = Convert.ToBase64String(a.Content),
                Filename = a.FileName,
                Type = a.ContentType,
                Disposition = a.ContentId is null ? "attachment" : "inline",
                ContentId = a.ContentId,
            });
        foreach (var (name, value) in UnsubscribeHeaders(mail, o)) message.AddHeader(name, value);
        // Lets a message in SendGrid's activity feed be traced back to its outbox row.
        message.AddCustomArg("childaid_mail", mail.DedupeKey);

        Response response;
        try
        {
            response = await client.SendEmailAsync(message, ct);
        }
        catch (HttpRequestException e)
        {
            throw new MailSendException($"SendGrid không kết nối được: {e.Message}", permanent: false, e);
        }
        if (response.IsSuccessStatusCode)
            return response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;

        var body = await response.Body.ReadAsStringAsync(ct);
        var status = (int)response.StatusCode;
        // 4xx other than 429 (too many requests) will not heal by waiting: a bad address, a bad key, a refused payload.
        var permanent = status is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests;
        throw new MailSendException($"SendGrid trả lời {status}: {Cut(body)}", permanent);
    }

    private static string Cut(string s) => s.Length <= 500 ? s : s[..500];
}
