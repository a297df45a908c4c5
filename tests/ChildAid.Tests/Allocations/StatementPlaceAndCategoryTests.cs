using System.Net;
using System.Text.Json;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Needs;
using ChildAid.Shared.PublicNeeds;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Allocations;

/// <summary>
/// The public statement says where (commune, school) and what (need category, item) each entry is about, and filters by
/// commune and by category: on the page, in the JSON, the CSV link and both query paths (with and without search words).
/// </summary>
public abstract class StatementPlaceAndCategoryTests(DatabaseProvider provider) : AllocationTest(provider)
{
    private async Task ArrangeAsync()
    {
        var receipt = await ReceiptAsync(5_000_000); // Ia Đal
        await using (var scope = Sp.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "cli";
            Ok(await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(TestData.Cash(W.DonorId, W.IaToi.Id, 1_000_000)));
        }
        foreach (var (need, amount) in new[] { (W.Meals, 400_000L), (W.Jackets, 360_000L), (W.ChildJacket, 180_000L), (W.MealsIaToi, 200_000L) })
        {
            var proposed = Ok(await ProposeMoneyAsync(receipt, need, amount));
            var approver = need == W.MealsIaToi ? W.OtherCommune : W.Approver;
            var decision = await AsAsync(approver, s => s.ApproveAsync(proposed.Id));
            Assert.True(decision.Booked, decision.Problem ?? decision.Refusal);
        }
        await using var db = Db.NewContext();
        foreach (var commune in new[] { W.IaDal, W.IaToi })
            await new PublicNeedsProjection(db, TimeProvider.System).RefreshAsync(commune.Id, 2026);
    }

    [Fact]
    public async Task Entries_carry_their_commune_school_and_category_and_filter_by_them_on_both_query_paths()
    {
        await ArrangeAsync();
        var services = new ServiceCollection();
        services.AddPublicData(Db.PublicOptions);
        await using var sp = services.BuildServiceProvider();
        await using var scope = sp.CreateAsyncScope();
        var statement = new StatementQuery(scope.ServiceProvider.GetRequiredService<PublicDbContext>());

        var iaDal = (await statement.PageAsync(new StatementFilter(Commune: W.IaDal.Code))).Lines;
        // The three allocations to its needs; a gift received is about no place (its entry names no unit) until it is allocated.
        Assert.Equal(3, iaDal.Count);
        Assert.All(iaDal, l => Assert.Equal((LedgerEntryKind.Allocation, "Xã Ia Đal", W.IaDal.Code), (l.Kind, l.UnitName, l.UnitCode)));
        var school = Assert.Single(iaDal, l => l.Kind == LedgerEntryKind.Allocation && l.Category == NeedCategory.Nutrition);
        Assert.Equal("Trường TH-THCS Ia Đal", school.SchoolName);
        // A child's need names neither the child nor the school, here as in its reference.
        var child = Assert.Single(iaDal, l => l.NeedReference == $"{W.IaDal.Code}-2026-WarmClothes");
        Assert.Equal((NeedCategory.WarmClothes, (string?)null), (child.Category, child.SchoolName));
        Assert.Single((await statement.PageAsync(new StatementFilter(Commune: W.IaToi.Code))).Lines);
        var receipts = (await statement.PageAsync(new StatementFilter(Kind: LedgerEntryKind.Receipt))).Lines;
        Assert.All(receipts, r => Assert.Equal(((string?)null, (string?)null, (NeedCategory?)null), (r.UnitName, r.SchoolName, r.Category)));

        var nutrition = (await statement.PageAsync(new StatementFilter(Category: NeedCategory.Nutrition))).Lines;
        Assert.Equal([W.IaToi.Code, W.IaDal.Code], nutrition.Select(l => l.UnitCode));
        Assert.Equal(2, (await statement.PageAsync(new StatementFilter(Category: NeedCategory.WarmClothes))).Lines.Count);
        Assert.Single((await statement.PageAsync(new StatementFilter(Commune: W.IaDal.Code, Category: NeedCategory.Nutrition))).Lines);
        Assert.Empty((await statement.PageAsync(new StatementFilter(Category: NeedCategory.Recreation))).Lines);
        // The search path (words: raw SQL on each provider) filters the same way.
        Assert.Equal(2, (await statement.PageAsync(new StatementFilter("phân bổ", Category: NeedCategory.WarmClothes))).Lines.Count);
        Assert.Single((await statement.PageAsync(new StatementFilter("phân bổ", Commune: W.IaToi.Code))).Lines);
        // A code with other characters is ignored rather than matched.
        Assert.Equal(6, (await statement.PageAsync(new StatementFilter(Commune: "%"))).Lines.Count);
    }

    [Fact]
    public async Task The_page_the_json_and_the_csv_take_the_commune_and_category_filters_and_show_no_child()
    {
        await ArrangeAsync();
        await using var site = new PublicSite.PublicSiteFactory(Db);
        var client = site.CreateClient();
        var query = $"unit={W.IaDal.Code}&category=WarmClothes";
        Assert.Contains(">—</td>", WebUtility.HtmlDecode(await client.GetStringAsync("/sao-ke?kind=Receipt"))); // a gift received: no place, no category

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/sao-ke?" + query));
        Assert.Contains("Trường TH-THCS Ia Đal, Xã Ia Đal", page);
        Assert.Contains("<td data-label=\"Hạng mục\">Đồ ấm</td>", page);
        Assert.Matches($"<option value=\"{W.IaDal.Code}\" selected=\"selected\">Xã Ia Đal</option>", page);
        Assert.Contains("<option value=\"WarmClothes\" selected=\"selected\">Đồ ấm</option>", page);
        Assert.Contains($"/api/v1/statement.csv?{query}", page);
        Assert.DoesNotContain(AllocationWorld.ChildName, page);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(page, "<tr class=\"\" id=\"dong-|<tr id=\"dong-"));

        var csv = await client.GetStringAsync("/api/v1/statement.csv?" + query);
        Assert.Equal(3, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // the header and two allocations
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/statement?" + query));
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal(("WarmClothes", "Xã Ia Đal"), (i.GetProperty("category").GetString(), i.GetProperty("unitName").GetString())));

        foreach (var bad in new[] { "category=Gift", "category=5", "unit=a-b" })
        {
            var response = await client.GetAsync("/api/v1/statement?" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(bad.Split('=')[0], out _), bad);
        }
    }

    [Fact]
    public async Task Each_figure_of_a_public_need_row_links_to_the_statement_entries_behind_it()
    {
        await ArrangeAsync();
        await using var site = new PublicSite.PublicSiteFactory(Db);
        var client = site.CreateClient();
        var needs = WebUtility.HtmlDecode(await client.GetStringAsync($"/nhu-cau?commune={W.IaDal.Id}&category=WarmClothes"));
        var committed = $"/sao-ke?nhu-cau={W.IaDal.Code}-2026&category=WarmClothes&kind=Allocation";
        Assert.Contains($"<a href=\"{committed}\">Đã cam kết", needs);
        // Nothing delivered yet: that figure links nowhere.
        Assert.DoesNotContain("kind=Distribution", needs);

        var behind = WebUtility.HtmlDecode(await client.GetStringAsync(committed));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(behind, "<tr class=\"\" id=\"dong-|<tr id=\"dong-")); // the school's and the child's jackets
        Assert.DoesNotContain("Suất ăn", behind);
        Assert.DoesNotContain(AllocationWorld.ChildName, behind);
    }
}

public class StatementPlaceAndCategoryTestsOnSqlite() : StatementPlaceAndCategoryTests(DatabaseProvider.Sqlite);

public class StatementPlaceAndCategoryTestsOnPostgres() : StatementPlaceAndCategoryTests(DatabaseProvider.Postgres);
