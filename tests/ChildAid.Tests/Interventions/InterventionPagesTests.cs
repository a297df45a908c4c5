using System.Globalization;
using System.Net;
using ChildAid.BackOffice.Pages.Interventions;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Data;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Checkups;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Interventions;

/// <summary>Interventions as a health worker keeps them: real forms with anti-forgery tokens, scoped like sessions.</summary>
public abstract class InterventionPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private CheckupWorld W = null!;
    private int _baseline, _campaign;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
        // The world's session (20/11/2026) is the endline; a May session at the same school is the baseline.
        var baseline = new CheckupSession
        {
            HeldOn = new DateOnly(2026, 5, 18), SiteId = W.OwnSchool, HealthStationId = W.OwnStation, AdminUnitId = W.Own, Team = "Y sĩ Hoa", CreatedBy = "test",
        };
        db.CheckupSessions.Add(baseline);
        await db.SaveChangesAsync();
        _baseline = baseline.Id;
        _campaign = (await TestData.CampaignAsync(db)).Id;
    }

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private Task<StaffClient> HealthWorkerAsync(string userName, int unit, int station) => LogInBoundAsync(userName, Roles.HealthWorker, unit, station);

    private Dictionary<string, string> Form(int baseline, int endline) => new()
    {
        ["Input.Name"] = "Bữa trưa bán trú Ia Đal 2026", ["Input.Kind"] = "SchoolMeals", ["Input.StartsOn"] = "01/05/2026", ["Input.EndsOn"] = "30/11/2026",
        ["Input.BudgetVnd"] = "120.000.000", ["Input.HealthStationId"] = S(W.OwnStation), ["Input.SiteIds"] = S(W.OwnSchool),
        ["Input.CampaignIds"] = S(_campaign), ["Input.BaselineSessionId"] = S(baseline), ["Input.EndlineSessionId"] = S(endline),
    };

    [Fact]
    public async Task A_health_worker_creates_an_intervention_with_its_sessions_and_campaign_enrols_the_school_and_the_audit_says_so()
    {
        var client = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);

        var created = await client.PostFormAsync("/Interventions/Edit", Form(_baseline, W.OwnSession));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = created.Headers.Location!.OriginalString;
        var enrolled = await client.PostFormAsync(editUrl, [], editUrl + "?handler=Enrol");
        var page = await client.FollowAsync(enrolled);
        var list = await client.GetPageAsync("/Interventions");

        Assert.Contains("Đã ghi danh thêm 2 trẻ.", page);
        Assert.Contains("Bữa trưa bán trú Ia Đal 2026", list);
        Assert.Contains("120.000.000 ₫", list);
        await using var db = Db.NewContext();
        var saved = await db.Interventions.Include(i => i.Sites).Include(i => i.Campaigns).Include(i => i.Children).SingleAsync();
        Assert.Equal(InterventionKind.SchoolMeals, saved.Kind);
        Assert.Equal((W.Own, W.OwnStation, 120_000_000L), (saved.AdminUnitId, saved.HealthStationId!.Value, saved.BudgetVnd));
        Assert.Equal((_baseline, W.OwnSession), (saved.BaselineSessionId!.Value, saved.EndlineSessionId!.Value));
        Assert.Equal([W.OwnSchool], saved.Sites.Select(s => s.OrganisationId));
        Assert.Equal([_campaign], saved.Campaigns.Select(c => c.CampaignId));
        Assert.Equal(new[] { W.OwnGirl, W.OwnBoy }.Order(), saved.Children.Select(c => c.ChildId).Order());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Intervention" && a.Action == "Added" && a.Label == "Bữa trưa bán trú Ia Đal 2026" && a.AdminUnitId == W.Own));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == "InterventionChild" && a.Action == "Added"));
    }

    [Fact]
    public async Task A_shorter_period_that_would_leave_meal_days_outside_it_saves_nothing_and_says_which_day()
    {
        var client = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);
        await client.PostFormAsync("/Interventions/Edit", Form(_baseline, W.OwnSession));
        int id;
        await using (var db = Db.NewContext())
        {
            id = await db.Interventions.Select(i => i.Id).SingleAsync();
            db.MealDays.Add(new MealDay
            {
                InterventionId = id, SchoolId = W.OwnSchool, AdminUnitId = W.Own, ServedOn = new DateOnly(2026, 11, 20), Meals = 2, CostPerMealVnd = 15_000,
                EnteredBy = "test", EnteredAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var shorter = Form(_baseline, W.OwnSession);
        shorter["Input.EndsOn"] = "31/10/2026";
        var html = WebUtility.HtmlDecode(await (await client.PostFormAsync($"/Interventions/Edit/{S(id)}", shorter)).Content.ReadAsStringAsync());

        Assert.Matches("id=\"Input_EndsOn-error\"[^>]*>Đã có số suất ăn ngày 20/11/2026, ngoài thời gian mới", html);
        await using var check = Db.NewContext();
        Assert.Equal(new DateOnly(2026, 11, 30), await check.Interventions.Select(i => i.EndsOn).SingleAsync());
    }

    [Fact]
    public async Task An_endline_before_the_baseline_saves_nothing_and_the_message_is_next_to_the_endline()
    {
        var client = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);

        var response = await client.PostFormAsync("/Interventions/Edit", Form(W.OwnSession, _baseline));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("id=\"Input_EndlineSessionId-error\"[^>]*>Buổi khám cuối kỳ phải sau buổi khám đầu kỳ.", html);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.Interventions.CountAsync());
    }

    [Fact]
    public async Task A_health_worker_of_another_station_gets_not_found_for_the_intervention_and_cannot_enrol_into_it()
    {
        var owner = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);
        var created = await owner.PostFormAsync("/Interventions/Edit", Form(_baseline, W.OwnSession));
        var editUrl = created.Headers.Location!.OriginalString;
        var stranger = await HealthWorkerAsync("yte-iatoi", W.Other, W.OtherStation);

        var (page, html) = await stranger.GetAsync(editUrl);
        var token = StaffClient.Token(await stranger.GetPageAsync("/Interventions"));
        var enrol = await stranger.PostWithTokenAsync(editUrl + "?handler=Enrol", token, []);
        var list = await stranger.GetPageAsync("/Interventions");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("Bữa trưa", html);
        Assert.Equal(HttpStatusCode.NotFound, enrol.StatusCode);
        Assert.DoesNotContain("Bữa trưa", list);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.InterventionChildren.CountAsync());
    }

    [Fact]
    public async Task The_evaluation_pairs_the_children_measured_at_both_sessions_and_its_workbook_carries_the_same_change()
    {
        var client = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);
        // Both children at both sessions, each a little heavier and taller in November, typed through the class grid.
        await client.FollowAsync(await client.PostFormAsync($"/Checkups/Session/{S(_baseline)}?class=3A", CheckupWorld.Grid((W.OwnGirl, "19,0", "117,0"), (W.OwnBoy, "20,0", "119,0"))));
        await client.FollowAsync(await client.PostFormAsync($"/Checkups/Session/{S(W.OwnSession)}?class=3A", CheckupWorld.Grid((W.OwnGirl, "20,5", "119,0"), (W.OwnBoy, "21,0", "121,5"))));
        var editUrl = (await client.PostFormAsync("/Interventions/Edit", Form(_baseline, W.OwnSession))).Headers.Location!.OriginalString;
        await client.FollowAsync(await client.PostFormAsync(editUrl, [], editUrl + "?handler=Enrol"));
        var id = editUrl[(editUrl.LastIndexOf('/') + 1)..];

        var page = WebUtility.HtmlDecode(await client.GetPageAsync($"/Interventions/Evaluation/{id}"));
        var export = await client.Http.GetAsync($"/Interventions/Evaluation/{id}?handler=Export");

        Assert.Contains("Trẻ đã ghi danh: 2; được đo ở cả hai buổi: 2.", page);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        // The hand computation: the mean of the two children's stored WAZ differences (November minus May).
        await using var db = Db.NewContext();
        var waz = await db.Measurements.AsNoTracking().Select(m => new { m.ChildId, m.SessionId, m.WeightForAge }).ToListAsync();
        decimal Change(int child) => waz.Single(m => m.ChildId == child && m.SessionId == W.OwnSession).WeightForAge!.Value
                                     - waz.Single(m => m.ChildId == child && m.SessionId == _baseline).WeightForAge!.Value;
        var expected = (double)(Change(W.OwnGirl) + Change(W.OwnBoy)) / 2;
        await using var file = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true, sheetName: "Thay đổi z-score").Cast<IDictionary<string, object?>>().ToList();
        var all = rows.Single(r => (string?)r["Nhóm"] == "Tất cả" && (string?)r["Chỉ số"] == ChildAid.BackOffice.Pages.Interventions.EvaluationText.Indicators[Indicator.WeightForAge]);
        Assert.Equal(2, Convert.ToInt32(all["Số cặp"], CultureInfo.InvariantCulture));
        Assert.Equal(expected, Convert.ToDouble(all["Thay đổi trung bình"], CultureInfo.InvariantCulture), 6);
        Assert.NotNull(all["KTC 95 % dưới"]);
    }

    [Fact]
    public async Task The_evaluation_chart_draws_each_conditions_prevalence_before_and_after_as_the_table_says()
    {
        var client = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);
        // The girl is severely stunted at both sessions (8 years, 108–109,5 cm), the boy at neither: stunting 1/2 before and after.
        await client.FollowAsync(await client.PostFormAsync($"/Checkups/Session/{S(_baseline)}?class=3A", CheckupWorld.Grid((W.OwnGirl, "18,0", "108,0"), (W.OwnBoy, "20,0", "119,0"))));
        await client.FollowAsync(await client.PostFormAsync($"/Checkups/Session/{S(W.OwnSession)}?class=3A", CheckupWorld.Grid((W.OwnGirl, "18,5", "109,5"), (W.OwnBoy, "21,0", "121,5"))));
        var editUrl = (await client.PostFormAsync("/Interventions/Edit", Form(_baseline, W.OwnSession))).Headers.Location!.OriginalString;
        await client.FollowAsync(await client.PostFormAsync(editUrl, [], editUrl + "?handler=Enrol"));
        var id = editUrl[(editUrl.LastIndexOf('/') + 1)..];

        var page = WebUtility.HtmlDecode(await client.GetPageAsync($"/Interventions/Evaluation/{id}"));

        var svg = System.Xml.Linq.XElement.Parse(System.Text.RegularExpressions.Regex.Match(page, "<svg[^>]*class=\"evaluation-chart\".*?</svg>",
            System.Text.RegularExpressions.RegexOptions.Singleline).Value);
        Assert.Equal("img", svg.Attribute("role")!.Value);
        var desc = svg.Elements().Single(e => e.Name.LocalName == "desc").Value;
        Assert.Contains("Thấp còi: trước 50,0 %, sau 50,0 %", desc);
        Assert.Contains("Thừa cân: trước 0,0 %, sau 0,0 %", desc);
        // Bars (not the legend's squares): before grey, after green, one pair per condition with children to count.
        var bars = svg.Elements().Where(e => e.Name.LocalName == "rect" && e.Attribute("height")?.Value == "16").ToList();
        Assert.Equal(EvaluationText.Conditions.Count * 2, bars.Count);
        double Width(System.Xml.Linq.XElement bar) => double.Parse(bar.Attribute("width")!.Value, CultureInfo.InvariantCulture);
        var label = svg.Elements().First(e => e.Name.LocalName == "text" && e.Value == "Thấp còi");
        var row = bars.Where(b => Math.Abs(double.Parse(b.Attribute("y")!.Value, CultureInfo.InvariantCulture) - double.Parse(label.Attribute("y")!.Value, CultureInfo.InvariantCulture)) < 30).ToList();
        Assert.Equal(["#8a8a8a", "#1b7a3a"], row.Select(b => b.Attribute("fill")!.Value));
        Assert.True(Width(row[0]) > 0);
        Assert.Equal(Width(row[0]), Width(row[1]), 3);
        // Half of the axis's maximum (the last tick) is half of the bars' full width.
        var ticks = svg.Elements().Where(e => e.Name.LocalName == "text" && e.Value.EndsWith(" %", StringComparison.Ordinal)).ToList();
        var max = double.Parse(ticks[^1].Value.Replace(" %", "", StringComparison.Ordinal).Replace(',', '.'), CultureInfo.InvariantCulture) / 100;
        Assert.Equal(0.5 / max * (640 - 180 - 24), Width(row[0]), 1);
        Assert.Contains("1/2 = 50,0 %", page);
    }

    [Fact]
    public async Task One_child_is_found_without_diacritics_within_scope_enrolled_and_unenrolled_and_both_are_audited()
    {
        var client = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);
        var editUrl = (await client.PostFormAsync("/Interventions/Edit", Form(_baseline, W.OwnSession))).Headers.Location!.OriginalString;

        var found = WebUtility.HtmlDecode(await client.GetPageAsync(editUrl + "?q=dung"));
        // "Siu Thị Hoa" is a child of the other commune: never found, whatever is typed.
        var other = WebUtility.HtmlDecode(await client.GetPageAsync(editUrl + "?q=hoa"));
        var enrolled = WebUtility.HtmlDecode(await client.FollowAsync(await client.PostFormAsync(editUrl + "?q=dung", new() { ["childId"] = S(W.OwnBoy) }, editUrl + "?handler=EnrolChild&q=dung")));
        var otherChild = WebUtility.HtmlDecode(await client.FollowAsync(await client.PostFormAsync(editUrl, new() { ["childId"] = S(W.OtherChild) }, editUrl + "?handler=EnrolChild")));
        int enrolledCount;
        await using (var db = Db.NewContext()) enrolledCount = await db.InterventionChildren.CountAsync();
        var unenrolled = WebUtility.HtmlDecode(await client.FollowAsync(await client.PostFormAsync(editUrl, new() { ["childId"] = S(W.OwnBoy) }, editUrl + "?handler=UnenrolChild")));

        Assert.Contains("A Dũng", found);
        Assert.DoesNotContain("Rơ Châm H'Nhi", found);
        Assert.DoesNotContain("Siu Thị Hoa", other);
        Assert.Contains("Đã ghi danh A Dũng.", enrolled);
        Assert.Matches("Trẻ đã ghi danh</caption>(?s:.)*A Dũng", enrolled);
        Assert.Contains("Không tìm thấy trẻ trong phạm vi của bạn.", otherChild);
        Assert.Equal(1, enrolledCount);
        Assert.Contains("Đã bỏ ghi danh A Dũng.", unenrolled);
        await using var check = Db.NewContext();
        Assert.Equal(0, await check.InterventionChildren.CountAsync());
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.EntityType == "InterventionChild" && a.Action == "Added" && a.AdminUnitId == W.Own));
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.EntityType == "InterventionChild" && a.Action == "Deleted" && a.AdminUnitId == W.Own));
    }
}

public class InterventionPagesTestsOnSqlite() : InterventionPagesTests(DatabaseProvider.Sqlite);

public class InterventionPagesTestsOnPostgres() : InterventionPagesTests(DatabaseProvider.Postgres);
