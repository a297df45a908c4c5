using System.Globalization;
using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Checkups;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.Interventions;

/// <summary>
/// Meals served per school and day of a school meal programme, as school staff and health workers enter them through
/// the week grid: scoped by school, all or nothing, messages next to the cell, a warning above the enrolment, audited
/// edits, totals; and what the database refuses by itself.
/// </summary>
public abstract class MealPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    // Friday 20/11/2026, 10:00 in Vietnam.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero));
    protected override TimeProvider? Clock => _clock;
    private CheckupWorld W = null!;
    private int _own, _other;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
        Intervention Meals(string name, int unit, int school, int station, params int[] children) => new()
        {
            Name = name, Kind = InterventionKind.SchoolMeals, StartsOn = new DateOnly(2026, 9, 1), EndsOn = new DateOnly(2026, 11, 30), BudgetVnd = 50_000_000,
            AdminUnitId = unit, HealthStationId = station, CreatedBy = "test",
            Sites = [new InterventionSite { OrganisationId = school }], Children = children.Select(c => new InterventionChild { ChildId = c }).ToList(),
        };
        var own = Meals("Bữa trưa Ia Đal", W.Own, W.OwnSchool, W.OwnStation, W.OwnGirl, W.OwnBoy);
        var other = Meals("Bữa trưa Ia Tơi", W.Other, W.OtherSchool, W.OtherStation, W.OtherChild);
        db.Interventions.AddRange(own, other);
        await db.SaveChangesAsync();
        (_own, _other) = (own.Id, other.Id);
    }

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private Task<StaffClient> BoundAsync(string userName, string role, int unit, int organisation) => LogInBoundAsync(userName, role, unit, organisation);

    private string Week(int intervention, int school, string monday) => $"/Interventions/Meals/{S(intervention)}?school={S(school)}&week={monday}";

    private static Dictionary<string, string> Days(params (string Day, string Meals, string Cost)[] rows)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < rows.Length; i++)
        {
            fields[$"Rows[{i}].Day"] = rows[i].Day;
            fields[$"Rows[{i}].Meals"] = rows[i].Meals;
            fields[$"Rows[{i}].CostPerMealVnd"] = rows[i].Cost;
        }
        return fields;
    }

    [Fact]
    public async Task School_staff_enter_their_schools_week_an_edit_keeps_who_and_when_and_the_totals_add_up_by_school_and_month()
    {
        var staff = await BoundAsync("truong-iadal", Roles.SchoolStaff, W.Own, W.OwnSchool);
        var list = await staff.GetPageAsync("/Interventions/Meals");
        var url = Week(_own, W.OwnSchool, "2026-11-16");

        var saved = await staff.FollowAsync(await staff.PostFormAsync(url, Days(("16/11/2026", "2", "15.000"), ("17/11/2026", "1", "15000"), ("18/11/2026", "", ""))));
        var edited = await staff.FollowAsync(await staff.PostFormAsync(url, Days(("16/11/2026", "1", "15.000"), ("17/11/2026", "1", "15.000"), ("18/11/2026", "", ""))));
        var worker = await BoundAsync("yte-iadal", Roles.HealthWorker, W.Own, W.OwnStation);
        var edit = WebUtility.HtmlDecode(await worker.GetPageAsync($"/Interventions/Edit/{S(_own)}"));

        Assert.Contains("Bữa trưa Ia Đal", list);
        Assert.DoesNotContain("Bữa trưa Ia Tơi", list);
        Assert.Contains("Đã lưu số suất ăn: 2 ngày thay đổi, 0 ngày xóa.", WebUtility.HtmlDecode(saved));
        Assert.Contains("Đã lưu số suất ăn: 1 ngày thay đổi, 0 ngày xóa.", WebUtility.HtmlDecode(edited));
        await using var db = Db.NewContext();
        var days = await db.MealDays.OrderBy(m => m.ServedOn).ToListAsync();
        Assert.Equal([(new DateOnly(2026, 11, 16), 1, 15_000L), (new DateOnly(2026, 11, 17), 1, 15_000L)], days.Select(d => (d.ServedOn, d.Meals, d.CostPerMealVnd)));
        Assert.All(days, d => Assert.Equal(("truong-iadal", W.Own, W.OwnSchool), (d.EnteredBy, d.AdminUnitId, d.SchoolId)));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == "MealDay" && a.Action == "Added" && a.AdminUnitId == W.Own));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityType == "MealDay" && a.Action == "Modified"));
        // The health worker of the programme's station reads the school's days on the intervention's page.
        Assert.Contains("Tổng cộng: 2 suất trong 2 ngày, chi phí 30.000 ₫.", edit);
        Assert.Contains("11/2026", edit);
        Assert.Contains("<svg class=\"chart\"", edit);
        // The staff home page shows the year's meals in the user's scope; another commune's officer sees none.
        Assert.Contains("Tổng cộng: 2 suất trong 2 ngày, chi phí 30.000 ₫.", WebUtility.HtmlDecode(await staff.GetPageAsync("/")));
        await StaffAsync("xa-iatoi", [Roles.CommuneOfficer], W.Other);
        Assert.DoesNotContain("Tổng cộng: 2 suất", WebUtility.HtmlDecode(await (await LogInAsync("xa-iatoi")).GetPageAsync("/")));
    }

    [Fact]
    public async Task A_wrong_cell_saves_nothing_and_its_message_is_next_to_it()
    {
        var staff = await BoundAsync("truong-iadal", Roles.SchoolStaff, W.Own, W.OwnSchool);

        var negative = await staff.PostFormAsync(Week(_own, W.OwnSchool, "2026-11-16"), Days(("16/11/2026", "-1", "15.000"), ("17/11/2026", "2", "15.000"), ("18/11/2026", "2", "")));
        var future = await staff.PostFormAsync(Week(_own, W.OwnSchool, "2026-11-23"), Days(("23/11/2026", "2", "15.000")));
        var outside = await staff.PostFormAsync(Week(_own, W.OwnSchool, "2026-08-31"), Days(("31/08/2026", "2", "15.000")));
        var negativeHtml = WebUtility.HtmlDecode(await negative.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, negative.StatusCode);
        Assert.Matches(@"id=""e-0-m""[^>]*>Số suất ăn không được âm\.", negativeHtml);
        Assert.Matches(@"id=""e-2-c""[^>]*>Vui lòng nhập giá một suất \(đồng\)\.", negativeHtml);
        Assert.Matches(@"id=""e-0-m""[^>]*>Chưa đến ngày này: chỉ nhập số suất ăn đã phục vụ\.", WebUtility.HtmlDecode(await future.Content.ReadAsStringAsync()));
        Assert.Matches(@"id=""e-0-m""[^>]*>Ngày 31/08/2026 ngoài thời gian chương trình \(01/09/2026 – 30/11/2026\)\.",
            WebUtility.HtmlDecode(await outside.Content.ReadAsStringAsync()));
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.MealDays.CountAsync());
    }

    [Fact]
    public async Task More_meals_than_enrolled_children_is_saved_with_a_warning_next_to_the_cell()
    {
        var staff = await BoundAsync("truong-iadal", Roles.SchoolStaff, W.Own, W.OwnSchool);

        var response = await staff.PostFormAsync(Week(_own, W.OwnSchool, "2026-11-16"), Days(("16/11/2026", "5", "15.000")));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nhiều hơn số trẻ đã ghi danh ở trường (2): kiểm tra lại.", html);
        await using var db = Db.NewContext();
        Assert.Equal(5, (await db.MealDays.SingleAsync()).Meals);
    }

    [Fact]
    public async Task Another_schools_staff_and_another_stations_health_worker_get_not_found_and_save_nothing()
    {
        var otherStaff = await BoundAsync("truong-iatoi", Roles.SchoolStaff, W.Other, W.OtherSchool);
        var otherWorker = await BoundAsync("yte-iatoi", Roles.HealthWorker, W.Other, W.OtherStation);
        var url = Week(_own, W.OwnSchool, "2026-11-16");

        foreach (var client in new[] { otherStaff, otherWorker })
        {
            var (page, html) = await client.GetAsync(url);
            var token = StaffClient.Token(await client.GetPageAsync("/Interventions/Meals"));
            var post = await client.PostWithTokenAsync(url, token, Days(("16/11/2026", "2", "15.000")));
            var list = await client.GetPageAsync("/Interventions/Meals");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.DoesNotContain("Bữa trưa Ia Đal", html);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            Assert.DoesNotContain("Bữa trưa Ia Đal", list);
        }
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.MealDays.CountAsync());
        // Their own school's programme is theirs.
        Assert.Equal(HttpStatusCode.OK, (await otherStaff.GetAsync(Week(_other, W.OtherSchool, "2026-11-16"))).Response.StatusCode);
    }

    private static byte[] Workbook(params (string School, string Day, object Meals, object Cost)[] rows)
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows.Select(r => new Dictionary<string, object?>
        {
            ["Trường"] = r.School, ["Ngày"] = r.Day, ["Số suất ăn"] = r.Meals, ["Giá một suất (đồng)"] = r.Cost,
        }).ToList());
        return stream.ToArray();
    }

    [Fact]
    public async Task An_imported_workbook_with_one_bad_row_writes_nothing_and_lists_the_row_then_the_corrected_file_writes_every_day()
    {
        var staff = await BoundAsync("truong-iadal", Roles.SchoolStaff, W.Own, W.OwnSchool);
        var url = Week(_own, W.OwnSchool, "2026-11-16");
        var token = StaffClient.Token(await staff.GetPageAsync(url));
        var template = await staff.Http.GetAsync($"/Interventions/Meals/{S(_own)}?handler=Template");
        const string xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        var importUrl = $"/Interventions/Meals/{S(_own)}?handler=Import&school={S(W.OwnSchool)}&week=2026-11-16";

        var bad = await staff.PostFileAsync(importUrl, token, [], "Upload", "suat-an.xlsx",
            Workbook(("Trường TH Ia Đal", "16/11/2026", 2, 15000), ("truong th ia dal", "17/11/2026", 2, "15.000"), ("Trường TH Ia Tơi", "18/11/2026", 2, 15000),
                ("Trường TH Ia Đal", "23/11/2026", 2, 15000)), xlsx);
        var badHtml = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        int afterBad;
        await using (var db = Db.NewContext()) afterBad = await db.MealDays.CountAsync();
        var good = await staff.PostFileAsync(importUrl, token, [], "Upload", "suat-an.xlsx",
            Workbook(("Trường TH Ia Đal", "16/11/2026", 2, 15000), ("truong th ia dal", "17/11/2026", 1, "16.000")), xlsx);
        var goodHtml = WebUtility.HtmlDecode(await good.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        using (var templateFile = new MemoryStream(await template.Content.ReadAsByteArrayAsync()))
            Assert.Equal("Trường TH Ia Đal", MiniExcelLibs.MiniExcel.Query(templateFile, useHeaderRow: true).Cast<IDictionary<string, object?>>().Single()["Trường"]);
        Assert.Contains("Chưa ghi dòng nào: sửa các dòng sau rồi nhập lại cả tệp.", badHtml);
        Assert.Contains("Trường “Trường TH Ia Tơi” không thuộc chương trình hoặc ngoài phạm vi của bạn.", badHtml);
        Assert.Contains("Chưa đến ngày này: chỉ nhập số suất ăn đã phục vụ.", badHtml);
        Assert.Equal(0, afterBad);
        // The refused file comes back row for row with the "Lỗi" column, for its uploader only.
        var errorsLink = System.Text.RegularExpressions.Regex.Match(badHtml, @"/Interventions/Meals/\d+\?handler=Errors&job=[0-9a-f-]{36}").Value;
        Assert.NotEmpty(errorsLink);
        var errors = await staff.Http.GetAsync(errorsLink);
        Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        using (var errorFile = new MemoryStream(await errors.Content.ReadAsByteArrayAsync()))
        {
            var rows = MiniExcelLibs.MiniExcel.Query(errorFile, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(4, rows.Count);
            Assert.Null(rows[0]["Lỗi"]);
            Assert.Contains("không thuộc chương trình", (string)rows[2]["Lỗi"]!);
            Assert.Contains("Chưa đến ngày này", (string)rows[3]["Lỗi"]!);
        }
        var other = await BoundAsync("truong-iadal-2", Roles.SchoolStaff, W.Own, W.OwnSchool);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(errorsLink)).StatusCode);
        Assert.Contains("Đã nhập 2 ngày suất ăn từ tệp.", goodHtml);
        await using var check = Db.NewContext();
        var days = await check.MealDays.OrderBy(m => m.ServedOn).ToListAsync();
        Assert.Equal([(new DateOnly(2026, 11, 16), 2, 15_000L), (new DateOnly(2026, 11, 17), 1, 16_000L)], days.Select(d => (d.ServedOn, d.Meals, d.CostPerMealVnd)));
        Assert.All(days, d => Assert.Equal((W.OwnSchool, W.OwnStation, "truong-iadal"), (d.SchoolId, d.HealthStationId!.Value, d.EnteredBy)));
        Assert.DoesNotContain("over-enrolled", goodHtml);

        // More meals than the school's enrolled pupils is written, with a warning naming the day (as the week grid warns).
        var many = await staff.PostFileAsync(importUrl, token, [], "Upload", "suat-an.xlsx", Workbook(("Trường TH Ia Đal", "18/11/2026", 500, 15000)), xlsx);
        var manyHtml = WebUtility.HtmlDecode(await many.Content.ReadAsStringAsync());
        Assert.Contains("Đã nhập 1 ngày suất ăn từ tệp.", manyHtml);
        Assert.Contains("những ngày sau có nhiều suất ăn hơn số trẻ đã ghi danh", manyHtml);
        Assert.Matches(@"Trường TH Ia Đal, 18/11/2026: 500 suất, \d+ trẻ ghi danh", manyHtml);
    }

    [Fact]
    public async Task The_database_refuses_a_second_row_for_the_same_day_a_school_that_is_not_a_site_and_negative_meals()
    {
        MealDay Day(int school, int meals, long cost = 15_000) => new()
        {
            InterventionId = _own, SchoolId = school, AdminUnitId = W.Own, ServedOn = new DateOnly(2026, 11, 16), Meals = meals, CostPerMealVnd = cost,
            EnteredBy = "test", EnteredAt = DateTime.UtcNow,
        };
        await using (var db = Db.NewContext())
        {
            db.MealDays.Add(Day(W.OwnSchool, 2));
            await db.SaveChangesAsync();
        }
        foreach (var wrong in new[] { Day(W.OwnSchool, 3), Day(W.OtherSchool, 2), Day(W.OwnSchool, -1), Day(W.OwnSchool, 2, -5) })
        {
            await using var db = Db.NewContext();
            if (wrong.Meals < 0 || wrong.CostPerMealVnd < 0) wrong.ServedOn = new DateOnly(2026, 11, 17);
            db.MealDays.Add(wrong);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using var check = Db.NewContext();
        Assert.Equal(1, await check.MealDays.CountAsync());
    }
}

public class MealPagesTestsOnSqlite() : MealPagesTests(DatabaseProvider.Sqlite);

public class MealPagesTestsOnPostgres() : MealPagesTests(DatabaseProvider.Postgres);
