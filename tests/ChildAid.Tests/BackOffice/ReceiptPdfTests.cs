using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace ChildAid.Tests.BackOffice;

/// <summary>The receipt as a PDF: read back with PdfPig, the same bytes on every download, only for staff who cover its unit.</summary>
public abstract class ReceiptPdfTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private async Task<(StaffClient Client, Shared.Contributions.Contribution Gift)> ReceiptAsync(string? currency = null)
    {
        await using var desk = await GiftDesk.OpenAsync(Db, "Công ty TNHH Ánh Dương");
        var campaign = await TestData.CampaignAsync(desk.Db, "Áo ấm cho em");
        var input = desk.Cash(1_200_000, campaign.Id);
        if (currency is not null)
        {
            input.AmountVnd = null;
            input.OriginalCurrency = currency;
            input.OriginalAmount = 48m;
            input.ExchangeRate = 25_000m;
        }
        input.ReceivedOn = new DateOnly(2026, 11, 20);
        input.Note = "Ghi chú nội bộ không in";
        var outcome = await desk.Gifts.RecordAsync(input);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        await StaffAsync("canboxa", [Roles.CommuneOfficer], desk.Unit.Id);
        return (await LogInAsync("canboxa"), outcome.Value!);
    }

    private static string PdfUrl(int id) => $"/Contributions/Receipt/{id}?handler=Pdf";

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private async Task<byte[]> DownloadAsync(StaffClient client, int id)
    {
        var response = await client.Http.GetAsync(PdfUrl(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Receipt_pdf_reads_back_with_the_issuer_number_donor_amount_in_figures_and_words_purpose_date_and_signatures()
    {
        var (client, gift) = await ReceiptAsync();

        var text = TextOf(await DownloadAsync(client, gift.Id));

        var config = App.Services.GetRequiredService<IConfiguration>();
        Assert.Contains(config["Receipts:Issuer:Name"]!.ToUpperInvariant().Split(' ')[0], text);
        Assert.Contains("Mã số thuế: " + config["Receipts:Issuer:TaxCode"], text);
        Assert.Contains("PHIẾU THU", text);
        Assert.Contains(gift.ReceiptNumber, text);
        Assert.Contains("20/11/2026", text);
        Assert.Contains("Công ty TNHH Ánh Dương", text);
        Assert.Contains("1.200.000 ₫", text);
        Assert.Contains("Một triệu hai trăm nghìn đồng.", text);
        Assert.Contains("Áo ấm cho em", text);
        foreach (var signer in new[] { "Người nộp tiền", "Người lập phiếu", "Thủ quỹ", "Kế toán" })
            Assert.Contains(signer, text);
        Assert.DoesNotContain("Ghi chú nội bộ", text);
    }

    [Fact]
    public async Task Receipt_pdf_of_a_foreign_gift_also_reads_the_amount_in_English()
    {
        var (client, gift) = await ReceiptAsync("USD");

        var text = TextOf(await DownloadAsync(client, gift.Id));

        Assert.Contains(VietnameseNumberWords.Dong(1_200_000), text);
        Assert.Contains("One million two hundred thousand dong.", text);
        Assert.Contains("USD", text);
    }

    [Fact]
    public async Task Receipt_pdf_prints_the_verified_gift_link_as_text_and_as_a_QR_code_that_reads_back()
    {
        var (client, gift) = await ReceiptAsync();
        var site = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Shared.Hosting.PublicSiteLinkOptions>>().Value;
        var url = site.Url(Shared.Ledger.VerifiedGift.PathPrefix + gift.VerifyToken);

        var pdf = await DownloadAsync(client, gift.Id);

        Assert.NotNull(gift.VerifyToken);
        Assert.Contains(url, TextOf(pdf));
        using var document = PdfDocument.Open(pdf);
        var image = Assert.Single(document.GetPage(1).GetImages());
        Assert.Equal(url, DecodeQr(image));
    }

    /// <summary>The image's decoded samples (grey, RGB, palette or one bit a pixel) as grey levels, read by ZXing as a camera would.</summary>
    private static string DecodeQr(UglyToad.PdfPig.Content.IPdfImage image)
    {
        var (width, height) = (image.WidthInSamples, image.HeightInSamples);
        Assert.True(image.TryGetBytesAsMemory(out var memory), "the QR image's samples cannot be decoded");
        var samples = memory.ToArray();
        var grey = new byte[width * height];
        var rowBytes = (width + 7) / 8;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                grey[y * width + x] = image.BitsPerComponent == 1
                    ? ((samples[y * rowBytes + x / 8] >> (7 - x % 8)) & 1) == 1 ? (byte)255 : (byte)0
                    : samples[(y * width + x) * (samples.Length / (width * height))];
        // A palette's or a mask's polarity is the file's choice: the quiet zone around the code is light, so the corner says.
        if (grey[0] < 128)
            for (var i = 0; i < grey.Length; i++) grey[i] = (byte)(255 - grey[i]);
        var source = new ZXing.RGBLuminanceSource(grey, width, height, ZXing.RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new ZXing.QrCode.QRCodeReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)));
        Assert.NotNull(result);
        return result.Text;
    }

    [Fact]
    public async Task A_receipt_once_issued_keeps_its_words_when_the_donor_or_campaign_is_edited_and_a_business_gets_its_tax_code_and_address()
    {
        int giftId;
        await using (var desk = await GiftDesk.OpenAsync(Db, "Công ty TNHH Ánh Dương", kind: Shared.Donors.DonorKind.Business))
        {
            desk.Donor.TaxCode = "0101234567";
            desk.Donor.Address = "12 Lê Lợi, Pleiku, Gia Lai";
            await desk.Db.SaveChangesAsync();
            var campaign = await TestData.CampaignAsync(desk.Db, "Áo ấm cho em");
            var outcome = await desk.Gifts.RecordAsync(desk.Cash(1_200_000, campaign.Id));
            Assert.True(outcome.Succeeded);
            giftId = outcome.Value!.Id;
            await StaffAsync("canboxa", [Roles.CommuneOfficer], desk.Unit.Id);
        }
        var client = await LogInAsync("canboxa");

        var issued = await DownloadAsync(client, giftId);
        await using (var db = Db.NewContext())
        {
            var donor = await db.Donors.IgnoreQueryFilters().SingleAsync(d => d.Name == "Công ty TNHH Ánh Dương");
            donor.Name = "Công ty CP Ánh Dương Mới";
            donor.Address = "99 Trần Phú, Pleiku";
            (await db.Campaigns.SingleAsync(c => c.Title == "Áo ấm cho em")).Title = "Chăn ấm mùa đông";
            await db.SaveChangesAsync();
        }
        var later = await DownloadAsync(client, giftId);
        var slip = await client.GetPageAsync($"/Contributions/Receipt/{giftId}");

        Assert.Equal(issued, later);
        var text = TextOf(later);
        foreach (var word in new[] { "Công ty TNHH Ánh Dương", "0101234567", "12 Lê Lợi, Pleiku, Gia Lai", "Áo ấm cho em" })
            Assert.Contains(word, text);
        foreach (var edited in new[] { "Ánh Dương Mới", "Trần Phú", "Chăn ấm" })
        {
            Assert.DoesNotContain(edited, text);
            Assert.DoesNotContain(edited, slip);
        }
        Assert.Contains("Công ty TNHH Ánh Dương", slip);
        Assert.Contains("0101234567", slip);

        // The database keeps the issued words whoever writes.
        await using var raw = Db.NewContext();
        await Assert.ThrowsAnyAsync<Exception>(() => raw.Database.ExecuteSqlRawAsync("UPDATE receipt_issues SET payer_name = 'x'"));
        await Assert.ThrowsAnyAsync<Exception>(() => raw.Database.ExecuteSqlRawAsync("DELETE FROM receipt_issues"));
    }

    [Fact]
    public async Task Receipt_pdf_is_the_same_bytes_on_every_download()
    {
        var (client, gift) = await ReceiptAsync();

        var first = await DownloadAsync(client, gift.Id);
        var second = await DownloadAsync(client, gift.Id);

        // Compared as text first so a difference shows where it is (a date, an id).
        Assert.Equal(System.Text.Encoding.Latin1.GetString(first), System.Text.Encoding.Latin1.GetString(second));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Receipt_pdf_of_another_unit_is_not_given_to_its_staff()
    {
        var (_, gift) = await ReceiptAsync();
        await using (var db = Db.NewContext())
        {
            var other = await TestData.UnitAsync(db, "Xã Ia Tơi");
            await StaffAsync("xakhac", [Roles.CommuneOfficer], other.Id);
        }
        var stranger = await LogInAsync("xakhac");

        var response = await stranger.Http.GetAsync(PdfUrl(gift.Id));

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Receipt_pdf_is_linked_from_the_receipt_page()
    {
        var (client, gift) = await ReceiptAsync();

        var html = WebUtility.HtmlDecode(await client.GetPageAsync($"/Contributions/Details/{gift.Id}"));

        Assert.Contains(PdfUrl(gift.Id), html);
    }
}

public class ReceiptPdfTestsOnSqlite() : ReceiptPdfTests(DatabaseProvider.Sqlite);

public class ReceiptPdfTestsOnPostgres() : ReceiptPdfTests(DatabaseProvider.Postgres);
