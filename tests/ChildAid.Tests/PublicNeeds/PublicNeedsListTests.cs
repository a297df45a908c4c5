using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using static ChildAid.Tests.PublicNeeds.ApprovedNeeds;

namespace ChildAid.Tests.PublicNeeds;

/// <summary>
/// The public needs list as a donor, a data user and an attacker meet it: the page, /api/v1/needs and needs.csv over
/// two communes' approved reviews. One group of four children (health check-ups at 123.457 ₫) must never show.
/// </summary>
public abstract partial class PublicNeedsListTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    private const long HiddenCost = 4 * 123_457;
    private static readonly string[] ChildNamePrefixes = ["Zyxwa Hờ", "Qoph Siu", "Vexil Rơ", "Wump Ksor", "Yorb Nay", "Jekt Đinh"];

    private sealed record Seeded(int CommuneId, int OtherCommuneId, string CampaignSlug, List<Guid> LineKeys);

    private async Task<Seeded> SeedAsync() => await WithDbAsync(async db =>
    {
        var (province, commune) = await CommuneAsync(db);
        var (_, other) = await CommuneAsync(db, "Xã Ia Kriêng");
        var school = await SchoolAsync(db, commune.Id, "Trường Tiểu học Ia Đal");
        var jackets = await ChildrenAsync(db, commune.Id, school.Id, 6, ChildNamePrefixes[0]);
        var meals = await ChildrenAsync(db, commune.Id, school.Id, 7, ChildNamePrefixes[1]);
        var hidden = await ChildrenAsync(db, commune.Id, null, 4, ChildNamePrefixes[2]);
        var level3 = await ChildrenAsync(db, commune.Id, school.Id, 3, ChildNamePrefixes[3]);
        var level4 = await ChildrenAsync(db, commune.Id, school.Id, 2, ChildNamePrefixes[4]);
        var boots = await ChildrenAsync(db, other.Id, null, 5, ChildNamePrefixes[5]);
        var review = await ApproveAsync(db, commune.Id, province.Id, 2026,
            new LineSpec(WinterJacket, 1, UnitCost: 180_000, Band: SizeBand.Age6To8, Children: jackets, SchoolId: school.Id, Committed: 1),
            new LineSpec(LunchMeal, 2, Quantity: 100, UnitCost: 20_000, Children: meals, SchoolId: school.Id),
            new LineSpec(HealthCheck, 1, UnitCost: 123_457, Children: hidden),
            new LineSpec(LunchMeal, 3, Quantity: 100, UnitCost: 20_000, Children: level3, SchoolId: school.Id),
            new LineSpec(LunchMeal, 4, Quantity: 100, UnitCost: 20_000, Children: level4, SchoolId: school.Id));
        var otherReview = await ApproveAsync(db, other.Id, province.Id, 2026,
            new LineSpec(Boots, 2, UnitCost: 120_000, Band: SizeBand.Age9To11, Children: boots));
        var campaign = await TestData.CampaignAsync(db, "Áo ấm cho trẻ em Ia Đal", "ao-am-ia-dal");
        return new Seeded(commune.Id, other.Id, campaign.Slug, review.Lines.Concat(otherReview.Lines).Select(l => l.Key).ToList());
    });

    /// <summary>The site with limits high enough for an attacker's hundreds of questions (the limits themselves are tested elsewhere).</summary>
    private HttpClient UnlimitedClient() => Site.WithWebHostBuilder(b =>
    {
        b.UseSetting("PublicSite:RateLimits:ApiPerMinute", "100000");
        b.UseSetting("PublicSite:RateLimits:DownloadsPerMinute", "100000");
    }).CreateClient();

    [Fact]
    public async Task Needs_page_shows_totals_coverage_the_criteria_and_a_give_link_and_filters_by_category()
    {
        var seeded = await SeedAsync();
        var client = Client();

        var all = await GetHtmlAsync(client, "/nhu-cau");
        var warm = await GetHtmlAsync(client, "/nhu-cau?category=WarmClothes");
        var other = await GetHtmlAsync(client, $"/nhu-cau?commune={seeded.OtherCommuneId}");

        // 6 jackets 1.080.000 + 700 meals 14.000.000 + 500 merged meals 10.000.000 + 5 boots 600.000; the four check-ups are not counted.
        Assert.Contains(VietnameseFormat.Vnd(25_680_000), all);
        Assert.Contains("Áo ấm mùa đông · 6–8 tuổi", all);
        Assert.Contains("Dinh dưỡng (bữa ăn) (các loại khác)", all);
        Assert.Contains("Nhiều cấp", all);
        Assert.Contains("< 5", WebUtility.HtmlDecode(all));
        Assert.Contains("Đã cam kết 100%", all);
        Assert.Contains("Mồ côi cả cha và mẹ", all);
        Assert.Contains("Cấp 1: từ 50 điểm trở lên", all);
        // "Give to this need" opens the pledge form with the line chosen (its commune's campaign is chosen there).
        Assert.Contains("href=\"/ung-ho?nhu-cau=", all);
        Assert.Contains("href=\"/nhu-cau\" aria-current=\"page\"", all);
        Assert.Contains(VietnameseFormat.Vnd(1_680_000), warm);
        Assert.DoesNotContain("Suất ăn trưa", warm);
        Assert.DoesNotContain("Xã Ia Đal<br>", other);
        Assert.Matches("<a href=\"/ung-ho\\?nhu-cau=[^\"]+\">Ủng hộ nhu cầu này</a>", other);
    }

    [Fact]
    public async Task Needs_page_reads_in_english_after_the_language_switch()
    {
        await SeedAsync();
        var client = Site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

        var html = WebUtility.HtmlDecode(await GetHtmlAsync(client, "/ngon-ngu/en?returnUrl=%2Fnhu-cau"));

        Assert.Contains("Children's needs", html);
        Assert.Contains("Winter jacket · 6–8 years", html);
        Assert.Contains("Orphaned of both parents", html);
    }

    [Fact]
    public async Task Needs_api_answers_json_with_totals_utc_instants_and_problem_details_for_bad_filters()
    {
        var seeded = await SeedAsync();
        var client = Client();

        var json = await client.GetFromJsonAsync<JsonElement>($"/api/v1/needs?commune={seeded.CommuneId}&priority=1");
        var bad = await client.GetAsync("/api/v1/needs?category=Toys&priority=9&commune=x");

        var item = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.Equal("winter-jacket", item.GetProperty("itemCode").GetString());
        Assert.Equal(6, item.GetProperty("children").GetInt32());
        Assert.Equal("Age6To8", item.GetProperty("sizeBand").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", item.GetProperty("refreshedAt").GetString()!);
        Assert.StartsWith("/ung-ho?nhu-cau=", item.GetProperty("giveUrl").GetString(), StringComparison.Ordinal);
        Assert.Contains("-2026-winter-jacket-Age6To8-T", item.GetProperty("giveUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(1_080_000, json.GetProperty("totals").GetProperty("estimatedCostVnd").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["category", "commune", "priority"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Needs_csv_has_a_header_row_then_a_row_of_valid_hxl_hashtags_then_one_row_per_cell()
    {
        await SeedAsync();
        var client = Client();

        var response = await client.GetAsync("/api/v1/needs.csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var names = lines[0].Split(',');
        var tags = lines[1].Split(',');
        Assert.Equal(names.Length, tags.Length);
        Assert.All(tags, t => Assert.Matches(HxlHashtag(), t));
        foreach (var expected in new[] { "#adm1+name", "#adm2+name", "#adm3+name", "#adm3+code", "#loc+name", "#sector", "#item+name", "#item+size",
                     "#targeted+children", "#indicator+num", "#value+vnd", "#priority", "#date+start", "#date+end" })
            Assert.Contains(expected, tags);
        Assert.Equal(5, lines.Length - 2); // jackets, meals, merged meals, the "< 5" row, boots
        var children = Array.IndexOf(tags, "#targeted+children");
        Assert.Contains(lines.Skip(2), l => l.Split(',')[children] == "< 5");
        Assert.Contains(lines.Skip(2), l => l.Contains("Tỉnh Gia Lai,,Xã Ia Đal,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_filter_combination_total_download_or_difference_of_two_answers_reveals_the_group_of_four()
    {
        var seeded = await SeedAsync();
        var client = UnlimitedClient();
        var answers = new List<(string Query, long Cost, long Sessions)>();
        var rowCosts = new HashSet<long>();
        string?[] communes = [null, seeded.CommuneId.ToString(), seeded.OtherCommuneId.ToString()];
        string?[] categories = [null, .. Enum.GetNames<NeedCategory>()];
        string?[] priorities = [null, "1", "2", "3", "4"];

        foreach (var commune in communes)
        foreach (var category in categories)
        foreach (var priority in priorities)
        {
            var query = string.Join('&', new[] { ("commune", commune), ("category", category), ("priority", priority) }
                .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}"));
            var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/needs?" + query);
            var csv = await client.GetStringAsync("/api/v1/needs.csv?" + query);
            var page = WebUtility.HtmlDecode(await GetHtmlAsync(client, "/nhu-cau?" + query));
            foreach (var item in json.GetProperty("items").EnumerateArray())
            {
                var below = item.GetProperty("belowFive").GetBoolean();
                var kids = item.GetProperty("children");
                Assert.True(below ? kids.ValueKind == JsonValueKind.Null : kids.GetInt32() >= 5, $"{query}: {item}");
                if (below) Assert.Equal(JsonValueKind.Null, item.GetProperty("estimatedCostVnd").ValueKind);
                else rowCosts.Add(item.GetProperty("estimatedCostVnd").GetInt64());
            }
            var totals = json.GetProperty("totals");
            answers.Add((query, totals.GetProperty("estimatedCostVnd").GetInt64(), totals.GetProperty("sessions").GetInt64()));
            foreach (var body in new[] { csv, page, json.ToString() })
            {
                Assert.DoesNotContain(HiddenCost.ToString(), body.Replace(".", "", StringComparison.Ordinal));
                Assert.DoesNotContain("123457", body.Replace(".", "", StringComparison.Ordinal));
            }
            var childrenColumn = Array.IndexOf(csv.Split('\n')[1].Split(','), "#targeted+children");
            foreach (var row in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(r => r.Split(',')[childrenColumn]))
                Assert.True(row == "< 5" || int.Parse(row) >= 5, $"{query}: children {row}");
            foreach (Match m in Regex.Matches(page, "<td class=\"num\">(\\d+)</td>"))
                Assert.True(int.Parse(m.Groups[1].Value) >= 5, $"{query}: a cell of {m.Groups[1].Value}");
        }

        // The attacker subtracts every answer from every other, and every row from every answer.
        Assert.All(answers, a => Assert.Equal(0, a.Sessions));
        var figures = answers.Select(a => a.Cost).Concat(rowCosts).Distinct().ToList();
        foreach (var a in figures)
        foreach (var b in figures)
            Assert.NotEqual(HiddenCost, a - b);
    }

    [Fact]
    public async Task No_public_response_holds_a_childs_name_date_of_birth_or_a_need_line_key()
    {
        var seeded = await SeedAsync();
        var client = UnlimitedClient();
        var urls = new[]
        {
            "/nhu-cau", $"/nhu-cau?commune={seeded.CommuneId}", "/nhu-cau?category=WarmClothes&priority=1", "/nhu-cau?category=HealthCheckUp",
            "/api/v1/needs", $"/api/v1/needs?commune={seeded.CommuneId}&category=Nutrition", "/api/v1/needs.csv", "/api/v1/needs.csv?priority=1",
            "/openapi/v1.json", "/", "/sao-ke", "/bang-vang", "/api/v1/campaigns",
        };
        var bodies = new List<string>();
        foreach (var url in urls) bodies.Add(WebUtility.HtmlDecode(await client.GetStringAsync(url)));
        var english = Site.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        bodies.Add(WebUtility.HtmlDecode(await GetHtmlAsync(english, "/ngon-ngu/en?returnUrl=%2Fnhu-cau")));

        foreach (var body in bodies)
        {
            foreach (var prefix in ChildNamePrefixes) Assert.DoesNotContain(prefix.Split(' ')[0], body);
            Assert.DoesNotMatch(@"(1[5-9]|2\d)/03/2017|2017-03-(1[5-9]|2\d)", body);
            foreach (var key in seeded.LineKeys) Assert.DoesNotContain(key.ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("childId", body);
        }
    }

    [Fact]
    public async Task OpenApi_describes_both_needs_endpoints_with_typed_filters()
    {
        var json = await Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/needs.csv", out _));
        var get = paths.GetProperty("/api/v1/needs").GetProperty("get");
        var parameters = get.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));
        Assert.Equal("integer", parameters["priority"].GetProperty("type").GetString());
        Assert.Equal("integer", parameters["commune"].GetProperty("type").GetString());
        Assert.Contains("WarmClothes", parameters["category"].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.True(get.GetProperty("responses").TryGetProperty("400", out _));
    }

    [GeneratedRegex(@"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")]
    private static partial Regex HxlHashtag();
}

public class PublicNeedsListTestsOnSqlite() : PublicNeedsListTests(DatabaseProvider.Sqlite);

public class PublicNeedsListTestsOnPostgres() : PublicNeedsListTests(DatabaseProvider.Postgres);
