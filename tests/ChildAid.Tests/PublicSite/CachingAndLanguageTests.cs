using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Text;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.PublicSite;

public abstract class CachingAndLanguageTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task Pages_are_served_from_the_output_cache_until_public_data_changes()
    {
        var unit = await UnitAsync();
        var campaign = await CampaignAsync("Áo ấm cho em");
        var client = Client();
        var before = await GetHtmlAsync(client, $"/chien-dich/{campaign.Slug}");

        // A change that bypasses the data version (raw SQL, no SaveChanges) is invisible: the page comes from the cache.
        await WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE campaigns SET title = {"Tiêu đề đã đổi"} WHERE id = {campaign.Id}"));
        var cached = await GetHtmlAsync(client, $"/chien-dich/{campaign.Slug}");
        // A gift recorded as BackOffice records it bumps the version: the next request sees everything fresh.
        await GiveAsync(await DonorAsync(unit, "Nguyễn Văn An"), unit, 1_234_000, campaign.Id);
        var fresh = await GetHtmlAsync(client, $"/chien-dich/{campaign.Slug}");
        var statement = await GetHtmlAsync(client, "/sao-ke");

        Assert.Contains("<h1>Áo ấm cho em</h1>", before);
        Assert.Equal(before, cached);
        Assert.Contains("<h1>Tiêu đề đã đổi</h1>", fresh);
        Assert.Contains(VietnameseFormat.Vnd(1_234_000), fresh);
        Assert.Contains("Nguyễn Văn An", statement);
    }

    [Fact]
    public async Task With_the_default_poll_interval_a_new_gift_shows_within_seconds_on_the_statement_and_in_search()
    {
        var unit = await UnitAsync();
        var donor = await DonorAsync(unit, "Trần Thị Bình");
        await using var site = new PublicSiteFactory(Db, pollSeconds: 1);
        var client = site.CreateClient();
        Assert.DoesNotContain("Trần Thị Bình", await GetHtmlAsync(client, "/sao-ke"));
        Assert.DoesNotContain("Trần Thị Bình", await GetHtmlAsync(client, "/sao-ke?q=tran+thi+binh"));

        await GiveAsync(donor, unit, 600_000);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string statement, search;
        do
        {
            await Task.Delay(200);
            statement = await GetHtmlAsync(client, "/sao-ke");
            search = await GetHtmlAsync(client, "/sao-ke?q=tran+thi+binh");
        } while (!(statement.Contains("Trần Thị Bình", StringComparison.Ordinal) && search.Contains("Trần Thị Bình", StringComparison.Ordinal))
                 && DateTime.UtcNow < deadline);

        Assert.Contains("Trần Thị Bình", statement);
        Assert.Contains("Trần Thị Bình", search);
    }

    [Fact]
    public async Task Public_responses_set_no_cookies_so_they_can_be_cached()
    {
        var unit = await UnitAsync();
        var campaign = await CampaignAsync();
        await GiveAsync(await DonorAsync(unit, "Nguyễn Văn An"), unit, 100_000, campaign.Id);
        var client = Site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        foreach (var url in new[] { "/", $"/chien-dich/{campaign.Slug}", "/sao-ke", "/sao-ke?q=tien", "/bang-vang", "/gioi-thieu",
                     "/api/v1/campaigns", "/api/v1/statement", "/api/v1/statement.csv" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} sets a cookie");
        }
    }

    [Fact]
    public async Task Pages_are_compressed_for_clients_that_accept_gzip_also_when_served_from_the_cache()
    {
        var unit = await UnitAsync();
        await GiveAsync(await DonorAsync(unit, "Nguyễn Văn An"), unit, 100_000);
        var client = Client();

        foreach (var attempt in new[] { "stored", "from cache" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/sao-ke");
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            var response = await client.SendAsync(request);
            Assert.True(response.Content.Headers.ContentEncoding.Contains("gzip"), attempt);
            await using var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
            Assert.Contains("Nguyễn Văn An", await new StreamReader(gzip).ReadToEndAsync());
        }
        var plain = await client.GetAsync("/sao-ke");
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("Nguyễn Văn An", await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Vietnamese_is_the_default_and_the_english_link_switches_language_and_returns_to_the_page()
    {
        var unit = await UnitAsync();
        await GiveAsync(await DonorAsync(unit, "Lê Văn Kín", DisplayChoice.Anonymous), unit, 250_000, on: new DateOnly(2026, 11, 7));
        var client = Site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var vietnamese = await GetHtmlAsync(client, "/sao-ke?q=tien");
        var switchResponse = await client.GetAsync("/ngon-ngu/en?returnUrl=%2Fsao-ke%3Fq%3Dtien");
        var english = await GetHtmlAsync(client, "/sao-ke?q=tien");
        var englishHome = await GetHtmlAsync(client, "/");
        var back = await client.GetAsync("/ngon-ngu/vi?returnUrl=https%3A%2F%2Fevil.example%2F");
        var vietnameseAgain = await GetHtmlAsync(client, "/sao-ke?q=tien");

        Assert.Contains("<html lang=\"vi\">", vietnamese);
        Assert.Contains("Sao kê công khai", vietnamese);
        Assert.Contains("Nhà hảo tâm ẩn danh", vietnamese);
        Assert.Contains("href=\"/ngon-ngu/en?returnUrl=%2Fsao-ke%3Fq%3Dtien\"", vietnamese);
        Assert.Equal(HttpStatusCode.Redirect, switchResponse.StatusCode);
        Assert.Equal("/sao-ke?q=tien", switchResponse.Headers.Location?.OriginalString);
        Assert.Contains(switchResponse.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Public statement", english);
        Assert.Contains("Anonymous donor", english);
        Assert.DoesNotContain("Nhà hảo tâm ẩn danh", english);
        Assert.Contains("07/11/2026", english);
        Assert.Contains(VietnameseFormat.Vnd(250_000), english);
        Assert.Contains("Active campaigns", englishHome);
        Assert.Equal("/", back.Headers.Location?.OriginalString);
        Assert.Contains("<html lang=\"vi\">", vietnameseAgain);
    }

    [Fact]
    public async Task Openapi_document_lists_the_public_endpoints()
    {
        var json = await GetHtmlAsync(Client(), "/openapi/v1.json");

        Assert.Contains("\"/api/v1/campaigns\"", json);
        Assert.Contains("\"/api/v1/statement\"", json);
        Assert.Contains("\"/api/v1/statement.csv\"", json);
        Assert.Contains("\"q\"", json);
        Assert.Equal("Healthy", await Client().GetStringAsync("/health"));
    }
}

public class CachingAndLanguageTestsOnSqlite() : CachingAndLanguageTests(DatabaseProvider.Sqlite);

public class CachingAndLanguageTestsOnPostgres() : CachingAndLanguageTests(DatabaseProvider.Postgres);
