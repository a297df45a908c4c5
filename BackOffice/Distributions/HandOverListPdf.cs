using ChildAid.BackOffice.Receipts;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace ChildAid.BackOffice.Distributions;

/// <summary>
/// The hand-over list (biên bản bàn giao) of a distribution to named children, on A4: the distribution (number, commune,
/// place, date, item with its size band, what each child receives), one row per child with name, date of birth, class and
/// school and an empty signature cell, then the giver's and receiver's signatures. Printed before the goods leave, signed
/// on the day and photographed as the delivery's proof. Vietnamese, in the receipts' embedded DejaVu Sans. BackOffice only.
/// </summary>
public static class HandOverListPdf
{
    private const double Margin = 40;
    private const double RowHeight = 26;
    private static readonly XFont Title = new(ReceiptFonts.Family, 14, XFontStyleEx.Bold);
    private static readonly XFont Strong = new(ReceiptFonts.Family, 9.5, XFontStyleEx.Bold);
    private static readonly XFont Body = new(ReceiptFonts.Family, 9.5, XFontStyleEx.Regular);
    private static readonly XFont Small = new(ReceiptFonts.Family, 7.5, XFontStyleEx.Regular);

    /// <summary>The columns: header and share of the table's width.</summary>
    private static readonly (string Header, double Share)[] Columns =
        [("STT", 0.06), ("Họ và tên", 0.30), ("Ngày sinh", 0.13), ("Lớp", 0.08), ("Trường", 0.22), ("Số lượng", 0.08), ("Ký nhận", 0.13)];

    public static string FileName(Distribution d) => $"bien-ban-ban-giao-{d.Id}.pdf";

    public static byte[] Render(DistributionDetail detail)
    {
        ReceiptFonts.Install();
        var d = detail.Distribution;
        var r = detail.Row;
        using var document = new PdfDocument();
        document.Info.Title = $"Biên bản bàn giao — đợt cấp phát số {d.Id}";
        var item = r.SizeBand is { } band ? $"{r.Item} ({NeedLabels.SizeBands[band]})" : r.Item;
        var page = NewPage(document);
        var gfx = XGraphics.FromPdfPage(page);
        var text = new XTextFormatter(gfx);
        var width = page.Width.Point - 2 * Margin;
        var y = Margin;

        void Write(string s, XFont font, double x, double w, XParagraphAlignment align = XParagraphAlignment.Left, double? height = null)
        {
            text.Alignment = align;
            var h = height ?? font.GetHeight() + 3;
            text.DrawString(s, font, XBrushes.Black, new XRect(x, y, w, h), XStringFormats.TopLeft);
        }

        void Line(string s, XFont font, XParagraphAlignment align = XParagraphAlignment.Left)
        {
            Write(s, font, Margin, width, align);
            y += font.GetHeight() + 3;
        }

        void Header()
        {
            var x = Margin;
            foreach (var (header, share) in Columns)
            {
                gfx.DrawRectangle(XPens.Black, x, y, width * share, RowHeight);
                y += 4;
                Write(header, Strong, x + 3, width * share - 6, XParagraphAlignment.Center);
                y -= 4;
                x += width * share;
            }
            y += RowHeight;
        }

        Line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Strong, XParagraphAlignment.Center);
        Line("Độc lập - Tự do - Hạnh phúc", Body, XParagraphAlignment.Center);
        y += 10;
        Line("BIÊN BẢN BÀN GIAO HÀNG CẤP PHÁT CHO TRẺ EM", Title, XParagraphAlignment.Center);
        Line($"Đợt cấp phát số {d.Id} — ngày {VietnameseFormat.Date(d.PlannedOn)}", Body, XParagraphAlignment.Center);
        y += 8;
        Line($"Xã: {r.Commune}. Nơi cấp phát: {d.Place}. Người chuyển hàng: {d.Carrier}.", Body);
        Line($"Mặt hàng: {item}. Mỗi trẻ nhận {VietnameseFormat.Number(d.PerChildQuantity ?? 0)} {r.Unit}; " +
             $"{VietnameseFormat.Number(detail.Children.Count)} trẻ, tổng {VietnameseFormat.Number(d.Quantity)} {r.Unit}.", Body);
        Line($"Phiếu thu {r.ReceiptNumber}, phân bổ {d.AllocationId}.", Small);
        y += 8;
        Header();
        var number = 0;
        foreach (var c in detail.Children)
        {
            if (y + RowHeight > page.Height.Point - Margin)
            {
                gfx.Dispose();
                page = NewPage(document);
                gfx = XGraphics.FromPdfPage(page);
                text = new XTextFormatter(gfx);
                y = Margin;
                Header();
            }
            number++;
            string[] cells = [number.ToString(VietnameseFormat.Culture), c.FullName, VietnameseFormat.Date(c.DateOfBirth), c.ClassName ?? "", c.School ?? "",
                VietnameseFormat.Number(d.PerChildQuantity ?? 0), ""];
            var x = Margin;
            for (var i = 0; i < Columns.Length; i++)
            {
                var w = width * Columns[i].Share;
                gfx.DrawRectangle(XPens.Black, x, y, w, RowHeight);
                y += 4;
                Write(cells[i], i == 1 ? Body : Small, x + 3, w - 6, i is 0 or 5 ? XParagraphAlignment.Center : XParagraphAlignment.Left, RowHeight - 6);
                y -= 4;
                x += w;
            }
            y += RowHeight;
        }
        if (y + 110 > page.Height.Point - Margin)
        {
            gfx.Dispose();
            page = NewPage(document);
            gfx = XGraphics.FromPdfPage(page);
            text = new XTextFormatter(gfx);
            y = Margin;
        }
        y += 14;
        Line("Trẻ không nhận được hàng: để trống ô ký nhận; số hàng đó được nhập lại kho khi xác nhận đã giao.", Small);
        y += 10;
        var top = y;
        string[] sides = ["Bên giao hàng", "Bên nhận hàng (cán bộ trường hoặc xã)"];
        for (var i = 0; i < sides.Length; i++)
        {
            y = top;
            Write(sides[i], Strong, Margin + i * width / 2, width / 2, XParagraphAlignment.Center);
            y += Strong.GetHeight() + 3;
            Write("(Ký, ghi rõ họ tên, chức vụ)", Small, Margin + i * width / 2, width / 2, XParagraphAlignment.Center);
        }
        gfx.Dispose();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static PdfPage NewPage(PdfDocument document)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        return page;
    }
}
