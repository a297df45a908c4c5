using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Text;

namespace ChildAid.Tests.PublicSite;

/// <summary>One gift's public page, /sao-ke/{receipt number}: where the receipt's QR code leads.</summary>
public abstract class StatementEntryPageTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task Entry_page_shows_what_the_statement_row_shows()
    {
        var unit = await UnitAsync();
        var campaign = await CampaignAsync("Bữa trưa có thịt");
        var donor = await DonorAsync(unit, "Công ty TNHH Ánh Dương", DisplayChoice.NameAmount);
        var gift = await GiveAsync(donor, unit, 1_500_000, campaign.Id, new DateOnly(2026, 11, 3));

        var html = WebUtility.HtmlDecode(await GetHtmlAsync(Client(), $"/sao-ke/{gift.ReceiptNumber}"));

        Assert.Contains(gift.ReceiptNumber, html);
        Assert.Contains("03/11/2026", html);
        Assert.Contains("Công ty TNHH Ánh Dương", html);
        Assert.Contains(VietnameseFormat.Vnd(1_500_000), html);
        Assert.Contains("Bữa trưa có thịt", html);
    }

    [Fact]
    public async Task Entry_page_keeps_an_anonymous_donor_anonymous_and_shows_a_reversal()
    {
        var unit = await UnitAsync();
        var donor = await DonorAsync(unit, "Người Giấu Tên Thật", DisplayChoice.Anonymous);
        var gift = await GiveAsync(donor, unit, 300_000);
        await ReverseAsync(gift.Id, "Nhập sai số tiền");

        var html = WebUtility.HtmlDecode(await GetHtmlAsync(Client(), $"/sao-ke/{gift.ReceiptNumber}"));

        Assert.DoesNotContain("Người Giấu Tên Thật", html);
        Assert.Contains(VietnameseFormat.Vnd(300_000), html);
        Assert.Contains(VietnameseFormat.Vnd(-300_000), html);
        Assert.Contains("Nhập sai số tiền", html);
    }

    [Fact]
    public async Task Unknown_receipt_number_is_not_found()
    {
        var response = await Client().GetAsync("/sao-ke/2026-999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public class StatementEntryPageTestsOnSqlite() : StatementEntryPageTests(DatabaseProvider.Sqlite);

public class StatementEntryPageTestsOnPostgres() : StatementEntryPageTests(DatabaseProvider.Postgres);
