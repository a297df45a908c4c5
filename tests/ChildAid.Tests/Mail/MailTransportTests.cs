using ChildAid.Shared.Data;
using ChildAid.Shared.Mail;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace ChildAid.Tests.Mail;

/// <summary>Queued mails leave through SendGrid's real client to a local stub and through MailKit to an in-process SMTP server, intact.</summary>
public abstract class MailTransportTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static readonly DateTime Noon = new(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc);
    /// <summary>The https link first (RFC 8058), then a mailto for mail programs that cannot POST (RFC 2369).</summary>
    private const string Unsubscribe = "<https://childaid.example/huy-nhan-tin/abc123>, "
        + "<mailto:thu@childaid.example?subject=unsubscribe%20https%3A%2F%2Fchildaid.example%2Fhuy-nhan-tin%2Fabc123>";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
    private static readonly byte[] Pdf = "%PDF-1.7 phiếu thu"u8.ToArray();

    private async Task QueueThreeAsync(FakeTimeProvider clock)
    {
        await using var services = Db.Services(s => s.AddSingleton<TimeProvider>(clock));
        await using var scope = services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        await outbox.EnqueueAsync(MailMessageKind.PledgeConfirmation, "hoa@example.org", "Nguyễn Thị Hoa", "vi",
            new PledgeConfirmationMail("Nguyễn Thị Hoa", "CA7K3M9QX", 1_200_000, "Áo ấm cho em", "Vietcombank (DEMO)", "0011004455667",
                "QUY BAO TRO TRE EM (DEMO)", "CA7K3M9QX", Png), "pledge:CA7K3M9QX");
        await outbox.EnqueueAsync(MailMessageKind.Receipt, "hoa@example.org", "Nguyễn Thị Hoa", "vi",
            new ReceiptMail("Nguyễn Thị Hoa", "2026-000123", 1_200_000, new DateOnly(2026, 12, 1), "Áo ấm cho em", Pdf), "receipt:2026-000123");
        await outbox.EnqueueAsync(MailMessageKind.CampaignUpdate, "hoa@example.org", "Nguyễn Thị Hoa", "vi",
            new CampaignUpdateMail("Nguyễn Thị Hoa", "Áo ấm cho em", "Những chiếc áo đầu tiên đã đến Ia Đal", null,
                "https://childaid.example/tin/ao-am", "https://childaid.example/huy-nhan-tin/abc123"), "update:1:hoa@example.org");
        await scope.ServiceProvider.GetRequiredService<ChildAidDbContext>().SaveChangesAsync();
    }

    private (ServiceProvider Services, MailDispatcher Dispatcher) Node(FakeTimeProvider clock, Dictionary<string, string?> mail)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(mail).Build();
        var services = Db.Services(s => { s.AddSingleton<TimeProvider>(clock); s.AddMail(configuration, worker: false); }, asApp: true);
        return (services, services.GetRequiredService<MailDispatcher>());
    }

    [Fact]
    public async Task SendGrid_receives_the_Vietnamese_subject_the_files_and_the_unsubscribe_headers()
    {
        var clock = new FakeTimeProvider(Noon);
        await QueueThreeAsync(clock);
        await using var stub = await SendGridStub.StartAsync();
        var (services, dispatcher) = Node(clock, new()
        {
            ["Mail:Provider"] = "SendGrid", ["Mail:SendGrid:ApiKey"] = "SG.test-key", ["Mail:SendGrid:Host"] = stub.Url,
            ["Mail:FromAddress"] = "thu@childaid.example", ["Mail:FromName"] = "Quỹ Bảo trợ ChildAid",
        });
        Assert.IsType<SendGridMailTransport>(services.GetRequiredService<MailTransport>());

        Assert.Equal(new MailTick(3, 0, 0, 0), await dispatcher.TickAsync());
        await services.DisposeAsync();

        var posts = stub.Received.ToList();
        Assert.All(posts, p => Assert.Equal("Bearer SG.test-key", p.Authorization));
        var pledge = posts.Single(p => Subject(p.Body.RootElement) == "Đăng ký ủng hộ CA7K3M9QX: thông tin chuyển khoản").Body.RootElement;
        Assert.Equal("hoa@example.org", pledge.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Equal("Nguyễn Thị Hoa", pledge.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("name").GetString());
        Assert.Equal("Quỹ Bảo trợ ChildAid", pledge.GetProperty("from").GetProperty("name").GetString());
        var qr = pledge.GetProperty("attachments")[0];
        Assert.Equal(("inline", MailTemplates.QrContentId, Convert.ToBase64String(Png)),
            (qr.GetProperty("disposition").GetString(), qr.GetProperty("content_id").GetString(), qr.GetProperty("content").GetString()));
        Assert.Contains("cid:vietqr", pledge.GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "text/html").GetProperty("value").GetString());

        var receipt = posts.Single(p => Subject(p.Body.RootElement)!.StartsWith("Phiếu thu 2026-000123")).Body.RootElement;
        var pdf = receipt.GetProperty("attachments")[0];
        Assert.Equal(("attachment", "phieu-thu-2026-000123.pdf", Convert.ToBase64String(Pdf)),
            (pdf.GetProperty("disposition").GetString(), pdf.GetProperty("filename").GetString(), pdf.GetProperty("content").GetString()));
        Assert.False(Personalization(receipt).TryGetProperty("headers", out _));

        var update = posts.Single(p => Subject(p.Body.RootElement) == "Áo ấm cho em: Những chiếc áo đầu tiên đã đến Ia Đal").Body.RootElement;
        Assert.Equal(Unsubscribe, Personalization(update).GetProperty("headers").GetProperty("List-Unsubscribe").GetString());
        Assert.Equal("List-Unsubscribe=One-Click", Personalization(update).GetProperty("headers").GetProperty("List-Unsubscribe-Post").GetString());

        await using var db = Db.NewContext();
        Assert.Equal(["sg-1", "sg-2", "sg-3"], (await db.MailOutbox.Select(m => m.ProviderMessageId).ToListAsync()).Order());
    }

    [Fact]
    public async Task A_SendGrid_refusal_of_the_address_fails_the_mail_at_once_with_its_reason()
    {
        var clock = new FakeTimeProvider(Noon);
        await MailTestWorld.QueueAsync(Db, clock, "thanks:1");
        await using var stub = await SendGridStub.StartAsync();
        stub.Status = 400;
        var (services, dispatcher) = Node(clock, new() { ["Mail:Provider"] = "SendGrid", ["Mail:SendGrid:ApiKey"] = "SG.k", ["Mail:SendGrid:Host"] = stub.Url });

        Assert.Equal(new MailTick(0, 0, 1, 0), await dispatcher.TickAsync());
        await services.DisposeAsync();
        await using var db = Db.NewContext();
        var mail = await db.MailOutbox.SingleAsync();
        Assert.Equal(MailStatus.Failed, mail.Status);
        Assert.StartsWith("SendGrid trả lời 400: ", mail.LastError);
        Assert.Contains("valid address", mail.LastError);
    }

    [Fact]
    public async Task The_SMTP_server_receives_the_MIME_message_with_the_Vietnamese_subject_name_body_and_files()
    {
        var clock = new FakeTimeProvider(Noon);
        await QueueThreeAsync(clock);
        await using var smtp = new SmtpTestServer();
        var (services, dispatcher) = Node(clock, new()
        {
            ["Mail:Provider"] = "Smtp", ["Mail:Smtp:Host"] = "127.0.0.1", ["Mail:Smtp:Port"] = smtp.Port.ToString(), ["Mail:Smtp:Security"] = "None",
            ["Mail:FromAddress"] = "thu@childaid.example", ["Mail:FromName"] = "Quỹ Bảo trợ ChildAid",
        });
        Assert.IsType<SmtpMailTransport>(services.GetRequiredService<MailTransport>());

        Assert.Equal(new MailTick(3, 0, 0, 0), await dispatcher.TickAsync());
        await services.DisposeAsync();

        var messages = smtp.Received.ToList();
        Assert.Equal(3, messages.Count);
        var pledge = messages.Single(m => m.Subject == "Đăng ký ủng hộ CA7K3M9QX: thông tin chuyển khoản");
        var to = Assert.IsType<MailboxAddress>(Assert.Single(pledge.To));
        Assert.Equal(("Nguyễn Thị Hoa", "hoa@example.org"), (to.Name, to.Address));
        Assert.Equal("Quỹ Bảo trợ ChildAid", ((MailboxAddress)pledge.From[0]).Name);
        Assert.Contains("Kính gửi Nguyễn Thị Hoa,", pledge.TextBody);
        Assert.Contains("Nội dung chuyển khoản: CA7K3M9QX", pledge.TextBody);
        Assert.Contains("1.200.000 ₫", pledge.HtmlBody);
        var qr = Assert.IsType<MimePart>(pledge.BodyParts.Single(p => p.ContentId == MailTemplates.QrContentId));
        Assert.Equal(Png, Bytes(qr));

        var receipt = messages.Single(m => m.Subject == "Phiếu thu 2026-000123 cho khoản ủng hộ của quý vị");
        var pdf = Assert.IsType<MimePart>(Assert.Single(receipt.Attachments));
        Assert.Equal(("phieu-thu-2026-000123.pdf", "application/pdf"), (pdf.FileName, pdf.ContentType.MimeType));
        Assert.Equal(Pdf, Bytes(pdf));
        Assert.Null(receipt.Headers["List-Unsubscribe"]);

        var update = messages.Single(m => m.Subject == "Áo ấm cho em: Những chiếc áo đầu tiên đã đến Ia Đal");
        Assert.Equal(Unsubscribe, System.Text.RegularExpressions.Regex.Replace(update.Headers["List-Unsubscribe"] ?? "", "\\s+", " "));
        Assert.Equal("List-Unsubscribe=One-Click", update.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task Without_a_provider_mails_are_written_to_the_pickup_folder()
    {
        var clock = new FakeTimeProvider(Noon);
        await MailTestWorld.QueueAsync(Db, clock, "thanks:1");
        var folder = Path.Combine(Path.GetTempPath(), $"childaid-pickup-{Guid.NewGuid():N}");
        try
        {
            var (services, dispatcher) = Node(clock, new() { ["Mail:PickupFolder"] = folder });
            Assert.Equal(new MailTick(1, 0, 0, 0), await dispatcher.TickAsync());
            await services.DisposeAsync();
            var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(folder, "*.eml")));
            Assert.Equal("Cảm ơn quý vị đã ủng hộ", message.Subject);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    // SendGrid's helper puts subject and headers in the (single) personalization.
    private static System.Text.Json.JsonElement Personalization(System.Text.Json.JsonElement root) => root.GetProperty("personalizations")[0];

    private static string? Subject(System.Text.Json.JsonElement root) =>
        root.TryGetProperty("subject", out var s) ? s.GetString() : Personalization(root).GetProperty("subject").GetString();

    private static byte[] Bytes(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}

public class MailTransportTestsOnSqlite() : MailTransportTests(DatabaseProvider.Sqlite);

public class MailTransportTestsOnPostgres() : MailTransportTests(DatabaseProvider.Postgres);
