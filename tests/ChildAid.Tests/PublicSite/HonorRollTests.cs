using System.Text.RegularExpressions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Text;

namespace ChildAid.Tests.PublicSite;

public abstract class HonorRollTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task Honor_roll_ranks_donors_who_show_amounts_lists_name_only_donors_and_counts_the_anonymous()
    {
        var unit = await UnitAsync();
        var campaign = await CampaignAsync();
        var message = await DonorAsync(unit, "Nguyễn Văn An", DisplayChoice.NameAmountMessage);
        var amount = await DonorAsync(unit, "Công ty Ánh Dương", DisplayChoice.NameAmount);
        var nameOnly = await DonorAsync(unit, "Trần Thị Bình", DisplayChoice.NameOnly);
        var anonymous = await DonorAsync(unit, "Lê Văn Kín", DisplayChoice.Anonymous);
        var reversed = await DonorAsync(unit, "Phạm Văn Rút", DisplayChoice.NameAmount);
        await GiveAsync(message, unit, 2_000_000, campaign.Id);
        await GiveAsync(message, unit, 1_000_000);
        await GiveAsync(amount, unit, 5_000_000, campaign.Id);
        await GiveAsync(nameOnly, unit, 3_333_000, campaign.Id);
        await GiveAsync(anonymous, unit, 4_444_000, campaign.Id);
        var mistake = await GiveAsync(reversed, unit, 9_999_000, campaign.Id);
        await ReverseAsync(mistake.Id);
        var client = Client();

        var overall = await GetHtmlAsync(client, "/bang-vang");
        var perCampaign = await GetHtmlAsync(client, $"/bang-vang/{campaign.Slug}");

        var ranked = Ranked(overall);
        Assert.Equal(["Công ty Ánh Dương", "Nguyễn Văn An"], ranked.Select(r => r.Name));
        Assert.Equal([VietnameseFormat.Vnd(5_000_000), VietnameseFormat.Vnd(3_000_000)], ranked.Select(r => r.Amount));
        Assert.Equal([VietnameseFormat.Vnd(5_000_000), VietnameseFormat.Vnd(2_000_000)], Ranked(perCampaign).Select(r => r.Amount));
        foreach (var html in new[] { overall, perCampaign })
        {
            Assert.Contains("<li>Trần Thị Bình</li>", html);
            Assert.DoesNotContain(VietnameseFormat.Vnd(3_333_000), html);
            Assert.DoesNotContain("Lê Văn Kín", html);
            Assert.DoesNotContain(VietnameseFormat.Vnd(4_444_000), html);
            Assert.Contains("1 nhà hảo tâm ủng hộ ẩn danh.", html);
            Assert.DoesNotContain("Phạm Văn Rút", html);
        }
    }

    [Fact]
    public async Task Unknown_campaign_honor_roll_is_not_found()
    {
        var response = await Client().GetAsync("/bang-vang/khong-co-chien-dich-nay");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private static List<(string Name, string Amount)> Ranked(string html) =>
        Regex.Matches(html, "<tr><td>\\d+</td><th scope=\"row\">(?<name>[^<]+)</th><td class=\"num\">\\d+</td><td class=\"num\">(?<amount>[^<]+)</td></tr>")
            .Select(m => (m.Groups["name"].Value, m.Groups["amount"].Value)).ToList();
}

public class HonorRollTestsOnSqlite() : HonorRollTests(DatabaseProvider.Sqlite);

public class HonorRollTestsOnPostgres() : HonorRollTests(DatabaseProvider.Postgres);
