using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
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

/// <summary>
/// Triceps and subscapular skinfolds on a check-up: stored to 0.1 mm with their z-scores (3 months to 5 years), refused
/// by the database outside 1–50 mm, recomputed, typed in the class grid, imported, exported and imported back.
/// </summary>
public abstract class SkinfoldCheckupTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private CheckupWorld W = null!;
    /// <summary>A girl of 2½ years at the own school (class 3A's list, so the grid shows her): her skinfolds get z-scores.</summary>
    private int Toddler;
    private static readonly DateOnly ToddlerBorn = new(2024, 5, 10);
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
        var toddler = new Child
        {
            FullName = "Ksor H'Ban", SearchText = Shared.Text.TextFolding.Fold("Ksor H'Ban"), DateOfBirth = ToddlerBorn, Sex = Sex.Female,
            AdminUnitId = W.Own, SchoolId = W.OwnSchool, ClassName = "3A", HealthStationId = W.OwnStation,
        };
        db.Children.Add(toddler);
        await db.SaveChangesAsync();
        Toddler = toddler.Id;
    }

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);
    private string SessionUrl => $"/Checkups/Session/{S(W.OwnSession)}?class=3A";

    private Task<StaffClient> HealthWorkerAsync() => LogInBoundAsync("yte-iadal", Roles.HealthWorker, W.Own, W.OwnStation);

    private static GrowthResult Expected(Sex sex, DateOnly born, double weight, double? triceps, double? subscapular) =>
        WhoTables.Calculator.Compute(new GrowthMeasurement
        {
            Sex = sex, BirthDate = born, VisitDate = CheckupWorld.SessionDay, WeightKg = weight, TricepsSkinfoldMm = triceps, SubscapularSkinfoldMm = subscapular,
        });

    private Measurement Row(int child, decimal? triceps, decimal? subscapular) => new()
    {
        SessionId = W.OwnSession, ChildId = child, AdminUnitId = W.Own, WeightKg = 12.5m, TricepsSkinfoldMm = triceps, SubscapularSkinfoldMm = subscapular,
    };

    [Fact]
    public async Task Skinfolds_and_their_z_scores_come_back_exactly_and_the_database_refuses_impossible_skinfolds()
    {
        await using (var db = Db.NewContext())
        {
            var m = Row(Toddler, 8.5m, 49.9m);
            MeasurementScores.Apply(m, Sex.Female, ToddlerBorn, CheckupWorld.SessionDay, WhoTables.Calculator);
            db.Measurements.Add(m);
            await db.SaveChangesAsync();
        }
        await using (var read = Db.NewContext())
        {
            var m = await read.Measurements.SingleAsync();
            var expected = Expected(Sex.Female, ToddlerBorn, 12.5, 8.5, 49.9);
            Assert.Equal((8.5m, 49.9m), (m.TricepsSkinfoldMm!.Value, m.SubscapularSkinfoldMm!.Value));
            Assert.Equal((decimal)expected.TricepsForAge!.Value, m.TricepsSkinfoldForAge);
            Assert.Equal((decimal)expected.SubscapularForAge!.Value, m.SubscapularSkinfoldForAge);
            // 49.9 mm at 2½ years is far beyond +5 SD: kept, and flagged.
            Assert.True(m.Flags.HasFlag(GrowthFlags.SubscapularForAge));
        }
        foreach (var (triceps, subscapular) in new (decimal?, decimal?)[] { (0.9m, null), (null, 50.1m), (60m, 6m) })
        {
            await using var db = Db.NewContext();
            db.Measurements.Add(Row(W.OwnBoy, triceps, subscapular));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task Recompute_fills_in_the_skinfold_z_scores_of_rows_of_an_older_reference()
    {
        await using (var db = Db.NewContext())
        {
            var m = Row(Toddler, 7.2m, 5.4m);
            m.ReferenceVersion = "WHO2006+2007:0000000000000000";
            db.Measurements.Add(m);
            await db.SaveChangesAsync();
        }
        await using (var scope = App.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<GrowthRecompute>().RunAsync());

        await using var read = Db.NewContext();
        var stored = await read.Measurements.SingleAsync();
        var expected = Expected(Sex.Female, ToddlerBorn, 12.5, 7.2, 5.4);
        Assert.Equal(WhoTables.Calculator.ReferenceVersion, stored.ReferenceVersion);
        Assert.Equal((decimal)expected.TricepsForAge!.Value, stored.TricepsSkinfoldForAge);
        Assert.Equal((decimal)expected.SubscapularForAge!.Value, stored.SubscapularSkinfoldForAge);
    }

    [Fact]
    public async Task A_bad_skinfold_in_the_grid_saves_nothing_and_its_message_is_next_to_the_field()
    {
        var client = await HealthWorkerAsync();
        var fields = CheckupWorld.Grid((Toddler, "12,5", "90,1"), (W.OwnGirl, "", ""));
        fields["Rows[0].TricepsSkinfoldMm"] = "0,4";
        fields["Rows[0].SubscapularSkinfoldMm"] = "6,25";
        fields["Rows[1].SubscapularSkinfoldMm"] = "7,0";

        var response = await client.PostFormAsync(SessionUrl, fields);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Chưa lưu gì", html);
        Assert.Matches("id=\"e-\\d-ts\"[^>]*>Nếp gấp da cơ tam đầu: nhập số mm từ 1 đến 50, nhiều nhất một chữ số thập phân", html);
        Assert.Matches("id=\"e-\\d-ss\"[^>]*>Nếp gấp da dưới xương bả vai: nhập số mm từ 1 đến 50", html);
        // A skinfold alone is not a measurement: the row says what else to enter.
        Assert.Contains("Nếp gấp da được ghi cùng các số đo khác", html);
        Assert.Contains("value=\"0,4\"", html);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.Measurements.CountAsync());
    }

    [Fact]
    public async Task Skinfolds_typed_in_the_grid_are_scored_under_five_and_from_five_the_page_says_why_there_is_no_score()
    {
        var client = await HealthWorkerAsync();
        var fields = CheckupWorld.Grid((Toddler, "12,5", "90,1"), (W.OwnGirl, "19,5", "118,2"));
        fields["Rows[0].TricepsSkinfoldMm"] = "8,5";
        fields["Rows[0].SubscapularSkinfoldMm"] = "6.2";
        fields["Rows[1].TricepsSkinfoldMm"] = "9,1";

        var page = WebUtility.HtmlDecode(await client.FollowAsync(await client.PostFormAsync(SessionUrl, fields)));

        await using var db = Db.NewContext();
        var toddler = await db.Measurements.SingleAsync(m => m.ChildId == Toddler);
        var girl = await db.Measurements.SingleAsync(m => m.ChildId == W.OwnGirl);
        var expected = Expected(Sex.Female, ToddlerBorn, 12.5, 8.5, 6.2);
        Assert.Equal((8.5m, 6.2m), (toddler.TricepsSkinfoldMm!.Value, toddler.SubscapularSkinfoldMm!.Value));
        Assert.Equal((decimal)expected.TricepsForAge!.Value, toddler.TricepsSkinfoldForAge);
        Assert.Equal((decimal)expected.SubscapularForAge!.Value, toddler.SubscapularSkinfoldForAge);
        Assert.Equal(9.1m, girl.TricepsSkinfoldMm);
        Assert.Null(girl.TricepsSkinfoldForAge);
        Assert.Equal(WhoTables.Calculator.ReferenceVersion, girl.ReferenceVersion);
        // The grid shows the values again, the toddler's skinfold z-scores, and why the 8-year-old has none.
        Assert.Contains("value=\"8,5\"", page);
        Assert.Contains("NGD tam đầu/T " + ChildAid.BackOffice.Checkups.GrowthText.Z(toddler.TricepsSkinfoldForAge), page);
        Assert.Contains(GrowthCalculator.SkinfoldFrom5Years, page);

        // The measurement detail (the child's page) shows both skinfolds and their z-scores.
        var child = WebUtility.HtmlDecode(await client.GetPageAsync($"/Checkups/Child/{S(Toddler)}"));
        Assert.Contains("tam đầu 8,5 · dưới vai 6,2", child);
        Assert.Contains("NGD dưới vai/T " + ChildAid.BackOffice.Checkups.GrowthText.Z(toddler.SubscapularSkinfoldForAge), child);
        // And a chart for each skinfold, with WHO's curves and the child's point (its label names the value).
        Assert.Contains("id=\"chart-TricepsForAge-title\"", child);
        Assert.Contains("id=\"chart-SubscapularForAge-title\"", child);
        Assert.Contains("Nếp gấp da cơ tam đầu theo tuổi (mm)", child);
        Assert.Contains(": 8,5 mm</title>", child);
        Assert.Contains(": 6,2 mm</title>", child);
    }

    [Fact]
    public async Task The_preview_scores_skinfolds_and_says_why_an_older_child_has_no_skinfold_score()
    {
        var client = await HealthWorkerAsync();
        var token = StaffClient.Token(await client.GetPageAsync(SessionUrl));
        var url = $"/Checkups/Session/{S(W.OwnSession)}?handler=Preview";

        var toddler = Regex.Unescape(await (await client.PostWithTokenAsync(url, token, new()
        {
            ["row.ChildId"] = S(Toddler), ["row.WeightKg"] = "12,5", ["row.TricepsSkinfoldMm"] = "8,5",
        })).Content.ReadAsStringAsync());
        var girl = Regex.Unescape(await (await client.PostWithTokenAsync(url, token, new()
        {
            ["row.ChildId"] = S(W.OwnGirl), ["row.WeightKg"] = "19,5", ["row.TricepsSkinfoldMm"] = "9,1",
        })).Content.ReadAsStringAsync());

        Assert.Contains("NGD tam đầu/T", toddler);
        Assert.Contains("\"note\":null", toddler);
        Assert.DoesNotContain("NGD tam đầu/T", girl);
        Assert.Contains(GrowthCalculator.SkinfoldFrom5Years, girl);
    }

    private static byte[] Workbook(params (string Name, string Born, object? Weight, object? Triceps, object? Subscapular)[] rows)
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows.Select(r => new Dictionary<string, object?>
        {
            ["Họ và tên"] = r.Name, ["Ngày sinh"] = r.Born, ["Cân nặng (kg)"] = r.Weight,
            ["Nếp gấp da cơ tam đầu (mm)"] = r.Triceps, ["Nếp gấp da dưới xương bả vai (mm)"] = r.Subscapular,
        }).ToList());
        return stream.ToArray();
    }

    [Fact]
    public async Task An_imported_workbook_with_a_bad_skinfold_writes_nothing_and_names_the_row_and_column()
    {
        var client = await HealthWorkerAsync();
        var url = $"/Checkups/Session/{S(W.OwnSession)}";
        var token = StaffClient.Token(await client.GetPageAsync(url));
        using (var template = new MemoryStream(await (await client.Http.GetAsync(url + "?handler=Template")).Content.ReadAsByteArrayAsync()))
        {
            var headers = MiniExcelLibs.MiniExcel.GetColumns(template, useHeaderRow: true).ToList();
            Assert.Contains("Nếp gấp da cơ tam đầu (mm)", headers);
            Assert.Contains("Nếp gấp da dưới xương bả vai (mm)", headers);
        }

        var bad = WebUtility.HtmlDecode(await (await client.PostFileAsync(url + "?handler=Import", token, [], "Upload", "kham.xlsx",
            Workbook(("Ksor H'Ban", "10/05/2024", "12,5", "8,5", "6,2"), ("A Dũng", "10/05/2018", 21, "abc", null), ("ro cham h'nhi", "10/05/2018", "19,5", null, 70)), Xlsx))
            .Content.ReadAsStringAsync());

        Assert.Contains("Chưa ghi dòng nào", bad);
        Assert.Matches("<td[^>]*>3</td>\\s*<td[^>]*>Nếp gấp da cơ tam đầu \\(mm\\)</td>\\s*<td[^>]*>Nếp gấp da cơ tam đầu: nhập số mm từ 1 đến 50", bad);
        Assert.Matches("<td[^>]*>4</td>\\s*<td[^>]*>Nếp gấp da dưới xương bả vai \\(mm\\)</td>\\s*<td[^>]*>Nếp gấp da dưới xương bả vai: nhập số mm từ 1 đến 50", bad);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.Measurements.CountAsync());
    }

    [Fact]
    public async Task A_session_exported_with_a_reason_imports_back_into_another_session_with_the_same_values()
    {
        var client = await HealthWorkerAsync();
        var url = $"/Checkups/Session/{S(W.OwnSession)}";
        var token = StaffClient.Token(await client.GetPageAsync(url));
        await client.FollowAsync(await client.PostFileAsync(url + "?handler=Import", token, [], "Upload", "kham.xlsx",
            Workbook(("Ksor H'Ban", "10/05/2024", "12,5", "8,5", "6,2"), ("A Dũng", "10/05/2018", 21, null, "5,5"), ("ro cham h'nhi", "10/05/2018", "19,5", null, null)), Xlsx));

        // No reason: the message is next to the field, no file, nothing audited.
        var refused = await client.PostWithTokenAsync(url + "?handler=Export", token, new() { ["Reason"] = " " });
        var refusedHtml = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches("id=\"Reason-error\"[^>]*>Vui lòng nhập lý do xuất kết quả đo", refusedHtml);
        await using (var db = Db.NewContext())
            Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == CheckupExport.ExportAction && a.EntityType == "CheckupSession"));

        var exported = await client.PostWithTokenAsync(url + "?handler=Export", token, new() { ["Reason"] = "Gửi trạm y tế đối chiếu" });
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal(Xlsx, exported.Content.Headers.ContentType?.MediaType);
        var bytes = await exported.Content.ReadAsByteArrayAsync();
        List<IDictionary<string, object?>> rows;
        using (var file = new MemoryStream(bytes)) rows = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, rows.Count);
        var toddlerRow = rows.Single(r => (string?)r["Họ và tên"] == "Ksor H'Ban");
        Assert.Equal(8.5m, Convert.ToDecimal(toddlerRow["Nếp gấp da cơ tam đầu (mm)"], CultureInfo.InvariantCulture));
        Assert.Equal(6.2m, Convert.ToDecimal(toddlerRow["Nếp gấp da dưới xương bả vai (mm)"], CultureInfo.InvariantCulture));
        await using (var db = Db.NewContext())
        {
            var stored = await db.Measurements.SingleAsync(m => m.ChildId == Toddler);
            Assert.Equal(stored.TricepsSkinfoldForAge, Convert.ToDecimal(toddlerRow[CheckupExport.Tsz], CultureInfo.InvariantCulture));
            Assert.Equal(stored.SubscapularSkinfoldForAge, Convert.ToDecimal(toddlerRow[CheckupExport.Ssz], CultureInfo.InvariantCulture));
            // One audit row: the reason and the count, never a child's name.
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == CheckupExport.ExportAction && a.EntityType == "CheckupSession");
            Assert.Contains("Gửi trạm y tế đối chiếu", audit.After);
            Assert.Contains("\"Count\":3", audit.After);
            Assert.DoesNotContain("Ksor", audit.After + audit.Label);
        }

        // The exported file, imported into a later session of the same school, stores the same values.
        int later;
        await using (var db = Db.NewContext())
        {
            var session = new CheckupSession { HeldOn = CheckupWorld.SessionDay.AddDays(1), SiteId = W.OwnSchool, HealthStationId = W.OwnStation, AdminUnitId = W.Own, Team = "Y sĩ Hoa", CreatedBy = "test" };
            db.CheckupSessions.Add(session);
            await db.SaveChangesAsync();
            later = session.Id;
        }
        var laterUrl = $"/Checkups/Session/{S(later)}";
        var again = await client.PostFileAsync(laterUrl + "?handler=Import", StaffClient.Token(await client.GetPageAsync(laterUrl)), [], "Upload", "ket-qua.xlsx", bytes, Xlsx);
        Assert.Contains("Đã nhập kết quả đo của 3 trẻ từ tệp.", WebUtility.HtmlDecode(await client.FollowAsync(again)));
        await using var check = Db.NewContext();
        var first = await check.Measurements.Where(m => m.SessionId == W.OwnSession).OrderBy(m => m.ChildId).ToListAsync();
        var second = await check.Measurements.Where(m => m.SessionId == later).OrderBy(m => m.ChildId).ToListAsync();
        Assert.Equal(
            first.Select(m => (m.ChildId, m.WeightKg, m.LengthCm, m.Position, m.TricepsSkinfoldMm, m.SubscapularSkinfoldMm)),
            second.Select(m => (m.ChildId, m.WeightKg, m.LengthCm, m.Position, m.TricepsSkinfoldMm, m.SubscapularSkinfoldMm)));
        Assert.NotNull(second.Single(m => m.ChildId == Toddler).TricepsSkinfoldForAge);
    }
}

public class SkinfoldCheckupTestsOnSqlite() : SkinfoldCheckupTests(DatabaseProvider.Sqlite);

public class SkinfoldCheckupTestsOnPostgres() : SkinfoldCheckupTests(DatabaseProvider.Postgres);
