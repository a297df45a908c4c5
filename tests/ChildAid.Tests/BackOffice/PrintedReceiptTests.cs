using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChildAid.Tests.BackOffice;

/// <summary>The printed receipt (phiếu thu): who issues it, what was given, in figures and words, who signs, and a QR code to the public statement.</summary>
public abstract class PrintedReceiptTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private async Task<(StaffClient Client, Shared.Contributions.Contribution Gift, string CampaignTitle)> ReceiptAsync()
    {
        await using var desk = await GiftDesk.OpenAsync(Db, "Công ty TNHH Ánh Dương");
        var campaign = await TestData.CampaignAsync(desk.Db, "Áo ấm cho em");
        var input = desk.Cash(1_234_567, campaign.Id);
        input.ReceivedOn = new DateOnly(2026, 11, 20);
        input.Note = "Ghi chú nội bộ không in";
        var outcome = await desk.Gifts.RecordAsync(input);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        await StaffAsync("canboxa", [Roles.CommuneOfficer], desk.Unit.Id);
        return (await LogInAsync("canboxa"), outcome.Value!, campaign.Title);
    }

    private string Setting(string key) =>
        App.Services.GetRequiredService<IConfiguration>()[key] is { Length: > 0 } value ? value : throw new Xunit.Sdk.XunitException($"{key} is not configured");

    [Fact]
    public async Task Receipt_shows_the_issuer_the_gift_in_figures_and_words_the_purpose_and_signature_lines()
    {
        var (client, gift, campaign) = await ReceiptAsync();

        var html = WebUtility.HtmlDecode(await client.GetPageAsync($"/Contributions/Receipt/{gift.Id}"));

        Assert.Contains(Setting("Receipts:Issuer:Name"), html);
        Assert.Contains(Setting("Receipts:Issuer:Address"), html);
        Assert.Contains("Mã số thuế: " + Setting("Receipts:Issuer:TaxCode"), html);
        Assert.Contains("PHIẾU THU", html);
        Assert.Matches($"Số: <strong[^>]*>{gift.ReceiptNumber}</strong>", html);
        Assert.Contains("20/11/2026", html);
        Assert.Contains("Công ty TNHH Ánh Dương", html);
        Assert.Contains("1.234.567 ₫", html);
        Assert.Contains(VietnameseNumberWords.Dong(1_234_567), html);
        Assert.Contains(campaign, html);
        foreach (var signer in new[] { "Người nộp tiền", "Người lập phiếu", "Thủ quỹ", "Kế toán" })
            Assert.Contains(signer, html);
        Assert.Contains("(Ký, ghi rõ họ tên)", html);
        Assert.DoesNotContain("Ghi chú nội bộ không in", html);
    }

    [Fact]
    public async Task Receipt_carries_an_inline_QR_code_and_the_link_to_its_public_statement_entry()
    {
        var (client, gift, _) = await ReceiptAsync();

        var html = await client.GetPageAsync($"/Contributions/Receipt/{gift.Id}");

        var publicSite = App.Services.GetRequiredService<IOptions<ChildAid.Shared.Hosting.PublicSiteLinkOptions>>().Value.BaseUrl;
        var entryUrl = publicSite.TrimEnd('/') + "/sao-ke/" + gift.ReceiptNumber;
        Assert.Contains(entryUrl, html);
        Assert.Matches("id=\"receipt-qr\"[^>]*>\\s*<svg", html);
        Assert.DoesNotContain("<img", html);
    }

    [Fact]
    public async Task Receipt_prints_on_A5_unless_A4_is_asked_for()
    {
        var (client, gift, _) = await ReceiptAsync();

        var a5 = await client.GetPageAsync($"/Contributions/Receipt/{gift.Id}");
        var a4 = await client.GetPageAsync($"/Contributions/Receipt/{gift.Id}?kho=A4");

        Assert.Contains("@page { size: A5", a5);
        Assert.Contains("@page { size: A4", a4);
        Assert.Contains("?kho=A4", a5);
    }

    [Fact]
    public async Task Receipt_of_another_unit_is_not_found()
    {
        var (_, gift, _) = await ReceiptAsync();
        await using (var db = Db.NewContext())
        {
            var other = await TestData.UnitAsync(db, "Xã Ia Tơi");
            await StaffAsync("xakhac", [Roles.CommuneOfficer], other.Id);
        }
        var stranger = await LogInAsync("xakhac");

        var (response, _) = await stranger.GetAsync($"/Contributions/Receipt/{gift.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void BackOffice_refuses_to_start_without_the_issuer_tax_code()
    {
        using var app = App.WithWebHostBuilder(b => b.UseSetting("Receipts:Issuer:TaxCode", ""));

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Receipts:Issuer:TaxCode", error.Message);
    }
}

public class PrintedReceiptTestsOnSqlite() : PrintedReceiptTests(DatabaseProvider.Sqlite);

public class PrintedReceiptTestsOnPostgres() : PrintedReceiptTests(DatabaseProvider.Postgres);
