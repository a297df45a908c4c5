using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.PublicSite;

/// <summary>POST /api/v1/pledges as the issue specifies, through PublicSite's intake login (on PostgreSQL).</summary>
public abstract class PledgesApiTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    private WebApplicationFactory<ChildAid.PublicSite.Program> WithAccount() => Site.WithWebHostBuilder(b => b
        .UseSetting("PublicSite:Giving:BankName", "Ngân hàng Thử")
        .UseSetting("PublicSite:Giving:AccountNumber", "0123 4567 89")
        .UseSetting("PublicSite:Giving:AccountName", "BAN VAN DONG THU")
        .UseSetting("PublicSite:Giving:BankBin", "970422"));

    private static object Pledge(string campaign, long amount = 200_000) => new
    {
        campaign, amount, currency = "VND", display = "name-amount", message = "Cho các em ấm áp",
        donor = new { kind = "individual", name = "Phạm Thị Dung", email = "dung@example.com", phone = "0912 345 678" },
    };

    private static HttpRequestMessage Post(object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pledges") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task A_business_pledging_goods_alone_gets_a_reference_no_code_to_pay_and_a_page_about_delivery()
    {
        await CampaignAsync(slug: "ao-am-2026");
        using var site = WithAccount();
        var client = site.CreateClient();
        var body = new
        {
            campaign = "ao-am-2026", amount = 0, currency = "VND", display = "name-only",
            donor = new { kind = "business", name = "Công ty CP Dệt May Tây Nguyên", email = "kinhdoanh@detmay.example", taxCode = "5900123456" },
            inKind = new[] { new { item = "Áo ấm", quantity = 300, unit = "chiếc", sizeBand = "6–8 tuổi", delivery = "Giao tại UBND xã trước 20/12" } },
        };

        var created = await client.SendAsync(Post(body, "goods-1"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var reference = json.RootElement.GetProperty("reference").GetString()!;
        Assert.Equal(0, json.RootElement.GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("vietqr").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/pledges/{reference}/qr.svg")).StatusCode);

        var page = await client.GetStringAsync($"/ung-ho/cam-ket/{reference}");
        Assert.Contains("Giao nhận hiện vật", page, StringComparison.Ordinal);
        Assert.DoesNotContain("0123 4567 89", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Công ty CP Dệt May", page, StringComparison.Ordinal);

        var card = await client.SendAsync(Post(new { body.campaign, body.amount, body.currency, body.display, body.donor, body.inKind, channel = "card" }, null));
        Assert.Equal(HttpStatusCode.BadRequest, card.StatusCode);
        var person = await client.SendAsync(Post(new { body.campaign, body.amount, body.currency, body.display, donor = new { kind = "individual", name = "An", phone = "0912 345 678" } }, null));
        using var problem = JsonDocument.Parse(await person.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("amount", out _));
    }

    [Fact]
    public async Task A_pledge_answers_201_with_its_reference_and_VietQR_and_a_retry_returns_the_same_pledge()
    {
        await CampaignAsync(slug: "ao-am-2026");
        using var site = WithAccount();
        var client = site.CreateClient();

        var first = await client.SendAsync(Post(Pledge("ao-am-2026"), "7f8e-retry"));
        var retry = await client.SendAsync(Post(Pledge("ao-am-2026"), "7f8e-retry"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        using var json = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var again = JsonDocument.Parse(await retry.Content.ReadAsStringAsync());
        var reference = json.RootElement.GetProperty("reference").GetString()!;
        Assert.Equal(reference, again.RootElement.GetProperty("reference").GetString());
        Assert.Equal(200_000, json.RootElement.GetProperty("amount").GetInt64());
        Assert.Equal("received", json.RootElement.GetProperty("status").GetString());
        var vietqr = json.RootElement.GetProperty("vietqr");
        Assert.Contains("5406200000", vietqr.GetProperty("payload").GetString());
        Assert.Contains("0809" + reference, vietqr.GetProperty("payload").GetString());
        Assert.Equal($"/api/v1/pledges/{reference}/qr.png", vietqr.GetProperty("imagePngUrl").GetString());
        Assert.Equal(1, await WithDbAsync(db => db.PledgeIntake.CountAsync()));
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_make_one_pledge()
    {
        await CampaignAsync(slug: "ao-am-2026");
        var client = Client();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SendAsync(Post(Pledge("ao-am-2026"), "race-key"))));
        var references = await Task.WhenAll(responses.Select(async r =>
        {
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            using var json = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("reference").GetString();
        }));

        Assert.Single(references.Distinct());
        Assert.Equal(1, await WithDbAsync(db => db.PledgeIntake.CountAsync()));
    }

    [Fact]
    public async Task The_status_tells_amount_and_campaign_and_nothing_personal()
    {
        await CampaignAsync(slug: "ao-am-2026");
        var client = Client();
        using var made = JsonDocument.Parse(await (await client.SendAsync(Post(Pledge("ao-am-2026"), null))).Content.ReadAsStringAsync());
        var reference = made.RootElement.GetProperty("reference").GetString()!;

        var body = await client.GetStringAsync($"/api/v1/pledges/{reference.ToLowerInvariant()}");

        Assert.Contains($"\"reference\":\"{reference}\"", body);
        Assert.Contains("\"campaign\":\"ao-am-2026\"", body);
        Assert.DoesNotContain("Dung", body);
        Assert.DoesNotContain("example.com", body);
        Assert.DoesNotContain("0912", body);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/pledges/CA2222222")).StatusCode);
    }

    [Fact]
    public async Task Invalid_fields_get_a_problem_with_a_Vietnamese_message_each()
    {
        await CampaignAsync(slug: "ao-am-2026");
        var response = await Client().SendAsync(Post(new { campaign = "khong-co", amount = 0, display = "name-amount", donor = new { kind = "individual", name = "An", email = "sai" } }, null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.Equal("Vui lòng nhập số tiền lớn hơn 0 ₫.", errors.GetProperty("amount")[0].GetString());
        Assert.StartsWith("Không có chiến dịch này", errors.GetProperty("campaign")[0].GetString());
        Assert.StartsWith("E-mail chưa đúng", errors.GetProperty("donor.email")[0].GetString());
    }

    [Fact]
    public async Task The_QR_images_are_served_as_PNG_and_SVG()
    {
        await CampaignAsync(slug: "ao-am-2026");
        using var site = WithAccount();
        var client = site.CreateClient();
        using var made = JsonDocument.Parse(await (await client.SendAsync(Post(Pledge("ao-am-2026"), null))).Content.ReadAsStringAsync());
        var reference = made.RootElement.GetProperty("reference").GetString()!;

        var png = await client.GetAsync($"/api/v1/pledges/{reference}/qr.png");
        var svg = await client.GetAsync($"/api/v1/pledges/{reference}/qr.svg");

        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await png.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_pledge_endpoints_are_in_the_OpenAPI_document()
    {
        var doc = await Client().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/v1/pledges\"", doc);
        Assert.Contains("\"/api/v1/pledges/{reference}\"", doc);
    }
}

public class PledgesApiTestsOnSqlite() : PledgesApiTests(DatabaseProvider.Sqlite);

public class PledgesApiTestsOnPostgres() : PledgesApiTests(DatabaseProvider.Postgres);
