using System.Net;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Campaigns;

/// <summary>
/// A campaign's areas on BackOffice's campaign page and the campaign-areas verb: a programme officer adds a commune
/// they cover and never another; an area a live allocation depends on is not removed (a Vietnamese message says why);
/// every change is audited.
/// </summary>
public abstract class CampaignAreaTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private async Task<AllocationWorld> ArrangeAsync()
    {
        AllocationWorld world;
        await using (var db = Db.NewContext()) world = await AllocationWorld.CreateAsync(db);
        await StaffAsync("chuongtrinh-iadal", [Roles.ProgrammeOfficer], world.IaDal.Id);
        return world;
    }

    private async Task<List<Shared.Campaigns.CampaignArea>> AreasAsync(int campaignId)
    {
        await using var db = Db.NewContext();
        return await db.CampaignAreas.IgnoreQueryFilters().AsNoTracking().Where(a => a.CampaignId == campaignId).OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>A gift to the campaign proposed (by the CLI's actor) to the jackets of Ia Đal: a live allocation inside the warm-clothes area.</summary>
    private async Task<Allocation> LiveAllocationAsync(AllocationWorld w)
    {
        await using var sp = Db.Services();
        Contribution receipt;
        await using (var scope = Scope(sp, "cli"))
            receipt = (await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(TestData.Cash(w.DonorId, w.IaDal.Id, 1_000_000, w.WarmClothes.Id))).Value!;
        await using (var scope = Scope(sp, "cli"))
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<AllocationService>()
                .ProposeAsync(new AllocationInput { ContributionId = receipt.Id, NeedLineId = w.Jackets.Id, AmountVnd = 360_000 });
            Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Errors.Values));
            return outcome.Value!;
        }
    }

    [Fact]
    public async Task An_officer_adds_a_commune_they_cover_never_another_and_removes_an_area_only_when_no_live_allocation_depends_on_it()
    {
        var w = await ArrangeAsync();
        var officer = await LogInAsync("chuongtrinh-iadal");
        var url = $"/Campaigns/Areas/{w.WarmClothes.Id}";

        var page = await officer.GetPageAsync(url);
        Assert.Contains("Xã Ia Đal", page);
        Assert.Contains($"value=\"{w.IaDal.Id}\"", page);
        Assert.DoesNotContain($"value=\"{w.IaToi.Id}\"", page); // the picker offers the officer's communes only

        var added = await officer.PostFormAsync(url, new() { ["Input.AdminUnitId"] = w.IaDal.Id.ToString(), ["Input.Category"] = "Nutrition" }, url + "?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var other = await officer.PostFormAsync(url, new() { ["Input.AdminUnitId"] = w.IaToi.Id.ToString() }, url + "?handler=Add");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("không thuộc phạm vi đơn vị của bạn", WebUtility.HtmlDecode(await other.Content.ReadAsStringAsync()));
        var twice = await officer.PostFormAsync(url, new() { ["Input.AdminUnitId"] = w.IaDal.Id.ToString(), ["Input.Category"] = "Nutrition" }, url + "?handler=Add");
        Assert.Contains("Chiến dịch đã có địa bàn này", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()));

        var areas = await AreasAsync(w.WarmClothes.Id);
        Assert.Equal([NeedCategory.WarmClothes, NeedCategory.Nutrition], areas.Select(a => a.Category!.Value));
        Assert.All(areas, a => Assert.Equal(w.IaDal.Id, a.AdminUnitId));

        await LiveAllocationAsync(w);
        var warm = areas[0];
        var refused = await officer.PostFormAsync(url, new() { ["AreaId"] = warm.Id.ToString() }, url + "?handler=Remove");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("1 phân bổ (đang chờ duyệt hoặc đã duyệt) của chiến dịch dựa vào địa bàn này", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        var removed = await officer.PostFormAsync(url, new() { ["AreaId"] = areas[1].Id.ToString() }, url + "?handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal([warm.Id], (await AreasAsync(w.WarmClothes.Id)).Select(a => a.Id));

        await using var db = Db.NewContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "CampaignArea" && a.Action == "Added"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "CampaignArea" && a.Action == "Deleted"));
    }

    [Fact]
    public async Task The_whole_commune_covers_what_its_category_area_held_so_that_one_can_go()
    {
        var w = await ArrangeAsync();
        await LiveAllocationAsync(w);
        var officer = await LogInAsync("chuongtrinh-iadal");
        var url = $"/Campaigns/Areas/{w.WarmClothes.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync(url, new() { ["Input.AdminUnitId"] = w.IaDal.Id.ToString() }, url + "?handler=Add")).StatusCode);

        var warm = (await AreasAsync(w.WarmClothes.Id)).Single(a => a.Category == NeedCategory.WarmClothes);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync(url, new() { ["AreaId"] = warm.Id.ToString() }, url + "?handler=Remove")).StatusCode);
        var whole = Assert.Single(await AreasAsync(w.WarmClothes.Id));
        Assert.Null(whole.Category);
        var last = await officer.PostFormAsync(url, new() { ["AreaId"] = whole.Id.ToString() }, url + "?handler=Remove");
        Assert.Contains("dựa vào địa bàn này", WebUtility.HtmlDecode(await last.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_database_refuses_to_delete_or_move_an_area_a_live_allocation_depends_on_whoever_writes()
    {
        var w = await ArrangeAsync();
        var warm = Assert.Single(await AreasAsync(w.WarmClothes.Id));
        await LiveAllocationAsync(w);
        await using var db = Db.NewContext();

        var delete = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM campaign_areas WHERE id = {0}", warm.Id));
        var move = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE campaign_areas SET admin_unit_id = {0} WHERE id = {1}", w.IaToi.Id, warm.Id));

        Assert.NotNull(delete);
        Assert.Contains("depends on this area", delete.ToString());
        Assert.NotNull(move);
        Assert.Equal(w.IaDal.Id, Assert.Single(await AreasAsync(w.WarmClothes.Id)).AdminUnitId);
        // Once the whole commune is an area too, the category area holds nothing alone and may go.
        db.CampaignAreas.Add(new Shared.Campaigns.CampaignArea { CampaignId = w.WarmClothes.Id, AdminUnitId = w.IaDal.Id });
        await db.SaveChangesAsync();
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("DELETE FROM campaign_areas WHERE id = {0}", warm.Id));
    }

    [Fact]
    public async Task The_cli_verb_adds_removes_and_lists_and_refuses_a_removal_an_allocation_depends_on()
    {
        var w = await ArrangeAsync();
        var (code, output) = await CliRunner.RunAsync(Db, "campaign-areas", "--campaign", w.WarmClothes.Slug,
            "--add", w.IaToi.Code, "--add", $"{w.IaDal.Code}:nutrition", "--remove", $"{w.IaDal.Code}:WarmClothes");
        Assert.True(code == 0, output);
        var listed = output[output.IndexOf("Areas of campaign", StringComparison.Ordinal)..];
        Assert.Contains($"{w.IaToi.Code}\t", listed);
        Assert.Contains($"{w.IaDal.Code}:Nutrition", listed);
        Assert.DoesNotContain($"{w.IaDal.Code}:WarmClothes", listed);

        var bad = await CliRunner.RunAsync(Db, "campaign-areas", "--campaign", w.WarmClothes.Slug, "--add", $"{w.IaDal.Code}:Shoes");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("không có trong danh sách", bad.Output);

        Assert.Equal(0, (await CliRunner.RunAsync(Db, "campaign-areas", "--campaign", w.WarmClothes.Slug, "--add", $"{w.IaDal.Code}:WarmClothes")).ExitCode);
        await LiveAllocationAsync(w);
        var refused = await CliRunner.RunAsync(Db, "campaign-areas", "--campaign", w.WarmClothes.Slug, "--remove", $"{w.IaDal.Code}:WarmClothes");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("dựa vào địa bàn này", refused.Output);
        Assert.Equal(3, (await AreasAsync(w.WarmClothes.Id)).Count);
    }
}

public class CampaignAreaTestsOnSqlite() : CampaignAreaTests(DatabaseProvider.Sqlite);

public class CampaignAreaTestsOnPostgres() : CampaignAreaTests(DatabaseProvider.Postgres);
