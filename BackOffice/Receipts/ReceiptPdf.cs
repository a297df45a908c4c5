using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Text;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using QRCoder;
using SkiaSharp;

namespace ChildAid.BackOffice.Receipts;

/// <summary>
/// The receipt (phiếu thu) as a PDF on A5: issuer, number and date, donor, purpose, amount in figures and in words
/// (English too for a foreign gift), goods lines, the signature block. Drawn only from what never changes once
/// booked (and the reversal, if any), with dates and document ids taken from the receipt itself, so every render of a
/// receipt is the same bytes: what the donor downloads today is what staff download next year.
/// </summary>
public static partial class ReceiptPdf
{
    private const double Margin = 36;
    private static readonly XFont Title = new(ReceiptFonts.Family, 16, XFontStyleEx.Bold);
    private static readonly XFont Strong = new(ReceiptFonts.Family, 9.5, XFontStyleEx.Bold);
    private static readonly XFont Body = new(ReceiptFonts.Family, 9.5, XFontStyleEx.Regular);
    private static readonly XFont Small = new(ReceiptFonts.Family, 7.5, XFontStyleEx.Regular);

    /// <param name="issued">The words the receipt was issued with (<see cref="ReceiptIssues"/>): payer, purpose, issuer, who made it out.</param>
    /// <param name="verifyUrl">The receipt's public verified-gift page (<see cref="VerifyUrl"/>), printed as text and QR code.</param>
    public static byte[] Render(Contribution receipt, ReceiptIssue issued, string? verifyUrl = null)
    {
        ReceiptFonts.Install();
        using var document = new PdfDocument();
        var issuedAt = DateTime.SpecifyKind(receipt.RecordedAt, DateTimeKind.Utc);
        document.Info.Title = $"Phiếu thu {receipt.ReceiptNumber}";
        document.Info.Author = issued.IssuerName;
        document.Info.CreationDate = issuedAt;
        document.Info.ModificationDate = issuedAt;
        var id = DocumentId(receipt);
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;

        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(148);
        page.Height = XUnit.FromMillimeter(210);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var pen = new Pen(gfx, page.Width.Point);
            Draw(pen, receipt, issued);
            if (verifyUrl is not null) pen.Verification(verifyUrl);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return WithFixedIds(output.ToArray(), receipt.ReceiptNumber);
    }

    /// <summary>
    /// PDFsharp names the XMP metadata by a fresh uuid and each embedded font subset with a random six-letter tag ("MJSXQB+DejaVuSans"); the tag only has
    /// to differ between subsets of one file, so it is replaced by one derived from the face name. Same length, so the
    /// cross-reference offsets stay right.
    /// </summary>
    private static byte[] WithFixedIds(byte[] pdf, string receiptNumber)
    {
        var text = Encoding.Latin1.GetString(pdf);
        // The XMP metadata names the file by a fresh uuid each save; the receipt's own one takes its place.
        var uuid = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("childaid-receipt-xmp:" + receiptNumber))[..16]).ToString("D");
        text = XmpUuid().Replace(text, "uuid:" + uuid);
        foreach (var tagged in SubsetTag().Matches(text).Select(m => m.Value).Distinct().ToList())
        {
            var face = tagged[8..];
            var hash = SHA256.HashData(Encoding.ASCII.GetBytes(face));
            var tag = new string(hash[..6].Select(b => (char)('A' + b % 26)).ToArray());
            text = text.Replace(tagged, "/" + tag + "+" + face, StringComparison.Ordinal);
        }
        return Encoding.Latin1.GetBytes(text);
    }

    [GeneratedRegex(@"uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex XmpUuid();

    [GeneratedRegex(@"/[A-Z]{6}\+[A-Za-z0-9#_.-]+")]
    private static partial Regex SubsetTag();

    /// <summary>
    /// The verified-gift page on PublicSite for a receipt that has one (booked since verified gifts exist): anyone shown
    /// the paper can check the real amount, against doctored copies.
    /// </summary>
    public static string? VerifyUrl(Contribution receipt, Shared.Hosting.PublicSiteLinkOptions site) =>
        receipt.VerifyToken is { } token ? site.Url(Shared.Ledger.VerifiedGift.PathPrefix + token) : null;

    public static string FileName(Contribution receipt) => $"phieu-thu-{receipt.ReceiptNumber}.pdf";

    private static void Draw(Pen pen, Contribution c, ReceiptIssue issued)
    {
        pen.Line(issued.IssuerName.ToUpper(VietnameseFormat.Culture), Strong);
        pen.Line(issued.IssuerAddress, Small);
        pen.Line($"Mã số thuế: {issued.IssuerTaxCode}", Small);
        if (!string.IsNullOrWhiteSpace(issued.IssuerPhone)) pen.Line($"Điện thoại: {issued.IssuerPhone}", Small);
        pen.Gap(10);
        pen.Centred("PHIẾU THU", Title);
        pen.Centred($"Số: {c.ReceiptNumber} — Ngày {VietnameseFormat.Date(c.ReceivedOn)}", Body);
        if (c.Reversal is { } reversal)
            pen.Centred($"ĐÃ HỦY ngày {VietnameseFormat.Date(Shared.Time.VietnamClock.ToVietnamDate(reversal.ReversedAt))}. Lý do: {reversal.Reason}", Strong);
        pen.Gap(8);
        pen.Field("Người nộp (nhà tài trợ)", issued.PayerName);
        if (issued.PayerTaxCode is { Length: > 0 } taxCode) pen.Field("Mã số thuế", taxCode);
        if (issued.PayerAddress is { Length: > 0 } address) pen.Field("Địa chỉ", address);
        pen.Field("Lý do nộp", Purpose(issued));
        pen.Field("Hình thức", Method(c.Method));
        pen.Field("Số tiền", VietnameseFormat.Vnd(c.AmountVnd), bold: true);
        pen.Field("Viết bằng chữ", VietnameseNumberWords.Dong(c.AmountVnd) + ".");
        if (c.OriginalCurrency is not null)
        {
            pen.Field("Ngoại tệ", $"{c.OriginalAmount!.Value.ToString("#,0.##", VietnameseFormat.Culture)} {c.OriginalCurrency} × tỷ giá {c.ExchangeRate!.Value.ToString("#,0.######", VietnameseFormat.Culture)}");
            pen.Field("In words", EnglishNumberWords.Dong(c.AmountVnd) + ".");
        }
        if (issued.ReceivingUnit.Length > 0) pen.Field("Đơn vị tiếp nhận", issued.ReceivingUnit);
        foreach (var l in c.GoodsLines)
            pen.Field("Hiện vật", $"{l.Quantity.ToString("#,0", VietnameseFormat.Culture)} {l.Unit} {l.Item} × {VietnameseFormat.Vnd(l.UnitValueVnd)} = {VietnameseFormat.Vnd(l.Quantity * l.UnitValueVnd)}");
        pen.Gap(16);
        pen.Signatures(["Người nộp tiền", "Người lập phiếu", "Thủ quỹ", "Kế toán"], issued.RecordedBy);
    }

    public static string Purpose(ReceiptIssue issued) => issued.CampaignTitle is { } title
        ? $"Ủng hộ chiến dịch “{title}”"
        : "Ủng hộ chung, không chỉ định chiến dịch";

    private static string Method(ContributionMethod method) => method switch
    {
        ContributionMethod.Cash => "Tiền mặt",
        ContributionMethod.BankTransfer => "Chuyển khoản",
        ContributionMethod.InKind => "Hiện vật",
        _ => method.ToString(),
    };

    /// <summary>The PDF's file identifier, from the receipt number: the same receipt is the same file.</summary>
    private static string DocumentId(Contribution c) =>
        Encoding.Latin1.GetString(SHA256.HashData(Encoding.UTF8.GetBytes("childaid-receipt:" + c.ReceiptNumber))[..16]);

    /// <summary>Writes down the page, line after line, wrapping long values inside the margins.</summary>
    private sealed class Pen(XGraphics gfx, double pageWidth)
    {
        private readonly XTextFormatter _text = new(gfx);
        private double _y = Margin;
        private double Width => pageWidth - 2 * Margin;

        public void Line(string text, XFont font) => Write(text, font, Margin, Width, XParagraphAlignment.Left);

        public void Centred(string text, XFont font) => Write(text, font, Margin, Width, XParagraphAlignment.Center);

        public void Field(string label, string value, bool bold = false)
        {
            const double labelWidth = 110;
            var top = _y;
            Write(label + ":", Body, Margin, labelWidth, XParagraphAlignment.Left);
            var afterLabel = _y;
            _y = top;
            Write(value, bold ? Strong : Body, Margin + labelWidth, Width - labelWidth, XParagraphAlignment.Left);
            _y = Math.Max(_y, afterLabel) + 2;
        }

        public void Signatures(string[] roles, string recordedBy)
        {
            var column = Width / roles.Length;
            var top = _y;
            var bottom = top;
            for (var i = 0; i < roles.Length; i++)
            {
                _y = top;
                Write(roles[i], Strong, Margin + i * column, column, XParagraphAlignment.Center);
                Write("(Ký, ghi rõ họ tên)", Small, Margin + i * column, column, XParagraphAlignment.Center);
                _y += 40;
                if (i == 1) Write(recordedBy, Body, Margin + i * column, column, XParagraphAlignment.Center);
                bottom = Math.Max(bottom, _y);
            }
            _y = bottom;
        }

        public void Gap(double points) => _y += points;

        /// <summary>
        /// The code as an opaque RGB PNG, 4 pixels a module with its quiet zone: PDFsharp imports that kind of PNG (not
        /// QRCoder's own one-bit palette PNG), and the same link always gives the same bytes.
        /// </summary>
        private static byte[] QrPng(string url)
        {
            const int scale = 4;
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
            var modules = data.ModuleMatrix;
            var size = modules.Count * scale;
            using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
            for (var y = 0; y < size; y++)
                for (var x = 0; x < size; x++)
                    bitmap.SetPixel(x, y, modules[y / scale][x / scale] ? SKColors.Black : SKColors.White);
            using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            return encoded.ToArray();
        }

        /// <summary>The verified-gift link under the signatures: its QR code, and the address printed beside it.</summary>
        public void Verification(string url)
        {
            const double size = 64;
            _y += 10;
            using var png = new MemoryStream(QrPng(url));
            using var image = XImage.FromStream(png);
            gfx.DrawImage(image, Margin, _y, size, size);
            var top = _y;
            Write("Xác minh phiếu thu này (số tiền, ngày, chiến dịch) tại:", Small, Margin + size + 8, Width - size - 8, XParagraphAlignment.Left);
            Write(url, Small, Margin + size + 8, Width - size - 8, XParagraphAlignment.Left);
            _y = Math.Max(_y, top + size);
        }

        private void Write(string text, XFont font, double x, double width, XParagraphAlignment alignment)
        {
            var lineHeight = font.GetHeight();
            var lines = Math.Max(1, (int)Math.Ceiling(gfx.MeasureString(text, font).Width / (width * 0.85)) + CountBreaks(text));
            var height = lines * lineHeight + 2;
            _text.Alignment = alignment;
            _text.DrawString(text, font, XBrushes.Black, new XRect(x, _y, width, height), XStringFormats.TopLeft);
            _y += height;
        }

        private static int CountBreaks(string text) => text.Count(ch => ch == '\n');
    }
}
