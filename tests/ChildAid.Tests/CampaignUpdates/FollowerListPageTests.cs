using System.Net;
using ChildAid.Shared.CampaignUpdates;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.CampaignUpdates;

/// <summary>Staff see who follows a campaign: counts by state and the followers, searchable by address; roles without campaigns see nothing.</summary>
public abstract class FollowerListPageTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task Programme_staff_see_the_counts_and_the_followers_and_find_one_by_address()
    {
        Shared.Campaigns.Campaign campaign;
        await using (var db = Db.NewContext()) campaign = await TestData.CampaignAsync(db, "Áo ấm cho em");
        await using (var sp = Db.Services())
        await using (var scope = Scope(sp, "cli"))
        {
            var followers = scope.ServiceProvider.GetRequiredService<CampaignFollowers>();
            await followers.RequestAsync(campaign, "Lan.Nguyen@Example.org", "Nguyễn Thị Lan", "vi", null);
            await followers.RequestAsync(campaign, "minh@example.org", null, "vi", null);
            await scope.ServiceProvider.GetRequiredService<ChildAidDbContext>().SaveChangesAsync();
            string token;
            await using (var db = Db.NewContext()) token = (await db.CampaignFollowers.SingleAsync(f => f.Email == "minh@example.org")).ConfirmToken;
            Assert.True(await followers.ConfirmAsync(token));
        }
        int unit;
        await using (var db = Db.NewContext()) unit = (await TestData.UnitAsync(db)).Id;
        await StaffAsync("chuongtrinh", [Roles.ProgrammeOfficer], unit);
        await StaffAsync("ketoan", [Roles.Accountant], unit);

        var staff = await LogInAsync("chuongtrinh");
        var page = WebUtility.HtmlDecode(await staff.GetPageAsync($"/Campaigns/Followers/{campaign.Id}"));
        Assert.Contains("Đang nhận tin: 1", System.Text.RegularExpressions.Regex.Replace(page, "<[^>]+>", ""));
        Assert.Contains("Chờ xác nhận: 1", System.Text.RegularExpressions.Regex.Replace(page, "<[^>]+>", ""));
        Assert.Contains("lan.nguyen@example.org", page);
        Assert.Contains("minh@example.org", page);

        var found = WebUtility.HtmlDecode(await staff.GetPageAsync($"/Campaigns/Followers/{campaign.Id}?q=LAN.NGUYEN"));
        Assert.Contains("lan.nguyen@example.org", found);
        Assert.DoesNotContain("minh@example.org", found);

        var accountant = await LogInAsync("ketoan");
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.GetAsync($"/Campaigns/Followers/{campaign.Id}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/Campaigns/Followers/999999")).Response.StatusCode);
    }
}

public class FollowerListPageTestsOnSqlite() : FollowerListPageTests(DatabaseProvider.Sqlite);

public class FollowerListPageTestsOnPostgres() : FollowerListPageTests(DatabaseProvider.Postgres);
