using System.Globalization;
using System.Net;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Growth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Checkups;

/// <summary>Check-up sessions and the class grid as a health worker uses them: real forms, anti-forgery tokens.</summary>
public abstract class CheckupPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private CheckupWorld W = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
    }

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>A health worker of a station (the commune's unit, the station as their organisation), logged in.</summary>
    private Task<StaffClient> HealthWorkerAsync(string userName, int unit, int station) => LogInBoundAsync(userName, Roles.HealthWorker, unit, station);

    private string SessionUrl => $"/Checkups/Session/{S(W.OwnSession)}?class=3A";

    [Fact]
    public async Task A_health_worker_saves_a_class_and_each_child_keeps_z_scores_with_the_reference_version()
    {
        var client = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);

        var grid = await client.GetPageAsync(SessionUrl);
        var saved = await client.PostFormAsync(SessionUrl, CheckupWorld.Grid((W.OwnGirl, "19,5", "118,2"), (W.OwnBoy, "", "")));
        var page = await client.FollowAsync(saved);

        Assert.Contains("Rơ Châm H", grid);
        Assert.Contains("A Dũng", grid);
        Assert.Contains("Đã lưu kết quả đo của 1 trẻ.", page);
        await using var db = Db.NewContext();
        var m = await db.Measurements.SingleAsync();
        Assert.Equal(W.OwnGirl, m.ChildId);
        Assert.Equal(19.5m, m.WeightKg);
        Assert.Equal(118.2m, m.LengthCm);
        Assert.Equal(MeasuredPosition.Standing, m.Position);
        Assert.Equal(WhoTables.Calculator.ReferenceVersion, m.ReferenceVersion);
        var expected = WhoTables.Calculator.Compute(new GrowthMeasurement
        {
            Sex = Sex.Female, BirthDate = new DateOnly(2018, 5, 10), VisitDate = CheckupWorld.SessionDay, WeightKg = 19.5, LengthOrHeightCm = 118.2, Position = MeasuredPosition.Standing,
        });
        Assert.Equal((decimal)expected.LengthForAge!.Value, m.LengthForAge);
        Assert.Equal((decimal)expected.BmiForAge!.Value, m.BmiForAge);
        Assert.Equal((decimal)expected.WeightForAge!.Value, m.WeightForAge);
        Assert.Equal(expected.Status, m.Status);
        Assert.Contains(Checkups_Text(m.LengthForAge), page);
    }

    private static string Checkups_Text(decimal? z) => ChildAid.BackOffice.Checkups.GrowthText.Z(z);

    private static byte[] Workbook(params (string Name, string Born, object? Weight, object? Length, string? Position)[] rows)
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows.Select(r => new Dictionary<string, object?>
        {
            ["Họ và tên"] = r.Name, ["Ngày sinh"] = r.Born, ["Cân nặng (kg)"] = r.Weight, ["Chiều dài/cao (cm)"] = r.Length, ["Tư thế đo (nằm/đứng)"] = r.Position,
        }).ToList());
        return stream.ToArray();
    }

    [Fact]
    public async Task An_imported_session_workbook_with_bad_rows_writes_nothing_and_comes_back_marked_then_the_corrected_one_stores_z_scores()
    {
        var client = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);
        var url = $"/Checkups/Session/{S(W.OwnSession)}";
        var token = StaffClient.Token(await client.GetPageAsync(url));
        const string xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        // The blank template names no child; the one listing the site's children asks a reason and is audited.
        using (var blank = new MemoryStream(await (await client.Http.GetAsync(url + "?handler=Template")).Content.ReadAsByteArrayAsync()))
            Assert.All(MiniExcelLibs.MiniExcel.Query(blank, useHeaderRow: true).Cast<IDictionary<string, object?>>(), r => Assert.Null(r["Họ và tên"]));
        var noReason = WebUtility.HtmlDecode(await (await client.PostFormAsync(url, new() { ["TemplateReason"] = " " }, url + "?handler=Template")).Content.ReadAsStringAsync());
        Assert.Matches("id=\"TemplateReason-error\"[^>]*>Vui lòng nhập lý do tải mẫu có danh sách trẻ", noReason);
        var template = await client.PostFormAsync(url, new() { ["TemplateReason"] = "Nhập tại điểm trường không có mạng" }, url + "?handler=Template");
        Assert.Equal(xlsx, template.Content.Headers.ContentType?.MediaType);
        using (var file = new MemoryStream(await template.Content.ReadAsByteArrayAsync()))
        {
            var names = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => (string)r["Họ và tên"]!).ToList();
            Assert.Equal(["A Dũng", "Rơ Châm H'Nhi"], names.Order(StringComparer.Ordinal));
        }
        await using (var db = Db.NewContext())
        {
            var downloaded = await db.AuditEntries.SingleAsync(a => a.EntityType == CheckupExport.TemplateAuditEntity);
            Assert.Equal((S(W.OwnSession), "yte-iadal", 2), (downloaded.EntityKey, downloaded.Actor,
                System.Text.Json.JsonDocument.Parse(downloaded.After!).RootElement.GetProperty("Count").GetInt32()));
            Assert.DoesNotContain("Châm", downloaded.After! + downloaded.Label, StringComparison.Ordinal);
        }
        Assert.Contains("yte-iadal đã tải mẫu nhập kết quả đo của buổi khám số " + S(W.OwnSession) + " kèm danh sách 2 trẻ em (dữ liệu cá nhân). Lý do: Nhập tại điểm trường không có mạng",
            WebUtility.HtmlDecode(await (await LogInAsAdminAsync()).GetPageAsync("/Audit")));

        var bad = WebUtility.HtmlDecode(await (await client.PostFileAsync(url + "?handler=Import", token, [], "Upload", "kham.xlsx",
            Workbook(("ro cham h'nhi", "10/05/2018", "19,5", "118,2", "đứng"), ("A Dũng", "11/05/2018", 21, 120, null), ("Siu Thị Hoa", "10/05/2018", 20, 119, null),
                ("A Dũng", "10/05/2018", "abc", 120, "ngồi")), xlsx)).Content.ReadAsStringAsync());
        await using (var db = Db.NewContext()) Assert.Equal(0, await db.Measurements.CountAsync());
        Assert.Contains("Chưa ghi dòng nào", bad);
        Assert.Contains("Không có trẻ “A Dũng” sinh ngày 11/05/2018 ở nơi khám này", bad);
        // Another station's child is not at this site, for this health worker.
        Assert.Contains("Không có trẻ “Siu Thị Hoa”", bad);
        Assert.Contains("Tư thế đo: ghi “nằm” hoặc “đứng”.", bad);
        var errorsLink = System.Text.RegularExpressions.Regex.Match(bad, @"/Checkups/Session/\d+\?handler=Errors&job=[0-9a-f-]{36}").Value;
        using (var errorFile = new MemoryStream(await (await client.Http.GetAsync(errorsLink)).Content.ReadAsByteArrayAsync()))
        {
            var rows = MiniExcelLibs.MiniExcel.Query(errorFile, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Null(rows[0]["Lỗi"]);
            Assert.NotNull(rows[1]["Lỗi"]);
        }

        var good = await client.FollowAsync(await client.PostFileAsync(url + "?handler=Import", token, [], "Upload", "kham.xlsx",
            Workbook(("ro cham h'nhi", "10/05/2018", "19,5", "118,2", "đứng"), ("A Dũng", "10/05/2018", 21, 120, null)), xlsx));
        Assert.Contains("Đã nhập kết quả đo của 2 trẻ từ tệp.", WebUtility.HtmlDecode(good));
        await using var check = Db.NewContext();
        var girl = await check.Measurements.SingleAsync(m => m.ChildId == W.OwnGirl);
        Assert.Equal((19.5m, 118.2m, MeasuredPosition.Standing, WhoTables.Calculator.ReferenceVersion), (girl.WeightKg!.Value, girl.LengthCm!.Value, girl.Position!.Value, girl.ReferenceVersion));
        Assert.NotNull(girl.LengthForAge);
        Assert.Equal(MeasuredPosition.Standing, (await check.Measurements.SingleAsync(m => m.ChildId == W.OwnBoy)).Position);
    }

    [Fact]
    public async Task One_wrong_cell_saves_nothing_and_its_message_is_next_to_that_cell()
    {
        var client = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);

        var response = await client.PostFormAsync(SessionUrl, CheckupWorld.Grid((W.OwnGirl, "19,5", "118,2"), (W.OwnBoy, "195", "120")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Chưa lưu gì", html);
        // The validation tag helper writes Vietnamese letters as character references; the browser shows the same text.
        Assert.Matches("id=\"e-1-w\"[^>]*>Cân nặng: nhập số kg từ 0,5 đến 150", WebUtility.HtmlDecode(html));
        Assert.Contains("value=\"195\"", html);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.Measurements.CountAsync());
    }

    [Fact]
    public async Task A_health_worker_of_another_station_gets_not_found_for_the_session_the_child_and_the_grid_post()
    {
        var client = await HealthWorkerAsync("yte-iatoi", W.Other, W.OtherStation);

        var (session, _) = await client.GetAsync(SessionUrl);
        var (child, childHtml) = await client.GetAsync($"/Checkups/Child/{S(W.OwnGirl)}");
        var token = StaffClient.Token(await client.GetPageAsync("/Checkups"));
        var post = await client.PostWithTokenAsync(SessionUrl, token, CheckupWorld.Grid((W.OwnGirl, "19,5", "118,2")));
        var list = await client.GetPageAsync("/Checkups");

        Assert.Equal(HttpStatusCode.NotFound, session.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, child.StatusCode);
        Assert.DoesNotContain("Rơ Châm", childHtml);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain("Trường TH Ia Đal", list);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.Measurements.CountAsync());
    }

    [Fact]
    public async Task A_health_worker_opens_a_session_only_for_their_own_station()
    {
        var client = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);
        var day = CheckupWorld.SessionDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        var refused = await client.PostFormAsync("/Checkups", new() { ["Input.HeldOn"] = day, ["Input.SiteId"] = S(W.OwnSchool), ["Input.Team"] = "Y sĩ Hoa" });
        var opened = await client.PostFormAsync("/Checkups", new()
        {
            ["Input.HeldOn"] = day, ["Input.SiteId"] = S(W.OwnSchool), ["Input.HealthStationId"] = S(W.OwnStation), ["Input.Team"] = "Y sĩ Hoa",
        });

        Assert.Contains("Chọn trạm y tế của bạn làm đơn vị khám.", await refused.Content.ReadAsStringAsync());
        var grid = await client.FollowAsync(opened);
        Assert.Contains("Chọn lớp", grid);
        await using var db = Db.NewContext();
        Assert.Equal(3, await db.CheckupSessions.CountAsync());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(CheckupSession) && a.Action == "Added"));
    }

    [Fact]
    public async Task The_child_page_draws_the_growth_chart_and_its_reading_is_audited()
    {
        var client = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);
        await client.FollowAsync(await client.PostFormAsync(SessionUrl, CheckupWorld.Grid((W.OwnGirl, "19,5", "118,2"))));

        var page = await client.GetPageAsync($"/Checkups/Child/{S(W.OwnGirl)}");

        Assert.Contains("<svg", page);
        Assert.Contains("role=\"img\"", page);
        Assert.Contains("Chiều dài/chiều cao theo tuổi (cm), bé gái, chuẩn WHO", page);
        Assert.Contains("<circle", page);
        Assert.Contains("20/11/2026", page);
        await using var db = Db.NewContext();
        var read = await db.AuditEntries.SingleAsync(a => a.Action == ChildReadAudit.ReadAction);
        Assert.Equal(S(W.OwnGirl), read.EntityKey);
        Assert.Equal(W.Own, read.AdminUnitId);
        Assert.Equal("yte-iadal", read.Actor);
        var audit = await LogInAsAdminAsync();
        Assert.Contains("đã xem hồ sơ trẻ em «Rơ Châm H", await audit.GetPageAsync("/Audit"));
    }

    [Fact]
    public async Task The_preview_gives_the_z_scores_and_a_warning_for_a_big_change_since_the_last_visit()
    {
        await using (var db = Db.NewContext())
        {
            var earlier = new CheckupSession { HeldOn = new DateOnly(2026, 5, 20), SiteId = W.OwnSchool, HealthStationId = W.OwnStation, AdminUnitId = W.Own, Team = "Y sĩ Hoa", CreatedBy = "test" };
            db.CheckupSessions.Add(earlier);
            await db.SaveChangesAsync();
            db.Measurements.Add(new Measurement { SessionId = earlier.Id, ChildId = W.OwnGirl, AdminUnitId = W.Own, WeightKg = 19.0m, LengthCm = 115.0m, Position = MeasuredPosition.Standing });
            await db.SaveChangesAsync();
        }
        var client = await HealthWorkerAsync("yte-iadal", W.Own, W.OwnStation);
        var token = StaffClient.Token(await client.GetPageAsync(SessionUrl));

        var response = await client.PostWithTokenAsync($"/Checkups/Session/{S(W.OwnSession)}?handler=Preview", token, new()
        {
            ["row.ChildId"] = S(W.OwnGirl), ["row.WeightKg"] = "29,5", ["row.LengthCm"] = "118,2", ["row.Position"] = "Standing",
        });
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"ok\":true", json);
        Assert.Contains("CC/T", json);
        Assert.Contains("Cân nặng tăng 10,5 kg so với lần đo 20/05/2026", System.Text.RegularExpressions.Regex.Unescape(json));
    }
}

public class CheckupPagesTestsOnSqlite() : CheckupPagesTests(DatabaseProvider.Sqlite);

public class CheckupPagesTestsOnPostgres() : CheckupPagesTests(DatabaseProvider.Postgres);
