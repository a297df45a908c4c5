using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace ChildAid.Tests.PublicSite;

/// <summary>The public API as a programmer meets it: JSON types, errors, CORS and its OpenAPI description.</summary>
public abstract class PublicApiTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task Statement_items_carry_utc_instants_with_Z_and_the_previous_hash_of_the_chain()
    {
        var unit = await UnitAsync();
        var donor = await DonorAsync(unit, "Nguyễn Văn An");
        await GiveAsync(donor, unit, 100_000);
        await GiveAsync(donor, unit, 200_000);
        var client = Client();

        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/statement");

        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        foreach (var item in items)
        {
            var recordedAt = item.GetProperty("recordedAt").GetString()!;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", recordedAt);
        }
        Assert.Equal(new string('0', 64), items[1].GetProperty("previousHash").GetString());
        Assert.Equal(items[1].GetProperty("hash").GetString(), items[0].GetProperty("previousHash").GetString());
    }

    [Fact]
    public async Task A_foreign_gift_shows_the_same_digits_in_json_on_either_database()
    {
        var unit = await UnitAsync();
        var donor = await DonorAsync(unit, "John Smith");
        var input = TestData.Cash(donor, unit, 0);
        input.AmountVnd = null;
        (input.OriginalCurrency, input.OriginalAmount, input.ExchangeRate) = ("USD", 100.50m, 25450.120000m);
        await using (var scope = Scope(BackOffice))
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(input);
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
        }

        var json = await Client().GetStringAsync("/api/v1/statement");

        Assert.Contains("\"originalAmount\":100.5,", json, StringComparison.Ordinal);
        Assert.Contains("\"exchangeRate\":25450.12,", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_query_parameters_answer_400_problem_details_naming_each_parameter_in_vietnamese_and_english()
    {
        var client = Client();

        var response = await client.GetAsync("/api/v1/statement?from=abc&to=2026-13-01&page=-1&campaign=khong-co");
        var csv = await client.GetAsync("/api/v1/statement.csv?from=31/12/2026");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.Equal(["campaign", "from", "page", "to"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains("yyyy-MM-dd", errors.GetProperty("from")[0].GetString());
        Assert.Contains("Ngày", errors.GetProperty("from")[0].GetString());
        Assert.Contains("khong-co", errors.GetProperty("campaign")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Equal("application/problem+json", csv.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unexpected_error_in_the_api_is_a_500_problem_details_and_health_says_503()
    {
        await using var broken = Site.WithWebHostBuilder(b => b.UseSetting("Database:ConnectionString", UnreachableDatabase()));
        using var client = broken.CreateClient();

        var api = await client.GetAsync("/api/v1/statement");
        var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    [Fact]
    public async Task Health_reads_the_database()
    {
        var response = await Client().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Any_web_page_may_read_the_public_api_but_not_the_html_pages()
    {
        var client = Client();
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/v1/campaigns");
        get.Headers.Add("Origin", "https://journalist.example");
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/statement");
        preflight.Headers.Add("Origin", "https://journalist.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var page = new HttpRequestMessage(HttpMethod.Get, "/sao-ke");
        page.Headers.Add("Origin", "https://journalist.example");

        var getResponse = await client.SendAsync(get);
        var preflightResponse = await client.SendAsync(preflight);
        var pageResponse = await client.SendAsync(page);

        Assert.Equal("*", Assert.Single(getResponse.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("*", Assert.Single(preflightResponse.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("GET", preflightResponse.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.False(getResponse.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.False(pageResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Openapi_describes_integers_enums_errors_429_and_the_csv_media_type()
    {
        var doc = await Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var statement = doc.GetProperty("paths").GetProperty("/api/v1/statement").GetProperty("get");
        var csv = doc.GetProperty("paths").GetProperty("/api/v1/statement.csv").GetProperty("get");

        Assert.DoesNotContain("\"string\"", schemas.GetProperty("CampaignJson").GetProperty("properties").GetProperty("goalVnd").GetRawText());
        Assert.Equal("integer", schemas.GetProperty("CampaignJson").GetProperty("properties").GetProperty("goalVnd").GetProperty("type").GetString());
        Assert.Equal("integer", schemas.GetProperty("StatementLineJson").GetProperty("properties").GetProperty("sequence").GetProperty("type").GetString());
        Assert.Equal(["Draft", "Active", "Closed"], Enums(schemas, "CampaignJson", "status"));
        Assert.Equal(["receipt", "reversal", "allocation", "expense", "stock_movement", "distribution"], Enums(schemas, "StatementLineJson", "kind"));
        var page = statement.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "page");
        Assert.Equal("integer", page.GetProperty("schema").GetProperty("type").GetString());
        Assert.True(statement.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(statement.GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(csv.GetProperty("responses").TryGetProperty("429", out _));
        Assert.True(csv.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _));
        Assert.Contains("byte", csv.GetProperty("description").GetString());
        var xlsx = doc.GetProperty("paths").GetProperty("/api/v1/statement.xlsx").GetProperty("get").GetProperty("responses");
        Assert.True(xlsx.GetProperty("200").GetProperty("content").TryGetProperty("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out _));
        Assert.True(xlsx.TryGetProperty("429", out _));
    }

    [Fact]
    public async Task The_api_reference_page_is_served_with_its_own_script_and_fetches_nothing_from_elsewhere()
    {
        var client = Client();

        var page = await client.GetAsync("/api/docs");
        var html = await page.Content.ReadAsStringAsync();
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", html);
        Assert.NotEmpty(scripts);
        Assert.DoesNotContain("//", string.Join(" ", scripts.Select(s => s.Replace("./", "", StringComparison.Ordinal))));
        foreach (var script in scripts)
        {
            var js = await client.GetAsync(new Uri(new Uri("http://localhost/api/docs/"), script));
            Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        }
        Assert.DoesNotContain("https://", Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
    }

    private static List<string> Enums(JsonElement schemas, string type, string property)
    {
        var schema = schemas.GetProperty(type).GetProperty("properties").GetProperty(property);
        if (schema.TryGetProperty("$ref", out var reference)) schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        return schema.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private string UnreachableDatabase() => Db.Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(Db.PublicConnectionString) { Database = "childaid_no_such_database", Timeout = 3 }.ConnectionString
        : $"Data Source={Path.Combine(Path.GetTempPath(), "childaid-no-such-dir", "missing.db")};Mode=ReadOnly";
}

public class PublicApiTestsOnSqlite() : PublicApiTests(DatabaseProvider.Sqlite);

public class PublicApiTestsOnPostgres() : PublicApiTests(DatabaseProvider.Postgres);
