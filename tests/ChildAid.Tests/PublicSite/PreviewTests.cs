using System.Net;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.PublicSite;

/// <summary>
/// A draft seen on the real public layout through a signed, expiring link: PublicSite (on PostgreSQL as the public
/// reader, which cannot read drafts) checks the link and fetches the rendered draft from BackOffice.
/// </summary>
public abstract class PreviewTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const string Key = "khoa-xem-truoc-dung-chung-cua-hai-ung-dung";
    private BackOfficeFactory _backOffice = null!;
    private WebApplicationFactory<ChildAid.PublicSite.Program> _site = null!;
    private PublicSiteFactory _baseSite = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _backOffice = new BackOfficeFactory(Db);
        var backOffice = _backOffice.WithWebHostBuilder(b => b.UseSetting("Preview:Key", Key));
        _baseSite = new PublicSiteFactory(Db);
        _site = _baseSite.WithWebHostBuilder(b =>
        {
            b.UseSetting("Preview:Key", Key);
            b.UseSetting("Preview:BackOfficeUrl", "http://backoffice.test");
            b.ConfigureServices(s => s.AddHttpClient(ChildAid.PublicSite.Pages.PreviewModel.Client)
                .ConfigurePrimaryHttpMessageHandler(() => backOffice.Server.CreateHandler()));
        });
    }

    public override async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _baseSite.DisposeAsync();
        await _backOffice.DisposeAsync();
        await base.DisposeAsync();
    }

    private static PreviewTokens Tokens(TimeProvider? clock = null) =>
        new(Options.Create(new PreviewOptions { Key = Key }), clock ?? TimeProvider.System);

    private async Task<ContentItem> DraftAsync()
    {
        await using var sp = Db.Services();
        await using var scope = Scope(sp, "bientap");
        var outcome = await scope.ServiceProvider.GetRequiredService<ContentService>().CreateAsync(ContentType.Story, new ContentInput
        {
            Title = "Áo ấm đến Bản Phăng", Summary = "Đoàn trao 150 áo.", Body = "## Chuyến đi\n\nĐường xa.<script>alert(1)</script>",
        });
        Assert.True(outcome.Succeeded);
        return outcome.Value!;
    }

    [Fact]
    public async Task A_signed_link_shows_the_draft_on_the_public_layout_never_cached_nor_indexed()
    {
        var draft = await DraftAsync();
        var client = _site.CreateClient();

        var response = await client.GetAsync($"/xem-truoc/{Tokens().Create(draft.Id, 1)}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Áo ấm đến Bản Phăng</h1>", html);
        Assert.Contains("<h2 id=\"chuyen-di\">Chuyến đi</h2>", html);
        Assert.Contains("Bản xem trước, chưa đăng.", html);
        Assert.Contains("<header class=\"site\">", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Equal("noindex, nofollow", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
        await using var db = Db.NewContext();
        Assert.False(await db.PublishedContent.AnyAsync());
    }

    [Fact]
    public async Task A_draft_shows_its_unpublished_image_through_a_signed_address_that_lists_nothing_and_dies_with_the_link()
    {
        var privateRoot = Path.Combine(_backOffice.MediaRoot, "private");
        Shared.Media.MediaItem image;
        await using (var db = Db.NewContext()) image = await ContentTestData.ImageAsync(db, privateRoot, publicRoot: null);
        File.WriteAllBytes(Path.Combine(privateRoot, image.FileKey, Shared.Media.MediaRenditions.Master), [0xFF, 0xD8, 0xFF, 0xD9]);
        int draftId;
        await using (var sp = Db.Services())
        await using (var scope = Scope(sp, "bientap"))
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<ContentService>().CreateAsync(ContentType.Story, new ContentInput
            {
                Title = "Ảnh chưa đăng", Body = $"Trước ảnh.\n\n![Áo ấm](media:{image.Id})",
            });
            Assert.True(outcome.Succeeded);
            draftId = outcome.Value!.Id;
        }
        var site = _site.CreateClient();

        var html = await site.GetStringAsync($"/xem-truoc/{Tokens().Create(draftId, 1)}");
        var src = System.Text.RegularExpressions.Regex.Match(html, "<img src=\"([^\"]+)\"").Groups[1].Value;
        var response = await site.GetAsync(src);

        Assert.StartsWith("/xem-truoc/anh/", src);
        Assert.EndsWith($"/{image.FileKey}/w960.jpg", src);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }, await response.Content.ReadAsByteArrayAsync());
        Assert.True(response.Headers.CacheControl?.NoStore);
        // Still not public, and the signed address opens nothing but that image's renditions.
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync($"/media/{image.FileKey}/w960.jpg")).StatusCode);
        var folder = src[..src.LastIndexOf('/')];
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync(folder)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync(folder + "/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync(folder + "/master.jpg")).StatusCode);
        var otherKey = Shared.Media.MediaStore.NewFileKey();
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync(src.Replace(image.FileKey, otherKey, StringComparison.Ordinal))).StatusCode);
        // The same image under an expired signature (made by a clock two hours back) is a 404.
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        var expired = Tokens(past).MediaPath(image.FileKey, "w960.jpg", past.GetUtcNow().UtcDateTime.AddMinutes(60));
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync($"/xem-truoc/anh/{expired}")).StatusCode);
        var backOffice = _backOffice.WithWebHostBuilder(b => b.UseSetting("Preview:Key", Key)).CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await backOffice.GetAsync($"/api/preview/media/{expired}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await backOffice.GetAsync("/api/preview/media/" + src["/xem-truoc/anh/".Length..])).StatusCode);
    }

    [Fact]
    public async Task A_draft_hero_image_that_is_not_published_shows_in_the_preview_at_signed_addresses()
    {
        var privateRoot = Path.Combine(_backOffice.MediaRoot, "private");
        Shared.Media.MediaItem image;
        await using (var db = Db.NewContext()) image = await ContentTestData.ImageAsync(db, privateRoot, publicRoot: null);
        int draftId;
        await using (var sp = Db.Services())
        await using (var scope = Scope(sp, "bientap"))
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<ContentService>().CreateAsync(ContentType.Story, new ContentInput
            {
                Title = "Ảnh đại diện chưa đăng", Body = "Không có ảnh trong bài.", HeroMediaId = image.Id,
            });
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
            draftId = outcome.Value!.Id;
        }
        var site = _site.CreateClient();

        var html = await site.GetStringAsync($"/xem-truoc/{Tokens().Create(draftId, 1)}");
        var hero = System.Text.RegularExpressions.Regex.Match(html, "<picture class=\"content-hero\">(.*?)</picture>", System.Text.RegularExpressions.RegexOptions.Singleline);
        var src = System.Text.RegularExpressions.Regex.Match(hero.Value, "<img src=\"([^\"]+)\"").Groups[1].Value;

        Assert.True(hero.Success, "the preview draws the hero");
        Assert.Contains($"alt=\"{image.Alt}\"", hero.Value);
        Assert.DoesNotContain("/media/", hero.Value);
        Assert.StartsWith("/xem-truoc/anh/", src);
        Assert.EndsWith($"/{image.FileKey}/w960.jpg", src);
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync(src)).StatusCode);
    }

    [Fact]
    public async Task A_changed_expired_or_unknown_link_is_a_404_on_both_sites()
    {
        var draft = await DraftAsync();
        var good = Tokens().Create(draft.Id, 1);
        var expired = Tokens(new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2))).Create(draft.Id, 1);
        var changed = good.Replace($"{draft.Id}-1-", $"{draft.Id}-2-", StringComparison.Ordinal);
        var unknown = Tokens().Create(draft.Id + 99, 1);
        var site = _site.CreateClient();
        var backOffice = _backOffice.WithWebHostBuilder(b => b.UseSetting("Preview:Key", Key)).CreateClient(new() { AllowAutoRedirect = false });

        foreach (var token in new[] { expired, changed, unknown, "1-1-1-x" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync($"/xem-truoc/{token}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await backOffice.GetAsync($"/api/preview/{token}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await backOffice.GetAsync($"/api/preview/{good}")).StatusCode);
    }
}

public class PreviewTestsOnSqlite() : PreviewTests(DatabaseProvider.Sqlite);

public class PreviewTestsOnPostgres() : PreviewTests(DatabaseProvider.Postgres);
