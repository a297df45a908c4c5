using System.Net;
using ChildAid.PublicSite.Caching;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChildAid.Tests.PublicSite;

/// <summary>
/// The front cache answers a cached page before the pipeline, with exactly the bytes and headers the pipeline gave,
/// and only for pages the output cache itself would keep; a new data version, another language or another encoding is
/// another entry.
/// </summary>
public abstract class FrontCacheTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    private FrontCache Front => Site.Services.GetRequiredService<FrontCache>();

    [Fact]
    public async Task A_second_visit_gets_the_same_bytes_and_headers_from_the_front_cache()
    {
        var campaign = await CampaignAsync("Áo ấm cho em");
        var client = Client();
        var url = $"/chien-dich/{campaign.Slug}";

        var first = await client.GetAsync(url);
        var hitsBefore = Front.Hits;
        var second = await client.GetAsync(url);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(hitsBefore + 2, Front.Hits); // the second GET and the HEAD
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        foreach (var name in new[] { "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options" })
            Assert.Equal(first.Headers.GetValues(name), second.Headers.GetValues(name));
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
        Assert.Equal(first.Content.Headers.ContentLength ?? (await first.Content.ReadAsByteArrayAsync()).Length, second.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_gift_recorded_in_BackOffice_shows_at_once_because_the_data_version_moved()
    {
        var unit = await UnitAsync();
        var campaign = await CampaignAsync("Bữa trưa cho em");
        var client = Client();
        await GetHtmlAsync(client, $"/chien-dich/{campaign.Slug}");
        await GetHtmlAsync(client, $"/chien-dich/{campaign.Slug}");

        await GiveAsync(await DonorAsync(unit, "Phạm Thị Hoa"), unit, 2_500_000, campaign.Id);
        var fresh = await GetHtmlAsync(client, $"/chien-dich/{campaign.Slug}");

        Assert.Contains("Phạm Thị Hoa", fresh);
    }

    [Fact]
    public async Task Each_language_and_encoding_is_its_own_entry()
    {
        var client = Site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var vietnamese = await GetHtmlAsync(client, "/sao-ke");
        await client.GetAsync("/ngon-ngu/en?returnUrl=%2F");
        var english = await GetHtmlAsync(client, "/sao-ke");
        var englishAgain = await GetHtmlAsync(client, "/sao-ke");
        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, "/sao-ke");
        gzipRequest.Headers.AcceptEncoding.ParseAdd("gzip");
        var gzip = await client.SendAsync(gzipRequest);

        Assert.Contains("<html lang=\"vi\">", vietnamese);
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Equal(english, englishAgain);
        Assert.Contains("gzip", gzip.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Responses_the_output_cache_would_not_keep_are_never_kept()
    {
        var client = Site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        for (var i = 0; i < 2; i++)
        {
            await client.GetAsync("/ngon-ngu/en?returnUrl=%2F");    // sets a cookie
            await client.GetAsync("/xem-truoc/khong-hop-le");       // preview: never cached (and a 404 here)
            await client.GetAsync("/khong-co-trang-nay");           // 404
            await client.GetAsync("/api/v1/campaigns");             // API: its own cache only
            await client.GetAsync("/sao-ke?q=an");                  // a search: counted by the rate limit, so never skipped
        }

        Assert.Equal(0, Front.Hits);
        Assert.Equal(0, Front.Count);
    }

    [Fact]
    public async Task A_cached_page_is_answered_before_authentication_runs()
    {
        // WebApplication puts authentication first unless the app places it; on a two-core server that costs the hit
        // path a service scope and two middleware. The counter sees every request the authentication middleware sees.
        var schemes = new CountingSchemes(Options.Create(new AuthenticationOptions()));
        await using var site = Site.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IAuthenticationSchemeProvider>(schemes)));
        var campaign = await CampaignAsync("Áo ấm cho em");
        var client = site.CreateClient();
        var url = $"/chien-dich/{campaign.Slug}";

        await client.GetAsync(url);
        var seenAfterMiss = schemes.Requests;
        var hit = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        Assert.True(seenAfterMiss > 0, "the page's first visit goes through the whole pipeline");
        Assert.Equal(seenAfterMiss, schemes.Requests);
    }

    private sealed class CountingSchemes(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
    {
        private int _requests;
        public int Requests => Volatile.Read(ref _requests);

        public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
        {
            Interlocked.Increment(ref _requests);
            return base.GetRequestHandlerSchemesAsync();
        }
    }
}

public class FrontCacheTestsOnSqlite() : FrontCacheTests(DatabaseProvider.Sqlite);

public class FrontCacheTestsOnPostgres() : FrontCacheTests(DatabaseProvider.Postgres);
