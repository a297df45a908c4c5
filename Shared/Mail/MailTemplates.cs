using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ChildAid.Shared.Text;

namespace ChildAid.Shared.Mail;

/// <summary>A mail ready to queue: subject, HTML and plain text in one language, files, unsubscribe link.</summary>
public sealed record RenderedMail(string Subject, string Html, string Text, IReadOnlyList<MailAttachment> Attachments, string? UnsubscribeUrl);

/// <summary>
/// Vietnamese and English templates in plain C#: every value is HTML-encoded (Vietnamese letters kept as they are),
/// links must be http(s). Vietnamese unless the culture is English (donors abroad).
/// </summary>
public static class MailTemplates
{
    public const string QrContentId = "vietqr";

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>"en…" is English; anything else is Vietnamese.</summary>
    public static string Language(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "vi";

    public static RenderedMail Render(MailMessageKind kind, string culture, object model)
    {
        var en = Language(culture) == "en";
        return kind switch
        {
            MailMessageKind.PledgeConfirmation => PledgeConfirmation(As<PledgeConfirmationMail>(model), en),
            MailMessageKind.Receipt => Receipt(As<ReceiptMail>(model), en),
            MailMessageKind.ThankYou => ThankYou(As<ThankYouMail>(model), en),
            MailMessageKind.InstalmentReminder => InstalmentReminder(As<InstalmentReminderMail>(model), en),
            MailMessageKind.GoodsDeliveryReminder => GoodsDeliveryReminder(As<GoodsDeliveryReminderMail>(model), en),
            MailMessageKind.CampaignUpdate => CampaignUpdate(As<CampaignUpdateMail>(model), en),
            MailMessageKind.FollowConfirmation => FollowConfirmation(As<FollowConfirmationMail>(model), en),
            MailMessageKind.AdvanceInvoiceReminder => AdvanceInvoiceReminder(As<AdvanceInvoiceReminderMail>(model), en),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static T As<T>(object model) where T : class =>
        model as T ?? JsonSerializer.SerializeToElement(model, Json).Deserialize<T>(Json)
        ?? throw new ArgumentException($"The model is not a {typeof(T).Name}.", nameof(model));

    private static RenderedMail PledgeConfirmation(PledgeConfirmationMail m, bool en)
    {
        if (m.AmountVnd == 0) return GoodsPledgeConfirmation(m, en);
        var b = new Body(en ? $"Dear {m.DonorName}," : $"Kính gửi {m.DonorName},");
        Goods(b, m.Goods, en);
        b.Para(en
            ? $"Thank you for your pledge of {Vnd(m.AmountVnd)}{For(m.CampaignTitle, en)}. Your pledge reference is {m.Reference}."
            : $"Cảm ơn quý vị đã đăng ký ủng hộ {Vnd(m.AmountVnd)}{For(m.CampaignTitle, en)}. Mã đăng ký của quý vị là {m.Reference}.");
        b.Para(en ? "To pay by bank transfer, scan the QR code with your banking app or enter these details:"
                  : "Để chuyển khoản, quý vị quét mã QR bằng ứng dụng ngân hàng hoặc nhập các thông tin sau:");
        if (m.QrPng is { Length: > 0 }) b.Image(QrContentId, en ? "VietQR code for the transfer" : "Mã VietQR để chuyển khoản");
        b.Table([
            (en ? "Bank" : "Ngân hàng", m.BankName),
            (en ? "Account number" : "Số tài khoản", m.AccountNumber),
            (en ? "Account name" : "Chủ tài khoản", m.AccountName),
            (en ? "Amount" : "Số tiền", Vnd(m.AmountVnd)),
            (en ? "Transfer message" : "Nội dung chuyển khoản", m.TransferMessage),
        ]);
        b.Para(en ? "Please keep the transfer message exactly as shown: it is how we match your transfer to your pledge."
                  : "Xin giữ nguyên nội dung chuyển khoản như trên: nhờ đó chúng tôi khớp khoản chuyển với đăng ký của quý vị.");
        if (m.StatusUrl is not null) b.Link(en ? "See the status of your pledge" : "Xem tình trạng đăng ký", m.StatusUrl);
        DonorPage(b, m.DonorPageUrl, en);
        b.Signature(en);
        var files = m.QrPng is { Length: > 0 }
            ? new List<MailAttachment> { new() { FileName = "vietqr.png", ContentType = "image/png", ContentId = QrContentId, Content = m.QrPng } }
            : [];
        return b.Done(en ? $"Your pledge {m.Reference}: transfer details" : $"Đăng ký ủng hộ {m.Reference}: thông tin chuyển khoản", files);
    }

    /// <summary>A business's goods and no money: what was pledged, and that staff will agree the delivery; nothing to transfer.</summary>
    private static RenderedMail GoodsPledgeConfirmation(PledgeConfirmationMail m, bool en)
    {
        var b = new Body(en ? $"Dear {m.DonorName}," : $"Kính gửi {m.DonorName},");
        b.Para(en
            ? $"Thank you for your pledge of goods{For(m.CampaignTitle, en)}. Your pledge reference is {m.Reference}."
            : $"Cảm ơn quý vị đã đăng ký ủng hộ hiện vật{For(m.CampaignTitle, en)}. Mã đăng ký của quý vị là {m.Reference}.");
        Goods(b, m.Goods, en);
        b.Para(en
            ? "Our staff will contact you to agree when and where the goods are handed over. When they arrive we check them and send you a receipt for what we received."
            : "Cán bộ của chúng tôi sẽ liên hệ để thống nhất thời gian, địa điểm giao nhận. Khi nhận hàng, chúng tôi kiểm tra và gửi quý vị phiếu thu cho số hàng đã nhận.");
        if (m.StatusUrl is not null) b.Link(en ? "See the status of your pledge" : "Xem tình trạng đăng ký", m.StatusUrl);
        DonorPage(b, m.DonorPageUrl, en);
        b.Signature(en);
        return b.Done(en ? $"Your pledge of goods {m.Reference}" : $"Đăng ký ủng hộ hiện vật {m.Reference}", []);
    }

    private static void Goods(Body b, IReadOnlyList<string>? goods, bool en)
    {
        if (goods is not { Count: > 0 }) return;
        b.Table(goods.Select((g, i) => (en ? $"Goods {i + 1}" : $"Hiện vật {i + 1}", g)));
    }

    private static RenderedMail Receipt(ReceiptMail m, bool en)
    {
        var b = new Body(en ? $"Dear {m.DonorName}," : $"Kính gửi {m.DonorName},");
        b.Para(en
            ? $"We received your gift of {Vnd(m.AmountVnd)} on {VietnameseFormat.Date(m.ReceivedOn)}{For(m.CampaignTitle, en)}. Your receipt {m.ReceiptNumber} is attached."
            : $"Chúng tôi đã nhận khoản ủng hộ {Vnd(m.AmountVnd)} của quý vị ngày {VietnameseFormat.Date(m.ReceivedOn)}{For(m.CampaignTitle, en)}. Phiếu thu số {m.ReceiptNumber} được đính kèm thư này.");
        if (m.VerifyUrl is not null)
            b.Link(en ? "Anyone can verify this gift here" : "Ai cũng có thể xác minh khoản ủng hộ này tại đây", m.VerifyUrl);
        DonorPage(b, m.DonorPageUrl, en);
        b.Signature(en);
        var fileName = $"phieu-thu-{m.ReceiptNumber}.pdf";
        var files = m.Pdf is { Length: > 0 }
            ? new List<MailAttachment> { new() { FileName = fileName, ContentType = "application/pdf", Content = m.Pdf } }
            : m.PdfWhenSent
                ? new List<MailAttachment> { new() { FileName = fileName, ContentType = "application/pdf", ReceiptNumber = m.ReceiptNumber } }
                : [];
        return b.Done(en ? $"Receipt {m.ReceiptNumber} for your gift" : $"Phiếu thu {m.ReceiptNumber} cho khoản ủng hộ của quý vị", files);
    }

    private static RenderedMail ThankYou(ThankYouMail m, bool en)
    {
        var b = new Body(en ? $"Dear {m.DonorName}," : $"Kính gửi {m.DonorName},");
        b.Para(en
            ? $"Thank you for your gift of {Vnd(m.AmountVnd)}{For(m.CampaignTitle, en)}. It goes to children in Vietnam's mountain communes, and every đồng is on our public statement."
            : $"Xin chân thành cảm ơn quý vị đã ủng hộ {Vnd(m.AmountVnd)}{For(m.CampaignTitle, en)}. Món quà đến với trẻ em các xã vùng cao, và từng đồng đều có trong sao kê công khai.");
        if (m.CampaignUrl is not null) b.Link(en ? "Follow the campaign" : "Theo dõi chiến dịch", m.CampaignUrl);
        b.Signature(en);
        return b.Done(en ? "Thank you for your gift" : "Cảm ơn quý vị đã ủng hộ", []);
    }

    private static RenderedMail AdvanceInvoiceReminder(AdvanceInvoiceReminderMail m, bool en)
    {
        var b = new Body(en ? $"Dear {m.StaffName}," : $"Kính gửi {m.StaffName},");
        var blocked = m.DaysLate >= (m.BlockedFrom.DayNumber - m.PaymentDate.DayNumber);
        b.Para(en
            ? $"The advance no. {m.ExpenseId} to {m.SupplierName}, {Vnd(m.AmountVnd)}, paid on {VietnameseFormat.Date(m.PaymentDate)}, has had no invoice for {m.DaysLate} days."
            : $"Khoản tạm ứng số {m.ExpenseId} cho {m.SupplierName}, {Vnd(m.AmountVnd)}, chi ngày {VietnameseFormat.Date(m.PaymentDate)}, đã {m.DaysLate} ngày chưa có hoá đơn.");
        b.Para(blocked
            ? en ? "You can make no new disbursement until its invoice is filed." : "Bạn không tạo được khoản chi mới cho đến khi nộp hoá đơn của khoản này."
            : en ? $"Please file its invoice before {VietnameseFormat.Date(m.BlockedFrom)}: from that day you can make no new disbursement until it is filed."
                 : $"Vui lòng nộp hoá đơn trước ngày {VietnameseFormat.Date(m.BlockedFrom)}: từ ngày đó bạn không tạo được khoản chi mới cho đến khi nộp.");
        b.Link(en ? "File the invoice" : "Nộp hoá đơn", m.ExpenseUrl);
        b.Signature(en);
        return b.Done(en ? $"Advance no. {m.ExpenseId}: no invoice for {m.DaysLate} days"
                         : $"Tạm ứng số {m.ExpenseId}: {m.DaysLate} ngày chưa có hoá đơn", []);
    }

    private static RenderedMail InstalmentReminder(InstalmentReminderMail m, bool en)
    {
        var b = new Body(en ? $"Dear {m.DonorName}," : $"Kính gửi {m.DonorName},");
        b.Para(en
            ? $"The next instalment of your pledge {m.Reference}{For(m.CampaignTitle, en)}, {Vnd(m.AmountVnd)}, is due on {VietnameseFormat.Date(m.DueOn)}."
            : $"Đợt tiếp theo của đăng ký ủng hộ {m.Reference}{For(m.CampaignTitle, en)}, số tiền {Vnd(m.AmountVnd)}, đến hạn ngày {VietnameseFormat.Date(m.DueOn)}.");
        b.Link(en ? "Pay this instalment" : "Thanh toán đợt này", m.PayUrl);
        DonorPage(b, m.DonorPageUrl, en);
        b.Signature(en);
        return b.Done(en ? $"Instalment due on {VietnameseFormat.Date(m.DueOn)}: pledge {m.Reference}"
                         : $"Nhắc đợt ủng hộ đến hạn ngày {VietnameseFormat.Date(m.DueOn)}: {m.Reference}", []);
    }

    private static RenderedMail GoodsDeliveryReminder(GoodsDeliveryReminderMail m, bool en)
    {
        var b = new Body(en ? $"Dear {m.DonorName}," : $"Kính gửi {m.DonorName},");
        b.Para(en
            ? $"The goods of your pledge {m.Reference}{For(m.CampaignTitle, en)} are planned to arrive by {VietnameseFormat.Date(m.DeliverBy)}. Still to come:"
            : $"Hàng của cam kết ủng hộ {m.Reference}{For(m.CampaignTitle, en)} dự kiến giao trước ngày {VietnameseFormat.Date(m.DeliverBy)}. Còn chờ nhận:");
        foreach (var line in m.Missing) b.Para("• " + line);
        b.Para(en
            ? "If the plan has changed, please reply to this mail or call the programme so the communes can prepare."
            : "Nếu kế hoạch giao thay đổi, xin trả lời thư này hoặc gọi cho Ban chương trình để các xã chuẩn bị nhận hàng.");
        b.Link(en ? "See the pledge" : "Xem cam kết", m.PledgeUrl);
        DonorPage(b, m.DonorPageUrl, en);
        b.Signature(en);
        return b.Done(en ? $"Goods due by {VietnameseFormat.Date(m.DeliverBy)}: pledge {m.Reference}"
                         : $"Nhắc lịch giao hàng trước ngày {VietnameseFormat.Date(m.DeliverBy)}: {m.Reference}", []);
    }

    private static RenderedMail CampaignUpdate(CampaignUpdateMail m, bool en)
    {
        var b = new Body(en ? $"Dear {m.DonorName}," : $"Kính gửi {m.DonorName},");
        b.Para(en ? $"News from the campaign {m.CampaignTitle}:" : $"Tin mới từ chiến dịch {m.CampaignTitle}:");
        b.Heading(m.StoryTitle);
        if (!string.IsNullOrWhiteSpace(m.StorySummary)) b.Para(m.StorySummary);
        b.Link(en ? "Read the story" : "Đọc bài viết", m.StoryUrl);
        b.Small(en ? "You receive this because you follow this campaign." : "Quý vị nhận thư này vì đã đăng ký theo dõi chiến dịch.");
        b.Link(en ? "Unsubscribe" : "Hủy nhận tin", m.UnsubscribeUrl);
        b.Signature(en);
        return b.Done($"{m.CampaignTitle}: {m.StoryTitle}", [], Url(m.UnsubscribeUrl));
    }

    private static RenderedMail FollowConfirmation(FollowConfirmationMail m, bool en)
    {
        var b = new Body(m.Name is { Length: > 0 } name ? (en ? $"Dear {name}," : $"Kính gửi {name},") : (en ? "Hello," : "Xin chào,"));
        b.Para(en ? $"This address was just registered to receive news of the campaign {m.CampaignTitle}."
                  : $"Địa chỉ e-mail này vừa được đăng ký nhận tin của chiến dịch {m.CampaignTitle}.");
        b.Link(en ? "Yes, send me the campaign's news" : "Đúng, tôi muốn nhận tin của chiến dịch", m.ConfirmUrl);
        b.Small(en ? $"The link works for {CampaignUpdates.CampaignFollower.ConfirmDays} days. If it was not you, ignore this mail: nothing is sent without your confirmation."
                   : $"Đường dẫn có hiệu lực {CampaignUpdates.CampaignFollower.ConfirmDays} ngày. Nếu không phải quý vị đăng ký, xin bỏ qua thư này: chúng tôi không gửi gì khi chưa được quý vị xác nhận.");
        b.Signature(en);
        return b.Done(en ? $"Please confirm: news of {m.CampaignTitle}" : $"Xin xác nhận nhận tin chiến dịch {m.CampaignTitle}", []);
    }

    /// <summary>The donor's own page (no password: the link is the key), in every mail that is the donor's alone.</summary>
    private static void DonorPage(Body b, string? url, bool en)
    {
        if (url is not null)
            b.Link(en ? "Your pledges, gifts and receipts (a private link: keep it to yourself)"
                      : "Các khoản ủng hộ và phiếu thu của quý vị (đường dẫn riêng, xin đừng chia sẻ)", url);
    }

    private static string Vnd(long amount) => VietnameseFormat.Vnd(amount);

    private static string For(string? campaign, bool en) =>
        string.IsNullOrWhiteSpace(campaign) ? "" : en ? $" to the campaign {campaign}" : $" cho chiến dịch {campaign}";

    /// <summary>Only absolute http(s) links go into a mail.</summary>
    private static string Url(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)
            ? u.AbsoluteUri
            : throw new ArgumentException($"Not an http(s) link: {url}", nameof(url));

    /// <summary>Builds the HTML and the plain-text body side by side.</summary>
    private sealed class Body
    {
        private readonly StringBuilder _html = new();
        private readonly StringBuilder _text = new();

        public Body(string greeting)
        {
            _html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif;line-height:1.5\">");
            Para(greeting);
        }

        public void Para(string s)
        {
            _html.Append("<p>").Append(Html.Encode(s)).Append("</p>");
            _text.Append(s).Append("\n\n");
        }

        public void Heading(string s)
        {
            _html.Append("<h2>").Append(Html.Encode(s)).Append("</h2>");
            _text.Append(s).Append("\n\n");
        }

        public void Small(string s)
        {
            _html.Append("<p style=\"font-size:small;color:#555\">").Append(Html.Encode(s)).Append("</p>");
            _text.Append(s).Append('\n');
        }

        public void Link(string label, string url)
        {
            var href = Url(url);
            _html.Append("<p><a href=\"").Append(Html.Encode(href)).Append("\">").Append(Html.Encode(label)).Append("</a></p>");
            _text.Append(label).Append(": ").Append(href).Append("\n\n");
        }

        public void Image(string contentId, string alt) =>
            _html.Append("<p><img src=\"cid:").Append(Html.Encode(contentId)).Append("\" alt=\"").Append(Html.Encode(alt))
                .Append("\" width=\"240\" height=\"240\"></p>");

        public void Table(IEnumerable<(string Label, string Value)> rows)
        {
            _html.Append("<table>");
            foreach (var (label, value) in rows)
            {
                _html.Append("<tr><th style=\"text-align:left;padding-right:1em\">").Append(Html.Encode(label)).Append("</th><td>")
                    .Append(Html.Encode(value)).Append("</td></tr>");
                _text.Append(label).Append(": ").Append(value).Append('\n');
            }
            _html.Append("</table>");
            _text.Append('\n');
        }

        public void Signature(bool en) => Para(en ? "With thanks, ChildAid" : "Trân trọng, ChildAid");

        public RenderedMail Done(string subject, IReadOnlyList<MailAttachment> files, string? unsubscribe = null)
        {
            _html.Append("</body></html>");
            return new RenderedMail(subject, _html.ToString(), _text.ToString().TrimEnd() + "\n", files, unsubscribe);
        }
    }
}
