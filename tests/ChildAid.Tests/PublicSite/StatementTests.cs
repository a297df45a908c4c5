using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Text;

namespace ChildAid.Tests.PublicSite;

public abstract partial class StatementTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task Recorded_gift_appears_on_the_statement_page_and_in_the_json_api()
    {
        var unit = await UnitAsync();
        var campaign = await CampaignAsync("Bữa trưa có thịt");
        var donor = await DonorAsync(unit, "Công ty TNHH Ánh Dương", DisplayChoice.NameAmount);
        var gift = await GiveAsync(donor, unit, 1_500_000, campaign.Id, new DateOnly(2026, 11, 3));
        var client = Client();

        var html = await GetHtmlAsync(client, "/sao-ke");
        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/statement");

        Assert.Contains("Công ty TNHH Ánh Dương", html);
        Assert.Contains(gift.ReceiptNumber, html);
        Assert.Contains("03/11/2026", html);
        Assert.Contains(VietnameseFormat.Vnd(1_500_000), html);
        Assert.Contains("Bữa trưa có thịt", html);
        var item = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.Equal(gift.ReceiptNumber, item.GetProperty("receiptNumber").GetString());
        Assert.Equal(1_500_000, item.GetProperty("amountVnd").GetInt64());
        Assert.Equal("Công ty TNHH Ánh Dương", item.GetProperty("donorDisplay").GetString());
        Assert.Equal(campaign.Slug, item.GetProperty("campaignSlug").GetString());
        Assert.Equal("2026-11-03", item.GetProperty("valueDate").GetString());
    }

    [Fact]
    public async Task Search_ignores_diacritics_and_case()
    {
        var unit = await UnitAsync();
        await GiveAsync(await DonorAsync(unit, "Nguyễn Văn An"), unit, 100_000);
        await GiveAsync(await DonorAsync(unit, "Trần Thị Bình"), unit, 200_000);
        var client = Client();

        var html = await GetHtmlAsync(client, "/sao-ke?q=nguyen+van+an");
        var upper = await GetHtmlAsync(client, "/sao-ke?q=NGUYEN%20VAN%20AN");
        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/statement?q=nguyen%20van%20an");

        Assert.Contains("Nguyễn Văn An", html);
        Assert.DoesNotContain("Trần Thị Bình", html);
        Assert.Contains("Nguyễn Văn An", upper);
        var item = Assert.Single(json.GetProperty("items").EnumerateArray());
        Assert.Equal("Nguyễn Văn An", item.GetProperty("donorDisplay").GetString());
    }

    [Fact]
    public async Task Statement_filters_by_campaign_and_date_range()
    {
        var unit = await UnitAsync();
        var warm = await CampaignAsync("Áo ấm cho em");
        var lunch = await CampaignAsync("Bữa trưa có thịt");
        var donor = await DonorAsync(unit, "Lê Văn Cường");
        await GiveAsync(donor, unit, 111_000, warm.Id, new DateOnly(2026, 10, 5));
        await GiveAsync(donor, unit, 222_000, lunch.Id, new DateOnly(2026, 10, 20));
        await GiveAsync(donor, unit, 333_000, warm.Id, new DateOnly(2026, 11, 10));
        var client = Client();

        var byCampaign = await Amounts(client, $"/api/v1/statement?campaign={warm.Slug}");
        var byId = await Amounts(client, $"/api/v1/statement?campaign={lunch.Id}");
        var byDates = await Amounts(client, "/api/v1/statement?from=2026-10-10&to=2026-11-30");
        var both = await Amounts(client, $"/api/v1/statement?campaign={warm.Slug}&from=2026-11-01");
        var html = await GetHtmlAsync(client, $"/sao-ke?campaign={lunch.Slug}&from=2026-10-01&to=2026-10-31");
        var unknown = await client.GetAsync("/api/v1/statement?campaign=khong-co");

        Assert.Equal([333_000L, 111_000L], byCampaign);
        Assert.Equal([222_000L], byId);
        Assert.Equal([333_000L, 222_000L], byDates);
        Assert.Equal([333_000L], both);
        Assert.Contains(VietnameseFormat.Vnd(222_000), html);
        Assert.DoesNotContain(VietnameseFormat.Vnd(111_000), html);
        Assert.DoesNotContain(VietnameseFormat.Vnd(333_000), html);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknown.StatusCode); // ProblemDetails naming the parameter (PublicApiTests)
    }

    [Fact]
    public async Task Statement_pages_newest_first_and_knows_when_another_page_follows()
    {
        var unit = await UnitAsync();
        var donor = await DonorAsync(unit, "Phạm Thị Dung");
        for (var i = 1; i <= StatementFilter.PageSize + 5; i++) await GiveAsync(donor, unit, 1_000 * i);
        var client = Client();

        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/statement");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/v1/statement?page=2");
        var firstHtml = await GetHtmlAsync(client, "/sao-ke");
        var secondHtml = await GetHtmlAsync(client, "/sao-ke?trang=2");

        Assert.True(first.GetProperty("hasNext").GetBoolean());
        Assert.False(second.GetProperty("hasNext").GetBoolean());
        var firstSequences = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sequence").GetInt64()).ToList();
        var secondSequences = second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(6, 20).Reverse().Select(i => (long)i), firstSequences);
        Assert.Equal([5L, 4L, 3L, 2L, 1L], secondSequences);
        Assert.Contains("href=\"/sao-ke?trang=2\"", firstHtml);
        Assert.Contains(">" + VietnameseFormat.Vnd(25_000) + "<", firstHtml);
        Assert.DoesNotContain(">" + VietnameseFormat.Vnd(5_000) + "<", firstHtml);
        Assert.Contains(">" + VietnameseFormat.Vnd(5_000) + "<", secondHtml);
        Assert.Contains("href=\"/sao-ke\"", secondHtml);
        Assert.DoesNotContain("trang=3", secondHtml);
    }

    [Fact]
    public async Task Reversal_is_shown_and_marked_with_a_negative_amount()
    {
        var unit = await UnitAsync();
        var donor = await DonorAsync(unit, "Hoàng Văn Em");
        var gift = await GiveAsync(donor, unit, 750_000);
        await ReverseAsync(gift.Id, "Nhập sai số tiền");
        var client = Client();

        var html = await GetHtmlAsync(client, "/sao-ke");
        var json = await client.GetFromJsonAsync<JsonElement>("/api/v1/statement");

        var reversalRow = ReversalRow().Match(html);
        Assert.True(reversalRow.Success, "the reversal row is marked");
        Assert.Contains("Hủy", reversalRow.Value);
        Assert.Contains("Nhập sai số tiền", reversalRow.Value);
        Assert.Contains(VietnameseFormat.Vnd(-750_000), reversalRow.Value);
        Assert.Contains(gift.ReceiptNumber, reversalRow.Value);
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["reversal", "receipt"], items.Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(-750_000, items[0].GetProperty("amountVnd").GetInt64());
        Assert.Equal(items[1].GetProperty("sequence").GetInt64(), items[0].GetProperty("reversesSequence").GetInt64());
    }

    [Fact]
    public async Task Donors_who_hide_their_name_beside_amounts_show_as_anonymous()
    {
        var unit = await UnitAsync();
        await GiveAsync(await DonorAsync(unit, "Đỗ Thị Giang", DisplayChoice.Anonymous), unit, 400_000);
        await GiveAsync(await DonorAsync(unit, "Vũ Văn Hải", DisplayChoice.NameOnly), unit, 500_000);
        var client = Client();

        var html = await GetHtmlAsync(client, "/sao-ke");

        Assert.DoesNotContain("Đỗ Thị Giang", html);
        Assert.DoesNotContain("Vũ Văn Hải", html);
        Assert.Equal(2, Regex.Matches(html, "\">Nhà hảo tâm ẩn danh</td>").Count);
    }

    [Fact]
    public async Task Unfiltered_csv_download_re_verifies_and_a_filtered_one_holds_only_matches()
    {
        var unit = await UnitAsync();
        var an = await DonorAsync(unit, "Nguyễn Văn An");
        var binh = await DonorAsync(unit, "Trần Thị Bình", DisplayChoice.Anonymous);
        var gift = await GiveAsync(an, unit, 100_000);
        await GiveAsync(binh, unit, 200_000);
        await ReverseAsync(gift.Id);
        var client = Client();

        var response = await client.GetAsync("/api/v1/statement.csv");
        var all = await ReadCsvAsync(response);
        var filtered = await ReadCsvAsync(await client.GetAsync("/api/v1/statement.csv?q=nguyen%20van%20an"));
        var html = await GetHtmlAsync(client, "/sao-ke?q=nguyen");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([1L, 2L, 3L], all.Select(e => e.Sequence));
        var verification = await LedgerVerifier.VerifyAsync(all.ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(3, verification.EntriesChecked);
        Assert.Equal([1L, 3L], filtered.Select(e => e.Sequence));
        Assert.Contains("href=\"/api/v1/statement.csv?q=nguyen\"", html);
    }

    private static async Task<List<LedgerEntry>> ReadCsvAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode);
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        var entries = new List<LedgerEntry>();
        await foreach (var e in StatementCsv.ReadAsync(reader)) entries.Add(e);
        return entries;
    }

    private static async Task<List<long>> Amounts(HttpClient client, string url)
    {
        var json = await client.GetFromJsonAsync<JsonElement>(url);
        return json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("amountVnd").GetInt64()).ToList();
    }

    [GeneratedRegex("<tr class=\"reversal\"[^>]*>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex ReversalRow();
}

public class StatementTestsOnSqlite() : StatementTests(DatabaseProvider.Sqlite);

public class StatementTestsOnPostgres() : StatementTests(DatabaseProvider.Postgres);
