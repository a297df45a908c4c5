using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;

namespace ChildAid.Tests.Privacy;

/// <summary>
/// An attacker reading every PublicSite URL (pages, sitemap, feeds, /media, the API) never sees a draft, an unpublished
/// item, a version newer than the published one, or an image that is not published.
/// </summary>
public abstract partial class UnpublishedContentLeakTests(DatabaseProvider provider) : ContentSiteTest(provider)
{
    private const string DraftSecret = "Bản nháp chưa duyệt về em Lò Thị Mai";
    private const string NewVersionSecret = "Phiên bản mới chưa đăng";
    private const string UnpublishedSecret = "Tin đã gỡ xuống";

    [Fact]
    public async Task Drafts_unpublished_items_newer_versions_and_private_images_are_unreachable_from_every_public_url()
    {
        var campaign = await CampaignAsync("Áo ấm cho em", "ao-am-cho-em");
        var published = await PublishAsync(new ContentSpec(ContentType.Story, "tin-cong-khai", "Tin công khai") { CampaignId = campaign.Id });
        await WithDbAsync(db => ContentTestData.SaveVersionAsync(db, published.Id, NewVersionSecret, "<p>" + NewVersionSecret + "</p>").ContinueWith(_ => 0));
        var privateImage = await WithDbAsync(db => ContentTestData.ImageAsync(db, PrivateRoot, publicRoot: null));
        await DraftAsync(new ContentSpec(ContentType.Story, "tin-nhap", DraftSecret) { BodyHtml = DraftSecret, HeroMediaId = privateImage.Id, CampaignId = campaign.Id });
        await DraftAsync(new ContentSpec(ContentType.Page, "trang-nhap", DraftSecret));
        await DraftAsync(new ContentSpec(ContentType.CampaignPage, "ao-am-nhap", DraftSecret) { CampaignId = campaign.Id });
        var removed = await PublishAsync(new ContentSpec(ContentType.Story, "tin-da-go", UnpublishedSecret));
        await WithDbAsync(db => ContentTestData.UnpublishCopyAsync(db, removed.Id).ContinueWith(_ => 0));
        var client = Client();

        // Every page the site links to, every URL of sitemap.xml and the feeds, the API, and the drafts' own paths.
        var urls = new HashSet<string>(["/", "/tin-tuc", "/tin-tuc/rss.xml", "/tin-tuc/atom.xml", "/sitemap.xml", "/nhu-cau", "/bang-vang",
            "/sao-ke", "/api/v1/campaigns", "/api/v1/needs", "/chien-dich/ao-am-cho-em", "/tin-tuc/tin-cong-khai"]);
        var sitemap = XDocument.Parse(await GetHtmlAsync(client, "/sitemap.xml"));
        foreach (var loc in sitemap.Descendants(XName.Get("loc", "http://www.sitemaps.org/schemas/sitemap/0.9"))) urls.Add(new Uri(loc.Value).PathAndQuery);
        foreach (var url in urls.ToList())
        {
            var body = await GetHtmlAsync(client, url);
            foreach (Match link in Href().Matches(body)) if (link.Groups[1].Value.StartsWith('/') && !link.Groups[1].Value.StartsWith("//", StringComparison.Ordinal)) urls.Add(WebUtility.HtmlDecode(link.Groups[1].Value));
        }
        urls.RemoveWhere(u => u.StartsWith("/ngon-ngu", StringComparison.Ordinal) || u.Contains(".csv", StringComparison.Ordinal) || u.Contains(".xlsx", StringComparison.Ordinal));

        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(DraftSecret, body);
            Assert.DoesNotContain(NewVersionSecret, body);
            Assert.DoesNotContain(UnpublishedSecret, body);
            Assert.DoesNotContain(privateImage.FileKey, body);
            Assert.DoesNotContain("tin-nhap", body);
        }
        Assert.True(urls.Count > 15, $"crawled only {urls.Count} URLs");
        foreach (var path in new[] { "/tin-tuc/tin-nhap", "/trang/trang-nhap", "/tin-tuc/tin-da-go" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        foreach (var name in ContentTestData.FileNames)
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/media/{privateImage.FileKey}/{name}")).StatusCode);
        Assert.Contains("Tin công khai", await GetHtmlAsync(client, "/tin-tuc/tin-cong-khai"));
    }

    [Fact]
    public async Task Media_urls_cannot_climb_out_of_the_public_area()
    {
        var image = await WithDbAsync(db => ContentTestData.ImageAsync(db, PrivateRoot, publicRoot: null));
        var privateFolderName = Path.GetFileName(PrivateRoot);
        var client = Client();

        foreach (var url in new[]
                 {
                     $"/media/../{privateFolderName}/{image.FileKey}/w480.jpg", $"/media/%2e%2e/{privateFolderName}/{image.FileKey}/w480.jpg",
                     $"/media/..%2f{privateFolderName}%2f{image.FileKey}%2fw480.jpg", "/media/", "/media/%2e%2e/%2e%2e/etc/passwd",
                 })
        {
            var response = await client.GetAsync(url);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(image.FileKey, await response.Content.ReadAsStringAsync());
        }
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}

public class UnpublishedContentLeakTestsOnSqlite() : UnpublishedContentLeakTests(DatabaseProvider.Sqlite);

public class UnpublishedContentLeakTestsOnPostgres() : UnpublishedContentLeakTests(DatabaseProvider.Postgres);
