using System.Net;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Hosting;

namespace ChildAid.Tests.PublicSite;

public abstract class RateLimitTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task Csv_downloads_past_the_limit_are_refused_with_429_while_cached_pages_still_load()
    {
        await using var limited = Site.WithWebHostBuilder(b => b.UseSetting("PublicSite:RateLimits:DownloadsPerMinute", "2"));
        using var client = limited.CreateClient();

        var first = await client.GetAsync("/api/v1/statement.csv");
        var second = await client.GetAsync("/api/v1/statement.csv");
        var third = await client.GetAsync("/api/v1/statement.csv");
        var page = await client.GetAsync("/sao-ke");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("Quá nhiều yêu cầu", await third.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Searches_on_the_statement_page_share_the_api_limit_while_browsing_it_does_not()
    {
        await using var limited = Site.WithWebHostBuilder(b => b.UseSetting("PublicSite:RateLimits:ApiPerMinute", "3"));
        using var client = limited.CreateClient();

        var api = await client.GetAsync("/api/v1/statement?q=an");
        var first = await client.GetAsync("/sao-ke?q=an");
        var second = await client.GetAsync("/sao-ke?q=nguyen+van");
        var third = await client.GetAsync("/sao-ke?q=an");
        var apiAgain = await client.GetAsync("/api/v1/statement?q=ha");
        var browsing = await client.GetAsync("/sao-ke");
        var byPage = await client.GetAsync("/sao-ke?trang=2");

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("Quá nhiều yêu cầu", await third.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, apiAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, browsing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byPage.StatusCode);
    }

    [Fact]
    public async Task Reads_of_the_transparency_log_past_the_limit_are_refused_with_429_while_pages_still_load()
    {
        await using var limited = Site.WithWebHostBuilder(b => b.UseSetting("PublicSite:RateLimits:LogPerMinute", "2"));
        using var client = limited.CreateClient();

        var first = await client.GetAsync("/log/checkpoint");
        var second = await client.GetAsync("/log/tile/0/000");
        var third = await client.GetAsync("/log/proof/2026-000001");
        var page = await client.GetAsync("/sao-ke");

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode); // 404 on an empty log: still counted
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}

public class RateLimitTestsOnSqlite() : RateLimitTests(DatabaseProvider.Sqlite);

public class RateLimitTestsOnPostgres() : RateLimitTests(DatabaseProvider.Postgres);
