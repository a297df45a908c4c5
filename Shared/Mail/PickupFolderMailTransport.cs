using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Mail;

/// <summary>Provider None (development): each mail becomes an .eml file in the pickup folder (opens in any mail program) and a log line.</summary>
public sealed class PickupFolderMailTransport(IOptions<MailOptions> options, ILogger<PickupFolderMailTransport> log) : MailTransport
{
    public override async Task<string?> SendAsync(MailOutboxMessage mail, CancellationToken ct)
    {
        var folder = Path.GetFullPath(options.Value.PickupFolder);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{mail.Id:D8}-{mail.Kind}.eml");
        await Mime(mail, options.Value).WriteToAsync(file, ct);
        log.LogInformation("Mail {Id} ({Kind}) to {To} not sent (Mail:Provider None): written to {File}", mail.Id, mail.Kind, mail.ToAddress, file);
        return Path.GetFileName(file);
    }
}
