using System.Net;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Text;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.PublicSite;

/// <summary>
/// /xac-minh/{token}: the real amount, date, campaign and receipt number of a booked receipt, from the public ledger;
/// as an attacker: the public projection holds nothing the statement hides, a guessed token is 404, nothing lists them.
/// </summary>
public abstract class VerifiedGiftPageTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    private async Task<(Contribution Gift, string Token)> GiftAsync(string name, DisplayChoice choice, int? campaignId = null)
    {
        var unit = await UnitAsync();
        var donor = await DonorAsync(unit, name, choice);
        var gift = await GiveAsync(donor, unit, 1_200_000, campaignId, new DateOnly(2026, 11, 20));
        return (gift, gift.VerifyToken!);
    }

    [Fact]
    public async Task The_page_shows_the_real_amount_date_campaign_receipt_number_and_the_name_the_donor_shows()
    {
        var campaign = await CampaignAsync("Áo ấm cho em");
        var (gift, token) = await GiftAsync("Công ty TNHH Ánh Dương", DisplayChoice.NameAmount, campaign.Id);

        var html = WebUtility.HtmlDecode(await GetHtmlAsync(Client(), VerifiedGift.PathPrefix + token));

        Assert.Contains(gift.ReceiptNumber, html);
        Assert.Contains("20/11/2026", html);
        Assert.Contains(VietnameseFormat.Vnd(1_200_000), html);
        Assert.Contains("Áo ấm cho em", html);
        Assert.Contains("Công ty TNHH Ánh Dương", html);
        Assert.DoesNotContain("đã bị hủy", html);
    }

    [Fact]
    public async Task An_anonymous_donor_stays_anonymous_and_a_reversed_receipt_says_so()
    {
        var (gift, token) = await GiftAsync("Người Giấu Tên Thật", DisplayChoice.Anonymous);
        await ReverseAsync(gift.Id);

        var html = WebUtility.HtmlDecode(await GetHtmlAsync(Client(), VerifiedGift.PathPrefix + token));

        Assert.DoesNotContain("Người Giấu Tên Thật", html);
        Assert.Contains("Phiếu thu này đã bị hủy", html);
    }

    [Fact]
    public async Task A_guessed_or_malformed_token_is_404_and_nothing_lists_them()
    {
        var (_, token) = await GiftAsync("Trần Văn Bình", DisplayChoice.NameAmount);
        var guessed = token[..^2] + (token.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");
        var client = Client();

        foreach (var path in new[] { VerifiedGift.PathPrefix + guessed, VerifiedGift.PathPrefix + "abc", "/xac-minh", "/xac-minh/" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_public_projection_holds_nothing_the_statement_hides()
    {
        var (named, _) = await GiftAsync("Công ty TNHH Ánh Dương", DisplayChoice.NameAmount);
        var (anonymous, _) = await GiftAsync("Người Giấu Tên Thật", DisplayChoice.Anonymous);

        await using var db = Db.NewContext();
        // Column by column: the token's hash and the ledger sequence of the receipt — nothing else to read.
        var columns = db.Model.FindEntityType(typeof(VerifiedGift))!.GetProperties().Select(p => p.Name).Order().ToList();
        Assert.Equal([nameof(VerifiedGift.LedgerSequence), nameof(VerifiedGift.TokenHash)], columns);
        foreach (var gift in new[] { named, anonymous })
        {
            var row = await db.Set<VerifiedGift>().SingleAsync(v => v.LedgerSequence == gift.LedgerSequence);
            var entry = await db.LedgerEntries.SingleAsync(e => e.Sequence == row.LedgerSequence);
            Assert.Equal((LedgerEntryKind.Receipt, gift.ReceiptNumber), (entry.Kind, entry.ReceiptNumber));
            Assert.Equal(32, row.TokenHash.Length);
            Assert.NotEqual(System.Text.Encoding.ASCII.GetBytes(gift.VerifyToken!), row.TokenHash);
        }
        Assert.Equal(2, await db.Set<VerifiedGift>().CountAsync());
    }
}

public class VerifiedGiftPageTestsOnSqlite() : VerifiedGiftPageTests(DatabaseProvider.Sqlite);

public class VerifiedGiftPageTestsOnPostgres() : VerifiedGiftPageTests(DatabaseProvider.Postgres);
