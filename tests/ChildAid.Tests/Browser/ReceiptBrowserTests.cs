using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ZXing;
using ZXing.Common;

namespace ChildAid.Tests.Browser;

/// <summary>The printed receipt in Chromium: its QR code leads to the gift on the public statement, and it prints on one A5 (or A4) page.</summary>
[Collection(BrowserCollection.Name)]
public partial class ReceiptBrowserTests(BrowserFixture site)
{
    private async Task<(IPage Page, Contribution Gift)> ReceiptPageAsync()
    {
        Contribution gift;
        int unitId;
        // The full services as the CLI has them: BackOffice's own context starts with an empty unit scope.
        await using var services = site.Database.Services();
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ChildAid.Shared.Audit.AuditActor>().Name = "browser-test";
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var unit = await TestData.UnitAsync(db, "Xã Ia Tơi (phiếu thu)");
            unitId = unit.Id;
            var donor = await TestData.DonorAsync(db, unit.Id, "Trần Thị Mai Hương");
            var campaign = await TestData.CampaignAsync(db, "Bữa trưa có thịt");
            var outcome = await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(TestData.Cash(donor.Id, unit.Id, 2_500_000, campaign.Id));
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
            gift = outcome.Value!;
        }
        var userName = $"thuquy{Guid.NewGuid():N}"[..20];
        await site.CreateStaffAsync(userName, [Roles.Accountant], unitId);
        // Bypass CSP: the test draws the QR code's SVG on a canvas to read it back.
        var page = await site.NewPageAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, BypassCSP = true,
        });
        await site.LogInAsync(page, userName);
        var response = await page.GotoAsync($"{site.BackOfficeUrl}/Contributions/Receipt/{gift.Id}");
        Assert.Equal(200, response!.Status);
        return (page, gift);
    }

    [Fact]
    public async Task Receipt_QR_code_decodes_to_its_public_statement_entry_which_shows_the_gift()
    {
        var (page, gift) = await ReceiptPageAsync();

        var decoded = await DecodeQrAsync(page);

        Assert.Equal($"{site.PublicUrl}/sao-ke/{gift.ReceiptNumber}", decoded);
        var reader = await site.NewPageAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, BypassCSP = true,
        });
        var entry = await reader.GotoAsync(decoded);
        Assert.Equal(200, entry!.Status);
        var text = await reader.InnerTextAsync("main");
        Assert.Contains(gift.ReceiptNumber, text, StringComparison.Ordinal);
        Assert.Contains("2.500.000 ₫", text, StringComparison.Ordinal);
        Assert.Contains("Trần Thị Mai Hương", text, StringComparison.Ordinal);
        await Axe.AssertAccessibleAsync(reader);
        Assert.True(await reader.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        await BrowserFixture.ScreenshotAsync(reader, "public-entry");
    }

    [Fact]
    public async Task Receipt_prints_on_one_A5_page_by_default_and_on_one_A4_page_when_asked()
    {
        var (page, gift) = await ReceiptPageAsync();
        await BrowserFixture.ScreenshotAsync(page, "receipt-phone");
        await Axe.AssertAccessibleAsync(page);

        var a5 = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "childaid-screenshots", "receipt-a5.pdf"), a5);
        await page.GotoAsync($"{site.BackOfficeUrl}/Contributions/Receipt/{gift.Id}?kho=A4");
        var a4 = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });

        Assert.Equal(1, PageCount(a5));
        Assert.Equal(1, PageCount(a4));
        // A5 is 148 × 210 mm = 419.5 × 595.3 pt; A4 is 595.3 × 841.9 pt.
        Assert.Equal(420, PageWidthPoints(a5));
        Assert.Equal(595, PageWidthPoints(a4));
        // What the A5 sheet looks like: print styles on a viewport as wide as its printable area (128 mm ≈ 484 px).
        await page.SetViewportSizeAsync(484, 718);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });
        await page.GotoAsync($"{site.BackOfficeUrl}/Contributions/Receipt/{gift.Id}");
        await BrowserFixture.ScreenshotAsync(page, "receipt-print-a5");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Screen });
        var printed = await PrintedTextAsync(page);
        Assert.DoesNotContain("Tổng quan", printed, StringComparison.Ordinal);
        Assert.Contains("PHIẾU THU", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_counting_sees_every_page_of_a_pdf()
    {
        var two = Encoding.ASCII.GetBytes("%PDF-1.4 1 0 obj <</Type /Pages /Count 2>> 2 0 obj <</Type /Page /MediaBox [0 0 419.53 595.28]>> 3 0 obj <</Type/Page>>");
        Assert.Equal(2, PageCount(two));
        Assert.Equal(420, PageWidthPoints(two));
    }

    /// <summary>The text a printer would show: everything not hidden by the print style sheet.</summary>
    private static async Task<string> PrintedTextAsync(IPage page)
    {
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });
        var text = await page.InnerTextAsync("body");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Screen });
        return text;
    }

    /// <summary>Draws the inline SVG on a canvas (in Chromium) and reads its grey levels back into ZXing.</summary>
    private static async Task<string> DecodeQrAsync(IPage page)
    {
        const int size = 400;
        var grey = await page.EvaluateAsync<int[]>("""
            async size => {
              const svg = document.querySelector('#receipt-qr svg');
              const xml = new XMLSerializer().serializeToString(svg);
              const img = new Image();
              img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(xml);
              await img.decode();
              const canvas = document.createElement('canvas');
              canvas.width = size; canvas.height = size;
              const g = canvas.getContext('2d');
              g.fillStyle = '#fff'; g.fillRect(0, 0, size, size);
              g.drawImage(img, 0, 0, size, size);
              const rgba = g.getImageData(0, 0, size, size).data;
              const out = new Array(size * size);
              for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4];
              return out;
            }
            """, size);
        var source = new RGBLuminanceSource(grey.Select(v => (byte)v).ToArray(), size, size, RGBLuminanceSource.BitmapFormat.Gray8);
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        var result = reader.Decode(source);
        Assert.True(result is not null, "the receipt's QR code did not decode");
        return result.Text;
    }

    private static int PageCount(byte[] pdf) => PdfPage().Matches(Encoding.Latin1.GetString(pdf)).Count;

    private static int PageWidthPoints(byte[] pdf)
    {
        var box = MediaBox().Match(Encoding.Latin1.GetString(pdf));
        Assert.True(box.Success, "no /MediaBox in the PDF");
        return (int)Math.Round(double.Parse(box.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"/Type\s*/Page(?![A-Za-z])")]
    private static partial Regex PdfPage();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+[\d.]+\s*\]")]
    private static partial Regex MediaBox();
}
