using ChildAid.PublicSite.Giving;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Needs;
using ChildAid.Shared.PublicNeeds;
using ChildAid.Shared.Text;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChildAid.Tests.PublicSite;

/// <summary>
/// The public site's identity, read from the HTML: a title per page, pictures in several widths, what a gift buys
/// (from the needs catalogue and the approved needs), give buttons that lead to "Cách ủng hộ", totals from the ledger
/// and the latest published stories on the home page.
/// </summary>
public abstract class SiteIdentityTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task Campaign_page_has_its_own_title_a_picture_in_two_widths_what_a_gift_buys_and_a_give_button()
    {
        var campaign = await CampaignAsync("Áo ấm cho em");

        var html = await GetHtmlAsync(Client(), $"/chien-dich/{campaign.Slug}");

        Assert.Contains("<title>Áo ấm cho em — ChildAid</title>", html);
        Assert.Contains("srcset=\"/anh-minh-hoa/ao-am-cho-em-hero-480.jpg 480w, /anh-minh-hoa/ao-am-cho-em-hero-960.jpg 960w, /anh-minh-hoa/ao-am-cho-em-hero-1600.jpg 1600w\"", html);
        // No approved need names a jacket yet: the catalogue's typical price, in the size most children wear.
        Assert.Contains($"<strong>{VietnameseFormat.Vnd(180_000)}</strong> = một áo ấm mùa đông cỡ 6–8 tuổi", html);
        Assert.Contains($"href=\"/ung-ho?chien-dich={campaign.Slug}\"", html);
        Assert.Contains("class=\"btn give big\"", html);
    }

    [Fact]
    public async Task An_approved_need_sets_the_price_and_the_size_of_what_a_gift_buys()
    {
        var campaign = await CampaignAsync("Áo ấm cho em");
        await WithDbAsync(async db =>
        {
            db.PublicNeeds.Add(new PublicNeed
            {
                ReviewUnitId = 1, Year = 2026, CommuneId = 1, CommuneCode = "23535", CommuneName = "Xã Ia Đal",
                PeriodStart = new DateOnly(2026, 9, 1), PeriodEnd = new DateOnly(2027, 5, 31), Category = NeedCategory.WarmClothes,
                ItemCode = "winter-jacket", ItemNameVi = "Áo ấm mùa đông", ItemNameEn = "Winter jacket", SizeBand = SizeBand.Age9To11,
                Unit = NeedUnit.Items, ChildrenCount = 12, Quantity = 12, EstimatedCostVnd = 2_340_000, RefreshedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        var html = await GetHtmlAsync(Client(), $"/chien-dich/{campaign.Slug}");

        // 2.340.000 ₫ ÷ 12 = 195.000 ₫, in the size band the commune asked for.
        Assert.Contains($"<strong>{VietnameseFormat.Vnd(195_000)}</strong> = một áo ấm mùa đông cỡ 9–11 tuổi", html);
    }

    [Fact]
    public async Task Home_shows_the_ledger_totals_less_reversals_and_each_active_campaign_as_a_card_with_a_lazy_picture()
    {
        var unit = await UnitAsync();
        var lunch = await CampaignAsync("Bữa trưa có thịt");
        var donor = await DonorAsync(unit, "Nguyễn Văn An", DisplayChoice.NameAmount);
        await GiveAsync(donor, unit, 1_000_000, lunch.Id);
        var mistake = await GiveAsync(donor, unit, 500_000, lunch.Id);
        await ReverseAsync(mistake.Id);

        var html = await GetHtmlAsync(Client(), "/");

        Assert.Contains("<title>Chung tay vì trẻ em vùng cao — ChildAid</title>", html);
        Assert.Contains($"<div><dt>Đã nhận</dt><dd>{VietnameseFormat.Vnd(1_000_000)}</dd></div>", html);
        Assert.Contains("<div><dt>Khoản ủng hộ</dt><dd>1</dd></div>", html);
        Assert.Contains("srcset=\"/anh-minh-hoa/bua-trua-co-thit-480.jpg 480w, /anh-minh-hoa/bua-trua-co-thit-960.jpg 960w\"", html);
        Assert.Contains("loading=\"lazy\"", html);
        Assert.Contains($"<strong>{VietnameseFormat.Vnd(100_000)}</strong> = 5 suất ăn trưa", html);
        Assert.Contains($"href=\"/ung-ho?chien-dich={lunch.Slug}\"", html);
    }

    [Fact]
    public async Task Every_public_page_has_a_title_of_its_own_ending_in_the_site_name()
    {
        var client = Client();
        var titles = new Dictionary<string, string>();

        foreach (var url in new[] { "/", "/nhu-cau", "/sao-ke", "/bang-vang", "/gioi-thieu", "/cach-ung-ho", "/khong-co-trang-nay" })
        {
            var html = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
            titles[url] = System.Text.RegularExpressions.Regex.Match(html, "<title>(.*?)</title>").Groups[1].Value;
        }

        Assert.Equal("Sao kê công khai — ChildAid", titles["/sao-ke"]);
        Assert.Equal("Không tìm thấy trang — ChildAid", titles["/khong-co-trang-nay"]);
        Assert.All(titles.Values, t => Assert.EndsWith(" — ChildAid", t));
        Assert.Equal(titles.Count, titles.Values.Distinct().Count());
    }

    [Fact]
    public async Task Pictures_the_logo_and_the_favicons_are_served_as_cacheable_files()
    {
        var client = Client();

        foreach (var (url, type) in new[]
        {
            ("/anh-minh-hoa/ao-am-cho-em-480.jpg", "image/jpeg"), ("/favicon.svg", "image/svg+xml"), ("/favicon-32.png", "image/png"),
            ("/favicon.ico", "image/x-icon"), ("/logo.svg", "image/svg+xml"), ("/apple-touch-icon.png", "image/png"),
        })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"{url} → {(int)response.StatusCode}");
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("max-age=604800", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task How_to_give_shows_the_campaigns_transfer_note_and_an_account_only_when_one_is_configured()
    {
        await CampaignAsync("Bữa trưa có thịt", slug: "bua-trua-co-thit");

        var unconfigured = await GetHtmlAsync(Client(), "/cach-ung-ho?chien-dich=bua-trua-co-thit");
        using var configuredSite = Site.WithWebHostBuilder(b => b
            .UseSetting("PublicSite:Giving:BankName", "Ngân hàng Thử")
            .UseSetting("PublicSite:Giving:AccountNumber", "0123 4567 89")
            .UseSetting("PublicSite:Giving:AccountName", "BAN VAN DONG THU")
            .UseSetting("PublicSite:Giving:BankBin", "970422"));
        var configured = await GetHtmlAsync(configuredSite.CreateClient(), "/cach-ung-ho?chien-dich=bua-trua-co-thit");

        Assert.Contains("<title>Ủng hộ “Bữa trưa có thịt” — ChildAid</title>", unconfigured);
        Assert.Contains("UNG HO BUA TRUA CO THIT", unconfigured);
        Assert.Contains("Tài khoản nhận ủng hộ đang được cập nhật", unconfigured);
        Assert.Contains("0123 4567 89", configured);
        Assert.Contains("BAN VAN DONG THU", configured);
        Assert.DoesNotContain("đang được cập nhật", configured);
        // With the bank's BIN, a VietQR code for that account and the campaign's note; never without an account.
        Assert.Contains("<svg id=\"vietqr\"", configured);
        Assert.DoesNotContain("id=\"vietqr\"", unconfigured);
    }

    [Fact]
    public async Task Home_lists_the_three_newest_published_stories_and_no_other_content()
    {
        await WithDbAsync(async db =>
        {
            for (var i = 1; i <= 4; i++)
                db.PublishedContent.Add(Story(100 + i, $"Tin số {i}", $"/tin-tuc/tin-{i}", new DateTime(2026, 11, i, 3, 0, 0, DateTimeKind.Utc)));
            db.PublishedContent.Add(new PublishedContent
            {
                ContentItemId = 200, Language = "vi", Type = ContentType.Page, Path = "/trang/gioi-thieu", Title = "Trang giới thiệu",
                PublishedAt = new DateTime(2026, 11, 30, 3, 0, 0, DateTimeKind.Utc), UpdatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        var html = await GetHtmlAsync(Client(), "/");

        Assert.Contains("<a href=\"/tin-tuc/tin-4\">Tin số 4</a>", html);
        Assert.Contains("<a href=\"/tin-tuc/tin-2\">Tin số 2</a>", html);
        Assert.Contains("04/11/2026", html);
        Assert.DoesNotContain("Tin số 1", html);
        Assert.DoesNotContain("Trang giới thiệu", html);
    }

    private static PublishedContent Story(int id, string title, string path, DateTime publishedAt) => new()
    {
        ContentItemId = id, Language = "vi", Type = ContentType.Story, Path = path,
        Title = title, Summary = "Tóm tắt " + title, PublishedAt = publishedAt, UpdatedAt = publishedAt,
    };
}

public class SiteIdentityTestsOnSqlite() : SiteIdentityTests(DatabaseProvider.Sqlite);

public class SiteIdentityTestsOnPostgres() : SiteIdentityTests(DatabaseProvider.Postgres);

/// <summary>Which part of the needs catalogue a campaign buys, read from its words.</summary>
public class CampaignThemeTests
{
    [Theory]
    [InlineData("Áo ấm cho em", null, NeedCategory.WarmClothes)]
    [InlineData("Mùa đông không lạnh", "Áo khoác, áo len, mũ, ủng và chăn theo lứa tuổi", NeedCategory.WarmClothes)]
    [InlineData("Bữa trưa có thịt", null, NeedCategory.Nutrition)]
    [InlineData("Sân chơi cho bản", "Xây khu vui chơi cho trường mầm non", NeedCategory.Recreation)]
    [InlineData("Khám mắt cho học sinh", null, NeedCategory.HealthCheckUp)]
    [InlineData("Warm clothes for the children", null, NeedCategory.WarmClothes)]
    [InlineData("Chung tay vì biên giới", "Ủng hộ áo ấm cho các em", NeedCategory.WarmClothes)]
    public void A_campaign_is_about_the_category_its_title_or_summary_names(string title, string? summary, NeedCategory expected) =>
        Assert.Equal(expected, CampaignTheme.Of(title, summary));

    [Fact]
    public void A_campaign_whose_words_name_no_need_has_no_theme() =>
        // "Ủng hộ" (to give) is not "ủng" (boots), nor "sửa trường" (repairing a school) milk.
        Assert.Null(CampaignTheme.Of("Chung tay vì biên giới", "Ủng hộ nơi cần nhất, sửa trường và khám phá bản làng"));

    [Theory]
    [InlineData(183_333, 185_000)]
    [InlineData(180_000, 180_000)]
    [InlineData(1, 5_000)]
    public void An_estimate_is_rounded_up_to_the_next_5000_dong(long estimate, long shown) =>
        Assert.Equal(shown, GiftExamples.RoundUp(estimate));
}

