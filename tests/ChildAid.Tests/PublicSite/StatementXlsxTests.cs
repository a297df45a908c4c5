using System.IO.Compression;
using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using MiniExcelLibs;

namespace ChildAid.Tests.PublicSite;

/// <summary>statement.xlsx as a spreadsheet user opens it: typed cells, campaign names, and no formula ever.</summary>
public abstract class StatementXlsxTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task The_workbook_has_number_and_date_cells_campaign_names_and_text_that_looks_like_a_formula_stays_text()
    {
        var unit = await UnitAsync();
        var campaign = await CampaignAsync("Bữa trưa có thịt");
        await GiveAsync(await DonorAsync(unit, "=HYPERLINK(\"http://evil.example\",\"x\")"), unit, 1_500_000, campaign.Id, new DateOnly(2026, 11, 3));
        await GiveAsync(await DonorAsync(unit, "+1+2"), unit, 200_000);
        await GiveAsync(await DonorAsync(unit, "@SUM(1,2)"), unit, 300_000);
        var client = Client();

        var response = await client.GetAsync("/api/v1/statement.xlsx");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var filtered = await client.GetAsync($"/api/v1/statement.xlsx?campaign={campaign.Slug}");
        var bad = await client.GetAsync("/api/v1/statement.xlsx?to=hom-qua");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var rows = new MemoryStream(bytes).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, rows.Count);
        var first = rows[0];
        Assert.Equal(1d, Assert.IsType<double>(first["sequence"]));
        Assert.Equal(1_500_000d, Assert.IsType<double>(first["amount_vnd"]));
        Assert.Equal(new DateTime(2026, 11, 3), Assert.IsType<DateTime>(first["value_date"]));
        Assert.IsType<DateTime>(first["recorded_at_utc"]);
        Assert.Equal("Bữa trưa có thịt", first["campaign"]);
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"x\")", first["donor_display"]);
        Assert.Equal("+1+2", rows[1]["donor_display"]);
        Assert.Equal("@SUM(1,2)", rows[2]["donor_display"]);
        Assert.Equal(new string('0', 64), first["previous_hash"]);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(sheet.Open());
            var xml = await reader.ReadToEndAsync();
            Assert.DoesNotContain("<f>", xml);
            Assert.DoesNotContain("<f ", xml);
            Assert.DoesNotContain(":f>", xml);
        }
        Assert.Single(new MemoryStream(await filtered.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

public class StatementXlsxTestsOnSqlite() : StatementXlsxTests(DatabaseProvider.Sqlite);

public class StatementXlsxTestsOnPostgres() : StatementXlsxTests(DatabaseProvider.Postgres);
