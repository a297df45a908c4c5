using System.Net;
using System.Xml.Linq;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.PublicSite;

/// <summary>Published content as the public reads it: pages, stories, campaign, honor-roll and needs-list pages, share tags.</summary>
public abstract class ContentPagesTests(DatabaseProvider provider) : ContentSiteTest(provider)
{
    [Fact]
    public async Task A_published_story_is_listed_and_shown_with_its_picture_and_absolute_share_card()
    {
        var image = await PublishedImageAsync();
        await PublishAsync(new ContentSpec(ContentType.Story, "ao-am-den-ban-phang", "Áo ấm đã đến Bản Phăng")
        {
            Summary = "300 chiếc áo ấm đã đến tay các em.", BodyHtml = "<p>Sáng nay, xe chở áo ấm đã lên đến điểm trường.</p>", HeroMediaId = image.Id,
        });
        var client = Client();

        var list = await GetHtmlAsync(client, "/tin-tuc");
        var story = await GetHtmlAsync(client, "/tin-tuc/ao-am-den-ban-phang");

        Assert.Contains("href=\"/tin-tuc/ao-am-den-ban-phang\"", list);
        Assert.Contains("300 chiếc áo ấm đã đến tay các em.", list);
        Assert.Contains("<h1>Áo ấm đã đến Bản Phăng</h1>", story);
        Assert.Contains("<title>Áo ấm đã đến Bản Phăng", story);
        Assert.Contains("<p>Sáng nay, xe chở áo ấm đã lên đến điểm trường.</p>", story);
        Assert.Contains("20/11/2026", story);
        Assert.Contains($"<source type=\"image/webp\" srcset=\"/media/{image.FileKey}/w480.webp 480w, /media/{image.FileKey}/w960.webp 960w, /media/{image.FileKey}/w1600.webp 1600w\"", story);
        Assert.Contains("width=\"1600\" height=\"900\" alt=\"Áo ấm xếp trên bàn ở điểm trường\"", story);
        Assert.Contains("<meta name=\"description\" content=\"300 chiếc áo ấm đã đến tay các em.\">", story);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/tin-tuc/ao-am-den-ban-phang\">", story);
        Assert.Contains("<meta property=\"og:type\" content=\"article\">", story);
        Assert.Contains("<meta property=\"og:title\" content=\"Áo ấm đã đến Bản Phăng\">", story);
        Assert.Contains($"<meta property=\"og:image\" content=\"http://localhost/media/{image.FileKey}/share.jpg?v=5000-5000\">", story);
        Assert.Contains("<meta property=\"og:image:width\" content=\"1200\">", story);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary_large_image\">", story);
        Assert.Contains("<link rel=\"alternate\" type=\"application/rss+xml\"", story);
        var file = await client.GetAsync($"/media/{image.FileKey}/share.jpg");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/jpeg", file.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", file.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Moving_the_focal_point_changes_the_share_card_address_so_a_days_cache_cannot_hide_the_new_crop()
    {
        var image = await PublishedImageAsync();
        await PublishAsync(new ContentSpec(ContentType.Story, "tieu-diem", "Tiêu điểm mới") { HeroMediaId = image.Id });
        var client = Client();
        var before = await GetHtmlAsync(client, "/tin-tuc/tieu-diem");

        // What the library does when an editor moves the focal point of a published image: new crops, same file names.
        await WithDbAsync(async db =>
        {
            var row = await db.PublishedMedia.SingleAsync(p => p.MediaItemId == image.Id);
            (row.FocalX, row.FocalY) = (0.25m, 0.6m);
            return await db.SaveChangesAsync();
        });
        var after = await GetHtmlAsync(client, "/tin-tuc/tieu-diem");

        Assert.Contains($"content=\"http://localhost/media/{image.FileKey}/share.jpg?v=5000-5000\"", before);
        Assert.Contains($"content=\"http://localhost/media/{image.FileKey}/share.jpg?v=2500-6000\"", after);
        Assert.DoesNotContain("share.jpg?v=5000-5000", after);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/media/{image.FileKey}/share.jpg?v=2500-6000")).StatusCode);
    }

    [Fact]
    public async Task Share_tags_use_the_configured_public_address()
    {
        var image = await PublishedImageAsync();
        await PublishAsync(new ContentSpec(ContentType.Page, "gioi-thieu", "Giới thiệu") { HeroMediaId = image.Id });
        await using var site = Site.WithWebHostBuilder(b => b.UseSetting("PublicSite:BaseUrl", "https://childaid.example.vn/"));

        var page = await GetHtmlAsync(site.CreateClient(), "/gioi-thieu");

        Assert.Contains("<link rel=\"canonical\" href=\"https://childaid.example.vn/gioi-thieu\">", page);
        Assert.Contains($"<meta property=\"og:image\" content=\"https://childaid.example.vn/media/{image.FileKey}/share.jpg?v=5000-5000\">", page);
    }

    [Fact]
    public async Task English_readers_get_the_english_variant_and_otherwise_the_vietnamese_one()
    {
        await PublishAsync(new ContentSpec(ContentType.Story, "co-ban-dich", "Bữa trưa cho em") { TitleEn = "Lunch for the children", BodyHtml = "<p>Tiếng Việt</p>", BodyHtmlEn = "<p>In English</p>" });
        await PublishAsync(new ContentSpec(ContentType.Story, "chi-tieng-viet", "Sách vở cho năm học mới") { BodyHtml = "<p>Chỉ có tiếng Việt</p>" });
        var client = Client();
        await client.GetAsync("/ngon-ngu/en?returnUrl=%2F");

        var translated = await GetHtmlAsync(client, "/tin-tuc/co-ban-dich");
        var fallback = await GetHtmlAsync(client, "/tin-tuc/chi-tieng-viet");
        var list = await GetHtmlAsync(client, "/tin-tuc");

        Assert.Contains("<html lang=\"en\">", translated);
        Assert.Contains("<h1>Lunch for the children</h1>", translated);
        Assert.Contains("<p>In English</p>", translated);
        Assert.Contains("<h1>Sách vở cho năm học mới</h1>", fallback);
        Assert.Contains("<p>Chỉ có tiếng Việt</p>", fallback);
        Assert.Contains("Lunch for the children", list);
        Assert.Contains("Sách vở cho năm học mới", list);
        Assert.Contains("<h1>News</h1>", list);
    }

    [Fact]
    public async Task A_missing_page_answers_404_with_the_vietnamese_page_and_the_english_one_on_request()
    {
        var client = Client();

        var missing = await client.GetAsync("/tin-tuc/khong-co-tin-nay");
        var unknown = await client.GetAsync("/khong/co/trang/nay");
        await client.GetAsync("/ngon-ngu/en?returnUrl=%2F");
        var english = await client.GetAsync("/trang/khong-co");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, english.StatusCode);
        var body = await missing.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"vi\">", body);
        Assert.Contains("Không tìm thấy trang", body);
        Assert.Contains("href=\"/\"", body);
        Assert.Contains("href=\"/sao-ke\"", body);
        Assert.Contains("Không tìm thấy trang", await unknown.Content.ReadAsStringAsync());
        Assert.Contains("Page not found", await english.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_old_path_answers_301_to_where_the_item_lives_now_and_never_to_another_site()
    {
        await PublishAsync(new ContentSpec(ContentType.Story, "ao-am-2026", "Áo ấm 2026"));
        await WithDbAsync(async db =>
        {
            db.ContentRedirects.Add(new ContentRedirect { FromPath = "/tin-tuc/ao-am", ToPath = "/tin-tuc/ao-am-2026", Automatic = true, CreatedBy = "bientap" });
            db.ContentRedirects.Add(new ContentRedirect { FromPath = "/trang/lua-dao", ToPath = "//evil.example/", CreatedBy = "bientap" });
            return await db.SaveChangesAsync();
        });
        var client = NoRedirectClient();

        var moved = await client.GetAsync("/tin-tuc/ao-am?utm_source=zalo");
        var offsite = await client.GetAsync("/trang/lua-dao");

        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/tin-tuc/ao-am-2026?utm_source=zalo", moved.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, offsite.StatusCode);
    }

    [Fact]
    public async Task About_and_how_to_give_show_the_media_teams_pages_at_their_short_address_and_the_long_paths_redirect_there()
    {
        await PublishAsync(new ContentSpec(ContentType.Page, "gioi-thieu", "Về Ban vận động") { Summary = "Lời tóm tắt.", BodyHtml = "<p>Lời của ban biên tập.</p>" });
        await PublishAsync(new ContentSpec(ContentType.Page, "cach-ung-ho", "Cách ủng hộ các em") { BodyHtml = "<p>Ghi nội dung theo chiến dịch.</p>" });
        var client = NoRedirectClient();

        var aboutRedirect = await client.GetAsync("/trang/gioi-thieu");
        var giveRedirect = await client.GetAsync("/trang/cach-ung-ho?chien-dich=ao-am");
        var about = await GetHtmlAsync(client, "/gioi-thieu");
        var give = await GetHtmlAsync(client, "/cach-ung-ho");
        var sitemap = await GetHtmlAsync(client, "/sitemap.xml");

        Assert.Equal(HttpStatusCode.MovedPermanently, aboutRedirect.StatusCode);
        Assert.Equal("/gioi-thieu", aboutRedirect.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, giveRedirect.StatusCode);
        Assert.Equal("/cach-ung-ho?chien-dich=ao-am", giveRedirect.Headers.Location?.OriginalString);
        Assert.Contains("<h1>Về Ban vận động</h1>", about);
        Assert.Contains("<p>Lời của ban biên tập.</p>", about);
        Assert.DoesNotContain("Giới thiệu và liên hệ</h1>", about);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/gioi-thieu\">", about);
        // The editors' words, and still the live account box with the transfer note (configuration, not content).
        Assert.Contains("<h1>Cách ủng hộ các em</h1>", give);
        Assert.Contains("<p>Ghi nội dung theo chiến dịch.</p>", give);
        Assert.Contains("<h2 id=\"bank-title\">Chuyển khoản ngân hàng</h2>", give);
        Assert.Contains("UNG HO", give);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/cach-ung-ho\">", give);
        Assert.Contains("<loc>http://localhost/gioi-thieu</loc>", sitemap);
        Assert.Contains("<loc>http://localhost/cach-ung-ho</loc>", sitemap);
        Assert.DoesNotContain("/trang/gioi-thieu", sitemap);
        Assert.DoesNotContain("/trang/cach-ung-ho", sitemap);
    }

    [Fact]
    public async Task Before_the_media_team_publishes_them_the_short_addresses_keep_their_built_in_text()
    {
        var client = Client();

        var about = await GetHtmlAsync(client, "/gioi-thieu");
        var give = await GetHtmlAsync(client, "/cach-ung-ho");

        Assert.Contains("<h1>Giới thiệu và liên hệ</h1>", about);
        Assert.Contains("<h1>Cách ủng hộ</h1>", give);
        Assert.Contains("Tiền mặt và hiện vật", give);
    }

    [Fact]
    public async Task Sitemap_and_feeds_are_well_formed_and_list_published_items_only()
    {
        var campaign = await CampaignAsync("Áo ấm cho em", "ao-am-cho-em");
        await PublishAsync(new ContentSpec(ContentType.Story, "tin-da-dang", "Tin đã đăng & được duyệt") { Summary = "Tóm tắt <b>an toàn</b>" });
        await PublishAsync(new ContentSpec(ContentType.Page, "lien-he", "Liên hệ"));
        await DraftAsync(new ContentSpec(ContentType.Story, "tin-nhap", "Tin nháp chưa duyệt"));
        var client = Client();

        var sitemap = XDocument.Parse(await GetHtmlAsync(client, "/sitemap.xml"));
        var rss = XDocument.Parse(await GetHtmlAsync(client, "/tin-tuc/rss.xml"));
        var atom = XDocument.Parse(await GetHtmlAsync(client, "/tin-tuc/atom.xml"));

        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var urls = sitemap.Descendants(sm + "loc").Select(l => l.Value).ToList();
        Assert.Contains("http://localhost/tin-tuc/tin-da-dang", urls);
        Assert.Contains("http://localhost/trang/lien-he", urls);
        Assert.Contains("http://localhost/chien-dich/ao-am-cho-em", urls);
        Assert.Contains("http://localhost/tin-tuc", urls);
        Assert.DoesNotContain(urls, u => u.Contains("tin-nhap", StringComparison.Ordinal));
        Assert.Contains(sitemap.Descendants(sm + "url"), u => u.Element(sm + "loc")!.Value.EndsWith("/tin-da-dang", StringComparison.Ordinal)
            && u.Element(sm + "lastmod")!.Value == "2026-11-20T02:00:00Z");

        var rssItems = rss.Descendants("item").ToList();
        Assert.Equal("2.0", rss.Root!.Attribute("version")!.Value);
        Assert.Equal(["Tin đã đăng & được duyệt"], rssItems.Select(i => i.Element("title")!.Value));
        Assert.Equal("http://localhost/tin-tuc/tin-da-dang", rssItems[0].Element("link")!.Value);
        Assert.Equal("Tóm tắt <b>an toàn</b>", rssItems[0].Element("description")!.Value);

        XNamespace a = "http://www.w3.org/2005/Atom";
        Assert.Equal(["Tin đã đăng & được duyệt"], atom.Descendants(a + "entry").Select(e => e.Element(a + "title")!.Value));
        Assert.DoesNotContain("Tin nháp", atom.ToString());
        Assert.DoesNotContain("Tin nháp", rss.ToString());
    }

    [Fact]
    public async Task A_newly_published_story_shows_on_the_next_request_although_pages_are_cached()
    {
        await PublishAsync(new ContentSpec(ContentType.Story, "tin-thu-nhat", "Tin thứ nhất"));
        var client = Client();
        var before = await GetHtmlAsync(client, "/tin-tuc");
        var feedBefore = await GetHtmlAsync(client, "/tin-tuc/rss.xml");

        var second = await PublishAsync(new ContentSpec(ContentType.Story, "tin-thu-hai", "Tin thứ hai") { At = new DateTime(2026, 11, 21, 2, 0, 0, DateTimeKind.Utc) });
        var after = await GetHtmlAsync(client, "/tin-tuc");
        var feedAfter = await GetHtmlAsync(client, "/tin-tuc/rss.xml");
        await WithDbAsync(db => ContentTestData.UnpublishCopyAsync(db, second.Id).ContinueWith(_ => 0));
        var unpublished = await client.GetAsync("/tin-tuc/tin-thu-hai");
        var listAgain = await GetHtmlAsync(client, "/tin-tuc");

        Assert.DoesNotContain("Tin thứ hai", before);
        Assert.DoesNotContain("Tin thứ hai", feedBefore);
        Assert.Contains("Tin thứ hai", after);
        Assert.Contains("Tin thứ hai", feedAfter);
        Assert.True(after.IndexOf("Tin thứ hai", StringComparison.Ordinal) < after.IndexOf("Tin thứ nhất", StringComparison.Ordinal), "newest first");
        Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
        Assert.DoesNotContain("Tin thứ hai", listAgain);
    }

    [Fact]
    public async Task Pages_nest_and_honor_roll_and_needs_list_pages_show_their_intro_above_the_data()
    {
        await PublishAsync(new ContentSpec(ContentType.Page, "gioi-thieu", "Giới thiệu"));
        await WithDbAsync(async db =>
        {
            var parent = db.ContentItems.Single(c => c.Path == "/trang/gioi-thieu");
            var child = await ContentTestData.ItemAsync(db, new ContentSpec(ContentType.Page, "cach-lam-viec", "Cách chúng tôi làm việc"), publish: false);
            child.ParentId = parent.Id;
            child.Path = ContentPaths.For(ContentType.Page, ["gioi-thieu"], "cach-lam-viec");
            await db.SaveChangesAsync();
            await ContentTestData.PublishCopyAsync(db, child, new ContentSpec(ContentType.Page, "cach-lam-viec", "Cách chúng tôi làm việc"));
            return 0;
        });
        await PublishAsync(new ContentSpec(ContentType.HonorRollPage, "cam-on-2026", "Cảm ơn các nhà hảo tâm 2026") { BodyHtml = "<p>Lời cảm ơn của ban vận động.</p>" });
        await PublishAsync(new ContentSpec(ContentType.NeedsListPage, "mua-dong-2026", "Nhu cầu mùa đông 2026") { BodyHtml = "<p>Các em cần áo ấm trước tháng 12.</p>" });
        var client = Client();

        var nested = await GetHtmlAsync(client, "/trang/gioi-thieu/cach-lam-viec");
        var honor = await GetHtmlAsync(client, "/vinh-danh/cam-on-2026");
        var needs = await GetHtmlAsync(client, "/nhu-cau/trang/mua-dong-2026");
        var plainNeeds = await GetHtmlAsync(client, "/nhu-cau");

        Assert.Contains("<h1>Cách chúng tôi làm việc</h1>", nested);
        Assert.Contains("<p>Lời cảm ơn của ban vận động.</p>", honor);
        Assert.Contains("Tổng số nhà hảo tâm", honor);
        Assert.Contains("<h1>Nhu cầu mùa đông 2026</h1>", needs);
        Assert.Contains("<p>Các em cần áo ấm trước tháng 12.</p>", needs);
        Assert.Contains("Mức ưu tiên được tính thế nào", needs);
        Assert.DoesNotContain("Các em cần áo ấm", plainNeeds);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/nhu-cau/trang/khong-co")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/vinh-danh/khong-co")).StatusCode);
    }

    [Fact]
    public async Task A_campaign_page_shows_its_published_story_hero_and_updates_with_the_campaign_figures()
    {
        var campaign = await CampaignAsync("Áo ấm cho em", "ao-am-cho-em");
        var image = await PublishedImageAsync();
        await PublishAsync(new ContentSpec(ContentType.CampaignPage, "ao-am-cho-em", "Áo ấm cho em")
        {
            CampaignId = campaign.Id, HeroMediaId = image.Id, BodyHtml = "<p>Mùa đông trên núi rất lạnh.</p>", Summary = "Mỗi em một áo ấm.",
        });
        await PublishAsync(new ContentSpec(ContentType.Story, "chuyen-xe-dau-tien", "Chuyến xe đầu tiên") { CampaignId = campaign.Id });
        await PublishAsync(new ContentSpec(ContentType.Story, "tin-khac", "Tin của chiến dịch khác"));

        var page = await GetHtmlAsync(Client(), "/chien-dich/ao-am-cho-em");

        Assert.Contains("<p>Mùa đông trên núi rất lạnh.</p>", page);
        Assert.Contains($"/media/{image.FileKey}/w960.webp", page);
        Assert.Contains("href=\"/tin-tuc/chuyen-xe-dau-tien\"", page);
        Assert.DoesNotContain("Tin của chiến dịch khác", page);
        Assert.Contains("Mục tiêu", page);
        Assert.Contains($"<meta property=\"og:image\" content=\"http://localhost/media/{image.FileKey}/share.jpg?v=5000-5000\">", page);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/chien-dich/ao-am-cho-em\">", page);
    }
}

public class ContentPagesTestsOnSqlite() : ContentPagesTests(DatabaseProvider.Sqlite);

public class ContentPagesTestsOnPostgres() : ContentPagesTests(DatabaseProvider.Postgres);
