using ChildAid.Shared.Mail;

namespace ChildAid.Tests.Mail;

/// <summary>Every kind renders in Vietnamese by default and in English for donors abroad, HTML-encoded, with its files and links.</summary>
public class MailTemplatesTests
{
    private static readonly PledgeConfirmationMail Pledge = new("Nguyễn Thị Hoa", "CA7K3M9QX", 1_234_567, "Áo ấm cho em", "Vietcombank (DEMO)",
        "0011004455667", "QUY BAO TRO TRE EM (DEMO)", "CA7K3M9QX", [1, 2, 3], "https://childaid.example/dang-ky/CA7K3M9QX");

    [Fact]
    public void A_pledge_confirmation_in_Vietnamese_prints_every_transfer_detail_beside_the_inline_QR()
    {
        var mail = MailTemplates.Render(MailMessageKind.PledgeConfirmation, "vi-VN", Pledge);

        Assert.Equal("Đăng ký ủng hộ CA7K3M9QX: thông tin chuyển khoản", mail.Subject);
        Assert.Contains("Cảm ơn quý vị đã đăng ký ủng hộ 1.234.567 ₫ cho chiến dịch Áo ấm cho em.", mail.Html);
        foreach (var line in new[] { "Ngân hàng: Vietcombank (DEMO)", "Số tài khoản: 0011004455667", "Chủ tài khoản: QUY BAO TRO TRE EM (DEMO)",
                     "Số tiền: 1.234.567 ₫", "Nội dung chuyển khoản: CA7K3M9QX" })
            Assert.Contains(line, mail.Text);
        Assert.Contains("<img src=\"cid:vietqr\"", mail.Html);
        var qr = Assert.Single(mail.Attachments);
        Assert.Equal(("vietqr", "image/png"), (qr.ContentId, qr.ContentType));
        Assert.Contains("<a href=\"https://childaid.example/dang-ky/CA7K3M9QX\">Xem tình trạng đăng ký</a>", mail.Html);
        Assert.Null(mail.UnsubscribeUrl);
    }

    [Fact]
    public void A_pledge_confirmation_in_English_for_a_donor_abroad()
    {
        var mail = MailTemplates.Render(MailMessageKind.PledgeConfirmation, "en-GB", Pledge);

        Assert.Equal("Your pledge CA7K3M9QX: transfer details", mail.Subject);
        Assert.StartsWith("Dear Nguyễn Thị Hoa,", mail.Text);
        Assert.Contains("Transfer message: CA7K3M9QX", mail.Text);
        Assert.Contains("Thank you for your pledge of 1.234.567 ₫ to the campaign Áo ấm cho em.", mail.Text);
    }

    [Fact]
    public void A_receipt_attaches_its_PDF_in_both_languages()
    {
        var model = new ReceiptMail("Công ty TNHH Ánh Dương", "2026-000123", 1_200_000, new DateOnly(2026, 12, 1), null, [37, 80, 68, 70],
            "https://childaid.example/xac-minh/tok");
        var vi = MailTemplates.Render(MailMessageKind.Receipt, "vi", model);
        var en = MailTemplates.Render(MailMessageKind.Receipt, "en", model);

        Assert.Equal("Phiếu thu 2026-000123 cho khoản ủng hộ của quý vị", vi.Subject);
        Assert.Contains("Chúng tôi đã nhận khoản ủng hộ 1.200.000 ₫ của quý vị ngày 01/12/2026. Phiếu thu số 2026-000123 được đính kèm thư này.", vi.Text);
        Assert.Equal("Receipt 2026-000123 for your gift", en.Subject);
        Assert.Contains("on 01/12/2026", en.Text);
        Assert.All([vi, en], m => Assert.Equal(("phieu-thu-2026-000123.pdf", "application/pdf", (string?)null),
            (m.Attachments[0].FileName, m.Attachments[0].ContentType, m.Attachments[0].ContentId)));
    }

    [Fact]
    public void A_thank_you_and_an_instalment_reminder_with_its_pay_link()
    {
        var thanks = MailTemplates.Render(MailMessageKind.ThankYou, "vi", new ThankYouMail("Trần Văn Bình", 500_000, "Sách vở cho em"));
        Assert.Equal("Cảm ơn quý vị đã ủng hộ", thanks.Subject);
        Assert.Contains("ủng hộ 500.000 ₫ cho chiến dịch Sách vở cho em", thanks.Text);

        var reminder = new InstalmentReminderMail("Công ty Ánh Dương", "CA7K3M9QX", 50_000_000, new DateOnly(2027, 3, 15),
            "https://childaid.example/dang-ky/CA7K3M9QX/thanh-toan");
        var vi = MailTemplates.Render(MailMessageKind.InstalmentReminder, "vi", reminder);
        var en = MailTemplates.Render(MailMessageKind.InstalmentReminder, "en", reminder);
        Assert.Equal("Nhắc đợt ủng hộ đến hạn ngày 15/03/2027: CA7K3M9QX", vi.Subject);
        Assert.Contains("Thanh toán đợt này: https://childaid.example/dang-ky/CA7K3M9QX/thanh-toan", vi.Text);
        Assert.Equal("Instalment due on 15/03/2027: pledge CA7K3M9QX", en.Subject);
        Assert.Contains("50.000.000 ₫, is due on 15/03/2027", en.Text);
    }

    [Fact]
    public void A_campaign_update_carries_the_story_link_and_the_one_click_unsubscribe_address()
    {
        var mail = MailTemplates.Render(MailMessageKind.CampaignUpdate, "vi", new CampaignUpdateMail("Hoa", "Áo ấm cho em",
            "Những chiếc áo đầu tiên", "Ba trăm chiếc áo đã đến.", "https://childaid.example/tin/ao", "https://childaid.example/huy/abc"));

        Assert.Equal("Áo ấm cho em: Những chiếc áo đầu tiên", mail.Subject);
        Assert.Equal("https://childaid.example/huy/abc", mail.UnsubscribeUrl);
        Assert.Contains("<a href=\"https://childaid.example/huy/abc\">Hủy nhận tin</a>", mail.Html);
        Assert.Contains("Đọc bài viết: https://childaid.example/tin/ao", mail.Text);
    }

    [Fact]
    public void Values_are_HTML_encoded_but_Vietnamese_letters_stay_readable()
    {
        var mail = MailTemplates.Render(MailMessageKind.ThankYou, "vi", new ThankYouMail("<script>alert(1)</script> Đặng & Lê", 1, "\"Áo\""));

        Assert.DoesNotContain("<script>", mail.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Đặng &amp; Lê", mail.Html);
        Assert.Contains("&quot;Áo&quot;", mail.Html);
        Assert.Contains("<script>alert(1)</script> Đặng & Lê", mail.Text);
    }

    [Fact]
    public void A_link_that_is_not_http_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MailTemplates.Render(MailMessageKind.ThankYou, "vi",
            new ThankYouMail("Hoa", 1, null, "javascript:alert(1)")));
    }

    [Fact]
    public void A_model_of_another_shape_with_the_same_names_is_read_through_JSON()
    {
        var mail = MailTemplates.Render(MailMessageKind.ThankYou, "en", new { DonorName = "Hoa", AmountVnd = 200_000L, CampaignTitle = (string?)null });
        Assert.Equal("Thank you for your gift", mail.Subject);
        Assert.Contains("your gift of 200.000 ₫.", mail.Text);
    }
}
