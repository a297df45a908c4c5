using ChildAid.BackOffice.Receipts;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Mail;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using UglyToad.PdfPig;

namespace ChildAid.Tests.Contributions;

/// <summary>Every booking of a gift for a donor with an e-mail queues its receipt (PDF attached when sent) and a thank-you, once.</summary>
public abstract class ReceiptMailOnBookingTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static async Task<GiftDesk> DeskAsync(TestDatabase db, string? email = "an@example.org", DonorOrigin origin = DonorOrigin.Domestic)
    {
        var desk = await GiftDesk.OpenAsync(db);
        desk.Donor.Email = email;
        desk.Donor.Origin = origin;
        await desk.Db.SaveChangesAsync();
        return desk;
    }

    private static ContributionInput Transfer(GiftDesk desk, string externalId, long amount = 1_200_000, int? campaignId = null)
    {
        var input = desk.Cash(amount, campaignId);
        input.Method = ContributionMethod.BankTransfer;
        input.Channel = ContributionChannel.BankStatement;
        input.ExternalId = externalId;
        return input;
    }

    private static Task<List<MailOutboxMessage>> MailsAsync(ChildAidDbContext db) =>
        db.MailOutbox.AsNoTracking().Include(m => m.Attachments).OrderBy(m => m.Id).ToListAsync();

    [Fact]
    public async Task One_booking_queues_one_receipt_and_one_thank_you_to_the_donor()
    {
        await using var desk = await DeskAsync(Db);
        var campaign = await TestData.CampaignAsync(desk.Db, "Áo ấm cho em", slug: "ao-am");

        var gift = (await desk.Gifts.RecordAsync(Transfer(desk, "bank:VCB:FT1", campaignId: campaign.Id))).Value!;

        var mails = await MailsAsync(desk.Db);
        Assert.Equal([MailMessageKind.Receipt, MailMessageKind.ThankYou], mails.Select(m => m.Kind));
        Assert.All(mails, m => Assert.Equal(("an@example.org", "Nguyễn Văn An", "vi"), (m.ToAddress, m.ToName, m.Culture)));
        var receipt = mails[0];
        Assert.Equal("receipt:" + gift.ReceiptNumber, receipt.DedupeKey);
        Assert.Equal($"Phiếu thu {gift.ReceiptNumber} cho khoản ủng hộ của quý vị", receipt.Subject);
        Assert.Contains("1.200.000 ₫", receipt.TextBody);
        // The PDF is named in the outbox and drawn when the mail is sent.
        var pdf = Assert.Single(receipt.Attachments);
        Assert.Equal(($"phieu-thu-{gift.ReceiptNumber}.pdf", gift.ReceiptNumber, 0), (pdf.FileName, pdf.ReceiptNumber, pdf.Content.Length));
        Assert.Equal("thanks:" + gift.ReceiptNumber, mails[1].DedupeKey);
        Assert.Contains("http://127.0.0.1:5080/chien-dich/ao-am", mails[1].TextBody);
    }

    [Fact]
    public async Task The_same_payment_booked_twice_is_still_one_receipt_mail()
    {
        await using var desk = await DeskAsync(Db);

        await desk.Gifts.RecordAsync(Transfer(desk, "stripe:pi_twice"));
        await desk.Gifts.RecordAsync(Transfer(desk, "stripe:pi_twice"));

        Assert.Equal(1, await desk.Db.MailOutbox.CountAsync(m => m.Kind == MailMessageKind.Receipt));
        Assert.Equal(1, await desk.Db.MailOutbox.CountAsync(m => m.Kind == MailMessageKind.ThankYou));
    }

    [Fact]
    public async Task Ten_concurrent_bookings_of_one_payment_queue_one_receipt_mail()
    {
        await using var desk = await DeskAsync(Db);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            await using var scope = Scope(desk.Services);
            Assert.True((await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(Transfer(desk, "stripe:pi_concurrent"))).Succeeded);
        })));

        await using var check = Db.NewContext();
        Assert.Equal(1, await check.MailOutbox.CountAsync(m => m.Kind == MailMessageKind.Receipt));
        Assert.Equal(1, await check.Contributions.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task A_donor_abroad_gets_the_receipt_and_thanks_in_English()
    {
        await using var desk = await DeskAsync(Db, origin: DonorOrigin.Foreign);

        var gift = (await desk.Gifts.RecordAsync(Transfer(desk, "stripe:pi_en"))).Value!;

        var mails = await MailsAsync(desk.Db);
        Assert.All(mails, m => Assert.Equal("en", m.Culture));
        Assert.Equal($"Receipt {gift.ReceiptNumber} for your gift", mails[0].Subject);
        Assert.Equal("Thank you for your gift", mails[1].Subject);
    }

    [Fact]
    public async Task A_donor_without_an_email_gets_no_mail()
    {
        await using var desk = await DeskAsync(Db, email: null);

        Assert.True((await desk.GiveAsync(50_000)).Succeeded);

        Assert.Equal(0, await desk.Db.MailOutbox.CountAsync());
    }

    [Fact]
    public async Task The_demo_loader_s_bookings_send_no_mail()
    {
        await using var desk = await DeskAsync(Db);

        Assert.True((await desk.Gifts.RecordAsync(desk.Cash(50_000), isDemo: true)).Succeeded);

        Assert.Equal(0, await desk.Db.MailOutbox.CountAsync());
    }

    [Fact]
    public async Task The_SMTP_server_receives_the_receipt_PDF_whose_text_has_the_amount_in_words()
    {
        // The booking queued its mails on the real clock; the node sends what is due by it.
        var clock = TimeProvider.System;
        string receiptNumber;
        await using (var desk = await DeskAsync(Db))
            receiptNumber = (await desk.Gifts.RecordAsync(Transfer(desk, "bank:VCB:FT-pdf"))).Value!.ReceiptNumber;
        await using var smtp = new SmtpTestServer();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:Provider"] = "Smtp", ["Mail:Smtp:Host"] = "127.0.0.1", ["Mail:Smtp:Port"] = smtp.Port.ToString(), ["Mail:Smtp:Security"] = "None",
        }).Build();
        await using var node = Db.Services(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddMail(configuration, worker: false);
            s.Configure<ReceiptIssuerOptions>(o => { o.Name = "Ban vận động ChildAid"; o.Address = "Xã Ia Đal"; o.TaxCode = "0000000000"; });
            s.AddScoped<ContributionQueries>();
            s.AddScoped<ReceiptIssues>();
            s.AddScoped<ReceiptPdfSource, ReceiptPdfFiles>();
        }, asApp: true);

        Assert.Equal(new MailTick(2, 0, 0, 0), await node.GetRequiredService<MailDispatcher>().TickAsync());

        var receipt = smtp.Received.Single(m => m.Subject?.StartsWith("Phiếu thu " + receiptNumber) == true);
        var pdf = Assert.IsType<MimePart>(Assert.Single(receipt.Attachments));
        Assert.Equal(($"phieu-thu-{receiptNumber}.pdf", "application/pdf"), (pdf.FileName, pdf.ContentType.MimeType));
        using var bytes = new MemoryStream();
        await pdf.Content!.DecodeToAsync(bytes);
        using var document = PdfDocument.Open(bytes.ToArray());
        var text = string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains(receiptNumber, text);
        Assert.Contains("1.200.000 ₫", text);
        Assert.Contains("Một triệu hai trăm nghìn đồng.", text);
        Assert.Contains("Nguyễn Văn An", text);
        // The outbox keeps the name of the file, not its bytes.
        await using var db = Db.NewContext();
        Assert.Empty((await db.MailOutbox.Include(m => m.Attachments).SingleAsync(m => m.Kind == MailMessageKind.Receipt)).Attachments.Single().Content);
    }

    [Fact]
    public async Task A_node_that_cannot_draw_the_PDF_leaves_the_receipt_mail_waiting_with_the_reason()
    {
        // The booking queued its mails on the real clock; the node sends what is due by it.
        var clock = TimeProvider.System;
        await using (var desk = await DeskAsync(Db))
            await desk.Gifts.RecordAsync(Transfer(desk, "bank:VCB:FT-wait"));
        var transport = new RecordingTransport();
        var (services, dispatcher) = MailTestWorld.Node(Db, transport, clock);
        await using var _ = services;

        Assert.Equal(new MailTick(1, 1, 0, 0), await dispatcher.TickAsync());

        await using var db = Db.NewContext();
        var receipt = await db.MailOutbox.SingleAsync(m => m.Kind == MailMessageKind.Receipt);
        Assert.Equal(MailStatus.Pending, receipt.Status);
        Assert.Contains("phiếu thu PDF", receipt.LastError);
        Assert.Equal(MailMessageKind.ThankYou, Assert.Single(transport.Sent).Kind);
    }
}

public class ReceiptMailOnBookingTestsOnSqlite() : ReceiptMailOnBookingTests(DatabaseProvider.Sqlite);

public class ReceiptMailOnBookingTestsOnPostgres() : ReceiptMailOnBookingTests(DatabaseProvider.Postgres);
