using System.Globalization;
using System.Net;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Checkups;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Children;

/// <summary>
/// The registry for the staff bound to an organisation (issue 9: "school staff: own school; health worker: own sites"):
/// a school's staff read and keep their own pupils' records, a health worker their station's children; never another
/// school's or station's, never the register-wide pages (import, export, duplicates), and a record they save stays theirs.
/// World: <see cref="CheckupWorld"/> plus a preschool child of the own commune followed by the station, at no school.
/// </summary>
public abstract class ChildRecordScopeTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private CheckupWorld W = null!;
    private int _preschooler;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
        var little = new Child
        {
            FullName = "Ksor H'Ban", SearchText = Shared.Text.TextFolding.Fold("Ksor H'Ban"), DateOfBirth = new DateOnly(2023, 3, 2), Sex = Sex.Female,
            AdminUnitId = W.Own, HealthStationId = W.OwnStation,
        };
        db.Children.Add(little);
        await db.SaveChangesAsync();
        _preschooler = little.Id;
    }

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private Task<StaffClient> BoundAsync(string userName, string role, int organisation) => LogInBoundAsync(userName, role, W.Own, organisation);

    private Dictionary<string, string> Form(string name, string born, int? school, int? station, string className = "3A", string phone = "") => new()
    {
        ["Input.FullName"] = name, ["Input.DateOfBirth"] = born, ["Input.Sex"] = "Female", ["Input.AdminUnitId"] = S(W.Own),
        ["Input.SchoolId"] = school is { } s ? S(s) : "", ["Input.ClassName"] = className, ["Input.HealthStationId"] = station is { } h ? S(h) : "",
        ["Input.GuardianPhone"] = phone,
    };

    [Fact]
    public async Task A_schools_staff_lists_opens_and_keeps_their_own_pupils_only()
    {
        var teacher = await BoundAsync("co-giao-iadal", Roles.SchoolStaff, W.OwnSchool);

        var list = WebUtility.HtmlDecode(await teacher.GetPageAsync("/Children"));
        Assert.Contains("Rơ Châm H'Nhi", list);
        Assert.Contains("A Dũng", list);
        Assert.DoesNotContain("Ksor H'Ban", list); // the station's preschooler, at no school
        Assert.DoesNotContain("Siu Thị Hoa", list); // another commune's school
        Assert.DoesNotContain("/Children/Import", list);
        Assert.DoesNotContain("/Children/Export", list);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync("/Children/Import")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/Children/Edit/{S(_preschooler)}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/Children/Edit/{S(W.OtherChild)}")).Response.StatusCode);

        // Their pupil's record: read (audited), the school list offers their school only, the class is changed.
        var url = $"/Children/Edit/{S(W.OwnGirl)}";
        var form = WebUtility.HtmlDecode(await teacher.GetPageAsync(url));
        Assert.Contains("Trường TH Ia Đal", form);
        Assert.DoesNotContain("Trường TH Ia Tơi", form);
        Assert.DoesNotContain("/Checkups/Child/", form); // no growth record for school staff
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.PostFormAsync(url, Form("Rơ Châm H'Nhi", "10/05/2018", W.OwnSchool, W.OwnStation, "4A"))).StatusCode);

        // A record moved to another school, or to none, would leave their sight: refused next to the school.
        var moved = WebUtility.HtmlDecode(await (await teacher.PostFormAsync(url, Form("Rơ Châm H'Nhi", "10/05/2018", W.OtherSchool, W.OwnStation))).Content.ReadAsStringAsync());
        Assert.Matches("id=\"Input_SchoolId-error\"[^>]*>Hồ sơ phải thuộc trường hoặc trạm y tế của bạn", moved);
        var orphan = WebUtility.HtmlDecode(await (await teacher.PostFormAsync("/Children/Edit", Form("Nay H'Lan", "01/09/2019", null, null))).Content.ReadAsStringAsync());
        Assert.Matches("id=\"Input_SchoolId-error\"[^>]*>Hồ sơ phải thuộc trường hoặc trạm y tế của bạn", orphan);
        // A new pupil of their school is added.
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.PostFormAsync("/Children/Edit", Form("Nay H'Lan", "01/09/2019", W.OwnSchool, null, "1A"))).StatusCode);

        await using var db = Db.NewContext();
        var girl = await db.Children.SingleAsync(c => c.Id == W.OwnGirl);
        Assert.Equal(("4A", W.OwnSchool), (girl.ClassName, girl.SchoolId));
        Assert.Equal(W.OwnSchool, (await db.Children.SingleAsync(c => c.FullName == "Nay H'Lan")).SchoolId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == ChildReadAudit.ReadAction && a.Actor == "co-giao-iadal" && a.EntityKey == S(W.OwnGirl)));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Modified" && a.Actor == "co-giao-iadal" && a.EntityKey == S(W.OwnGirl)));
    }

    [Fact]
    public async Task A_health_worker_keeps_their_stations_children_and_saving_keeps_a_school_they_cannot_pick()
    {
        var nurse = await BoundAsync("yte-iadal", Roles.HealthWorker, W.OwnStation);

        var list = WebUtility.HtmlDecode(await nurse.GetPageAsync("/Children"));
        Assert.Contains("Rơ Châm H'Nhi", list);
        Assert.Contains("Ksor H'Ban", list);
        Assert.DoesNotContain("Siu Thị Hoa", list);
        Assert.Equal(HttpStatusCode.NotFound, (await nurse.GetAsync($"/Children/Edit/{S(W.OtherChild)}")).Response.StatusCode);

        var url = $"/Children/Edit/{S(W.OwnGirl)}";
        var form = WebUtility.HtmlDecode(await nurse.GetPageAsync(url));
        Assert.Contains($"/Checkups/Child/{S(W.OwnGirl)}", form);
        // The girl's school is offered (it is hers), though a health worker picks no school.
        Assert.Matches($"<option selected=\"selected\" value=\"{S(W.OwnSchool)}\">Trường TH Ia Đal</option>", form);
        Assert.DoesNotContain("Trường TH Ia Tơi", form);
        Assert.Equal(HttpStatusCode.Redirect,
            (await nurse.PostFormAsync(url, Form("Rơ Châm H'Nhi", "10/05/2018", W.OwnSchool, W.OwnStation, phone: "0912 345 678"))).StatusCode);
        // Handing the record to another station is refused: it would leave their sight.
        var handed = WebUtility.HtmlDecode(await (await nurse.PostFormAsync($"/Children/Edit/{S(_preschooler)}", Form("Ksor H'Ban", "02/03/2023", null, W.OtherStation))).Content.ReadAsStringAsync());
        Assert.Contains("Hồ sơ phải thuộc trường hoặc trạm y tế của bạn", handed);

        await using var db = Db.NewContext();
        var girl = await db.Children.SingleAsync(c => c.Id == W.OwnGirl);
        Assert.Equal(("0912345678", W.OwnSchool, W.OwnStation), (girl.GuardianPhone, girl.SchoolId, girl.HealthStationId));
        Assert.Equal(W.OwnStation, (await db.Children.SingleAsync(c => c.Id == _preschooler)).HealthStationId);
    }
}

public class ChildRecordScopeTestsOnSqlite() : ChildRecordScopeTests(DatabaseProvider.Sqlite);

public class ChildRecordScopeTestsOnPostgres() : ChildRecordScopeTests(DatabaseProvider.Postgres);
