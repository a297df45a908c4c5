using System.Globalization;
using System.Net;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Checkups;

/// <summary>
/// The check-up's other fields through the pages a health worker uses — the class grid, its instant preview and the
/// Excel import: MUAC typed in cm or mm, bilateral oedema, head circumference (under 2 only), findings with a common
/// condition, referral and treatment; stored, scored and classified. World: <see cref="CheckupWorld"/> plus a girl of
/// 18 months in the own school's nursery class "MG".
/// </summary>
public abstract class CheckupGridFieldsTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private CheckupWorld W = null!;
    private int _toddler;
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
        var toddler = new Child
        {
            FullName = "Ksor H'Ban", SearchText = Shared.Text.TextFolding.Fold("Ksor H'Ban"), DateOfBirth = new DateOnly(2025, 5, 20), Sex = Sex.Female,
            AdminUnitId = W.Own, SchoolId = W.OwnSchool, ClassName = "MG", HealthStationId = W.OwnStation,
        };
        db.Children.Add(toddler);
        await db.SaveChangesAsync();
        _toddler = toddler.Id;
    }

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);
    private string Url(string className) => $"/Checkups/Session/{S(W.OwnSession)}?class={className}";
    private Task<StaffClient> HealthWorkerAsync() => LogInBoundAsync("yte-iadal", Roles.HealthWorker, W.Own, W.OwnStation);

    private Dictionary<string, string> ToddlerRow(string muac, bool oedema, string head) => new()
    {
        ["Rows[0].ChildId"] = S(_toddler), ["Rows[0].WeightKg"] = "9,0", ["Rows[0].LengthCm"] = "78,0", ["Rows[0].Position"] = "Lying",
        ["Rows[0].MuacMm"] = muac, ["Rows[0].Oedema"] = oedema ? "true" : "false", ["Rows[0].HeadCm"] = head,
        ["Rows[0].Findings"] = "Ho 5 ngày", ["Rows[0].Conditions"] = nameof(CommonConditions.RespiratoryInfection),
        ["Rows[0].Referral"] = "Bệnh viện huyện Ia H'Drai", ["Rows[0].Treatment"] = "RUTF 2 tuần, hẹn khám lại",
    };

    [Fact]
    public async Task Muac_in_cm_head_circumference_findings_referral_and_treatment_are_stored_scored_and_classified_from_the_grid()
    {
        var client = await HealthWorkerAsync();

        var saved = await client.PostFormAsync(Url("MG"), ToddlerRow("11,2", oedema: false, "45,5"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var grid = WebUtility.HtmlDecode(await client.FollowAsync(saved));

        await using (var db = Db.NewContext())
        {
            var m = await db.Measurements.SingleAsync(x => x.ChildId == _toddler);
            Assert.Equal((112, 45.5m, false), (m.MuacMm!.Value, m.HeadCm!.Value, m.Oedema)); // 11,2 cm stored as 112 mm
            Assert.Equal(("Ho 5 ngày", CommonConditions.RespiratoryInfection, "Bệnh viện huyện Ia H'Drai", "RUTF 2 tuần, hẹn khám lại"),
                (m.Findings, m.Conditions, m.Referral, m.Treatment));
            Assert.NotNull(m.HeadForAge);
            Assert.NotNull(m.ArmForAge);
            Assert.NotNull(m.WeightForLength);
            // MUAC under 115 mm at 6–59 months is severe acute malnutrition, whatever the weight says.
            Assert.True(m.Status.HasFlag(NutritionStatus.SevereAcuteMalnutrition), m.Status.ToString());
        }
        Assert.Contains("Suy dinh dưỡng cấp tính nặng", grid);
        Assert.Contains("value=\"112\"", grid); // shown back in mm
        Assert.Contains("Bệnh viện huyện Ia H'Drai", grid);

        // The same child again, MUAC now in mm and with bilateral oedema: no weight-based z-score, still severe.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Url("MG"), ToddlerRow("135", oedema: true, ""))).StatusCode);
        await using (var db = Db.NewContext())
        {
            var m = await db.Measurements.SingleAsync(x => x.ChildId == _toddler);
            Assert.Equal((135, (decimal?)null, true), (m.MuacMm!.Value, m.HeadCm, m.Oedema));
            Assert.Null(m.WeightForAge);
            Assert.Null(m.WeightForLength);
            Assert.NotNull(m.LengthForAge);
            Assert.True(m.Status.HasFlag(NutritionStatus.SevereAcuteMalnutrition | NutritionStatus.SevereWasting), m.Status.ToString());
        }
        var page = WebUtility.HtmlDecode(await client.GetPageAsync($"/Checkups/Child/{S(_toddler)}"));
        Assert.Contains("RUTF 2 tuần, hẹn khám lại", page);
    }

    [Fact]
    public async Task The_childs_page_draws_head_circumference_and_weight_for_length_with_the_point_on_the_side_the_z_score_says()
    {
        var client = await HealthWorkerAsync();
        await client.FollowAsync(await client.PostFormAsync(Url("MG"), ToddlerRow("11,2", oedema: false, "45,5")));

        var page = WebUtility.HtmlDecode(await client.GetPageAsync($"/Checkups/Child/{S(_toddler)}"));

        var charts = System.Text.RegularExpressions.Regex.Matches(page, "<svg xmlns=\"http://www.w3.org/2000/svg\".*?</svg>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => System.Xml.Linq.XElement.Parse(m.Value)).ToDictionary(svg => svg.Elements().Single(e => e.Name.LocalName == "title").Value);
        var head = charts.Single(c => c.Key.StartsWith("Vòng đầu theo tuổi (cm), bé gái", StringComparison.Ordinal)).Value;
        Assert.Contains("20/11/2026: 45,5 cm", Desc(head));
        var wfl = charts.Single(c => c.Key.StartsWith("Cân nặng theo chiều dài (dưới 2 tuổi) (kg), bé gái", StringComparison.Ordinal)).Value;
        Assert.Contains("từ 70 đến 90 cm", Desc(wfl));
        Assert.Contains("20/11/2026: 9,0 kg, 78,0 cm", Desc(wfl));
        Assert.DoesNotContain(charts.Keys, k => k.StartsWith("Cân nặng theo chiều cao", StringComparison.Ordinal)); // from 2 years only
        Assert.Matches("<td[^>]*>45,5</td>", page); // the history table's head circumference

        // The child's dot sits below the median curve exactly when the stored weight-for-length z-score is negative.
        await using var db = Db.NewContext();
        var whz = (await db.Measurements.SingleAsync(m => m.ChildId == _toddler)).WeightForLength!.Value;
        var dot = wfl.Descendants().Single(e => e.Name.LocalName == "circle");
        var (cx, cy) = (double.Parse(dot.Attribute("cx")!.Value, CultureInfo.InvariantCulture), double.Parse(dot.Attribute("cy")!.Value, CultureInfo.InvariantCulture));
        var median = wfl.Descendants().Where(e => e.Name.LocalName == "polyline" && e.Attribute("stroke")!.Value == "#1b7a3a").Single().Attribute("points")!.Value
            .Split(' ').Select(p => p.Split(',')).Select(p => (X: double.Parse(p[0], CultureInfo.InvariantCulture), Y: double.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
        var (a, b) = (median.Last(p => p.X <= cx), median.First(p => p.X >= cx));
        var medianY = a.X == b.X ? a.Y : a.Y + (b.Y - a.Y) * (cx - a.X) / (b.X - a.X);
        Assert.Equal(whz < 0, cy > medianY); // SVG's y grows downward
        Assert.NotEqual(0m, whz);
    }

    private static string Desc(System.Xml.Linq.XElement svg) => svg.Elements().Single(e => e.Name.LocalName == "desc").Value;

    [Fact]
    public async Task A_head_circumference_over_two_years_and_a_muac_in_neither_unit_save_nothing_and_are_told_next_to_the_cell()
    {
        var client = await HealthWorkerAsync();
        var fields = CheckupWorld.Grid((W.OwnGirl, "19,5", "118,2"), (W.OwnBoy, "21,0", "120,0"));
        fields["Rows[0].HeadCm"] = "51,0";
        fields["Rows[1].MuacMm"] = "45";

        var html = WebUtility.HtmlDecode(await (await client.PostFormAsync(Url("3A"), fields)).Content.ReadAsStringAsync());

        Assert.Matches("id=\"e-0-h\"[^>]*>Vòng đầu chỉ đo cho trẻ dưới 2 tuổi; trẻ này đã 102 tháng tuổi vào ngày khám", html);
        Assert.Matches("id=\"e-1-m\"[^>]*>Vòng cánh tay: nhập số mm nguyên từ 50 đến 400 \\(ví dụ 135\\) hoặc số cm từ 5 đến 40 \\(ví dụ 13,5\\)", html);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.Measurements.CountAsync());
    }

    [Fact]
    public async Task The_preview_warns_of_an_implausible_value_as_it_is_typed()
    {
        var client = await HealthWorkerAsync();
        var token = StaffClient.Token(await client.GetPageAsync(Url("3A")));

        var response = await client.PostWithTokenAsync($"/Checkups/Session/{S(W.OwnSession)}?handler=Preview", token, new()
        {
            ["row.ChildId"] = S(W.OwnGirl), ["row.WeightKg"] = "90", ["row.LengthCm"] = "118,2", ["row.Position"] = "Standing",
        });
        var json = System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"ok\":true", json);
        Assert.Contains("Cân nặng theo tuổi bất thường (nghi sai số đo hoặc nhập)", json);
        // A plausible weight gives no such warning.
        var plain = System.Text.RegularExpressions.Regex.Unescape(await (await client.PostWithTokenAsync($"/Checkups/Session/{S(W.OwnSession)}?handler=Preview", token, new()
        {
            ["row.ChildId"] = S(W.OwnGirl), ["row.WeightKg"] = "21", ["row.LengthCm"] = "118,2", ["row.Position"] = "Standing",
        })).Content.ReadAsStringAsync());
        Assert.DoesNotContain("bất thường", plain);
    }

    private static byte[] Workbook(params (string Name, string Born, object? Weight, object? Length, object? Muac, string? Oedema, object? Head)[] rows)
    {
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows.Select(r => new Dictionary<string, object?>
        {
            ["Họ và tên"] = r.Name, ["Ngày sinh"] = r.Born, ["Cân nặng (kg)"] = r.Weight, ["Chiều dài/cao (cm)"] = r.Length,
            // The headers of an older template still match.
            ["Vòng cánh tay (mm)"] = r.Muac, ["Phù hai chân (có/không)"] = r.Oedema, ["Vòng đầu (cm)"] = r.Head,
        }).ToList());
        return stream.ToArray();
    }

    [Fact]
    public async Task An_imported_session_reads_muac_in_cm_oedema_and_head_circumference_and_refuses_a_head_over_two_years()
    {
        var client = await HealthWorkerAsync();
        var url = $"/Checkups/Session/{S(W.OwnSession)}";
        var token = StaffClient.Token(await client.GetPageAsync(url));

        var bad = WebUtility.HtmlDecode(await (await client.PostFileAsync(url + "?handler=Import", token, [], "Upload", "kham.xlsx",
            Workbook(("Ksor H'Ban", "20/05/2025", "9,0", "78,0", "11,2", "có", "45,5"), ("Rơ Châm H'Nhi", "10/05/2018", "19,5", "118,2", null, null, "51")), Xlsx))
            .Content.ReadAsStringAsync());
        Assert.Contains("Chưa ghi dòng nào", bad);
        // The column is named as the file names it (an older template's header).
        Assert.Matches("<td[^>]*>3</td>\\s*<td[^>]*>Vòng đầu \\(cm\\)</td>\\s*<td[^>]*>Vòng đầu chỉ đo cho trẻ dưới 2 tuổi", bad);
        await using (var db = Db.NewContext()) Assert.Equal(0, await db.Measurements.CountAsync());

        var good = await client.FollowAsync(await client.PostFileAsync(url + "?handler=Import", token, [], "Upload", "kham.xlsx",
            Workbook(("Ksor H'Ban", "20/05/2025", "9,0", "78,0", "11,2", "có", "45,5"), ("Rơ Châm H'Nhi", "10/05/2018", "19,5", "118,2", 160, null, null)), Xlsx));
        Assert.Contains("Đã nhập kết quả đo của 2 trẻ từ tệp.", WebUtility.HtmlDecode(good));
        await using var check = Db.NewContext();
        var toddler = await check.Measurements.SingleAsync(m => m.ChildId == _toddler);
        Assert.Equal((112, true, 45.5m, MeasuredPosition.Lying), (toddler.MuacMm!.Value, toddler.Oedema, toddler.HeadCm!.Value, toddler.Position!.Value));
        Assert.NotNull(toddler.HeadForAge);
        Assert.Null(toddler.WeightForAge);
        Assert.True(toddler.Status.HasFlag(NutritionStatus.SevereAcuteMalnutrition));
        Assert.Equal(160, (await check.Measurements.SingleAsync(m => m.ChildId == W.OwnGirl)).MuacMm);
    }
}

public class CheckupGridFieldsTestsOnSqlite() : CheckupGridFieldsTests(DatabaseProvider.Sqlite);

public class CheckupGridFieldsTestsOnPostgres() : CheckupGridFieldsTests(DatabaseProvider.Postgres);
