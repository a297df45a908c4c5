using System.Net.Http.Json;
using System.Text.Json;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Text;

namespace ChildAid.Tests.PublicSite;

public abstract class CampaignPageTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    [Fact]
    public async Task Campaign_page_shows_goal_raised_donor_count_and_recent_gifts_respecting_display_choices()
    {
        var unit = await UnitAsync();
        var campaign = await CampaignAsync("Áo ấm cho em", goal: 10_000_000);
        var other = await CampaignAsync("Bữa trưa có thịt");
        var an = await DonorAsync(unit, "Nguyễn Văn An", DisplayChoice.NameAmountMessage);
        var binh = await DonorAsync(unit, "Trần Thị Bình", DisplayChoice.NameOnly);
        var hidden = await DonorAsync(unit, "Lê Văn Kín", DisplayChoice.Anonymous);
        var undone = await DonorAsync(unit, "Phạm Văn Rút", DisplayChoice.NameAmount);
        await GiveAsync(an, unit, 1_000_000, campaign.Id, message: "Chúc các em ấm áp");
        await GiveAsync(an, unit, 500_000, campaign.Id);
        await GiveAsync(binh, unit, 2_000_000, campaign.Id);
        await GiveAsync(hidden, unit, 300_000, campaign.Id);
        await GiveAsync(an, unit, 7_000_000, other.Id);
        var mistake = await GiveAsync(undone, unit, 900_000, campaign.Id);
        await ReverseAsync(mistake.Id);
        var client = Client();

        var html = await GetHtmlAsync(client, $"/chien-dich/{campaign.Slug}");

        Assert.Contains("<h1>Áo ấm cho em</h1>", html);
        Assert.Contains($"<dt>Mục tiêu</dt><dd>{VietnameseFormat.Vnd(10_000_000)}</dd>", html);
        Assert.Contains($"<dt>Đã nhận</dt><dd>{VietnameseFormat.Vnd(3_800_000)}</dd>", html);
        Assert.Contains("<dt>Số nhà hảo tâm</dt><dd>3</dd>", html);
        Assert.Contains("<rect width=\"38\"", html);
        Assert.Contains("Chúc các em ấm áp", html);
        Assert.Contains(VietnameseFormat.Vnd(1_000_000), html);
        // A name-only donor is counted and thanked on the honor roll, never listed beside a date (which leads to the amount).
        Assert.DoesNotContain("Trần Thị Bình", html);
        Assert.DoesNotContain(VietnameseFormat.Vnd(2_000_000), html);
        Assert.DoesNotContain("Lê Văn Kín", html);
        Assert.Contains("Nhà hảo tâm ẩn danh", html);
        Assert.DoesNotContain("Phạm Văn Rút", html);
    }

    [Fact]
    public async Task Home_lists_active_campaigns_with_progress_and_the_api_lists_them_with_totals()
    {
        var unit = await UnitAsync();
        var campaign = await CampaignAsync("Bữa trưa có thịt", goal: 4_000_000);
        await GiveAsync(await DonorAsync(unit, "Nguyễn Văn An"), unit, 1_000_000, campaign.Id);
        var client = Client();

        var home = await GetHtmlAsync(client, "/");
        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/campaigns");

        Assert.Contains($"href=\"/chien-dich/{campaign.Slug}\"", home);
        Assert.Contains("Bữa trưa có thịt", home);
        Assert.Contains("<rect width=\"25\"", home);
        var item = Assert.Single(api.EnumerateArray());
        Assert.Equal(campaign.Slug, item.GetProperty("slug").GetString());
        Assert.Equal(4_000_000, item.GetProperty("goalVnd").GetInt64());
        Assert.Equal(1_000_000, item.GetProperty("raisedVnd").GetInt64());
        Assert.Equal(25, item.GetProperty("percentOfGoal").GetInt32());
    }

    [Fact]
    public async Task Unknown_campaign_page_is_not_found()
    {
        var response = await Client().GetAsync("/chien-dich/khong-co");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Không tìm thấy trang</h1>", await response.Content.ReadAsStringAsync());
    }
}

public class CampaignPageTestsOnSqlite() : CampaignPageTests(DatabaseProvider.Sqlite);

public class CampaignPageTestsOnPostgres() : CampaignPageTests(DatabaseProvider.Postgres);
