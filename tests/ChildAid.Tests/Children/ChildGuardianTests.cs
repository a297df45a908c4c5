using System.Globalization;
using System.Net;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Checkups;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Children;

/// <summary>
/// The guardian's name, relation and phone and the child's own consent (from age 7) on the child's form: scoped by unit,
/// audited, in the audited personal-data export, wiped by erasure. World: <see cref="CheckupWorld"/> (the own commune's
/// girl born 10/05/2018, 7 on 10/05/2025).
/// </summary>
public abstract class ChildGuardianTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private CheckupWorld W = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
    }

    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    private Dictionary<string, string> Form(string phone, string consent) => new()
    {
        ["Input.FullName"] = "Rơ Châm H'Nhi", ["Input.DateOfBirth"] = "10/05/2018", ["Input.Sex"] = "Female", ["Input.AdminUnitId"] = S(W.Own),
        ["Input.SchoolId"] = S(W.OwnSchool), ["Input.ClassName"] = "3A", ["Input.HealthStationId"] = S(W.OwnStation),
        ["Input.GuardianName"] = "Rơ Châm Y Bi", ["Input.GuardianRelation"] = "Mother", ["Input.GuardianPhone"] = phone, ["Input.ChildConsentOn"] = consent,
    };

    [Fact]
    public async Task The_form_records_the_guardian_and_the_childs_own_consent_audited_and_refuses_a_bad_phone_or_a_consent_before_seven()
    {
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], W.Own);
        var officer = await LogInAsync("xa-iadal");
        var url = $"/Children/Edit/{S(W.OwnGirl)}";

        var refused = WebUtility.HtmlDecode(await (await officer.PostFormAsync(url, Form("12345", "09/05/2025"))).Content.ReadAsStringAsync());
        Assert.Matches("id=\"Input_GuardianPhone-error\"[^>]*>Số điện thoại người giám hộ: 10 chữ số bắt đầu bằng 0", refused);
        Assert.Matches("id=\"Input_ChildConsentOn-error\"[^>]*>Trẻ tự đồng ý từ 7 tuổi: ngày này trước sinh nhật 7 tuổi của trẻ \\(10/05/2025\\)", refused);
        await using (var db = Db.NewContext())
            Assert.Null((await db.Children.SingleAsync(c => c.Id == W.OwnGirl)).GuardianPhone);

        var saved = await officer.PostFormAsync(url, Form("+84 912.345-678", "10/05/2025"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var db = Db.NewContext())
        {
            var girl = await db.Children.SingleAsync(c => c.Id == W.OwnGirl);
            Assert.Equal(("Rơ Châm Y Bi", GuardianRelation.Mother, "0912345678", new DateOnly(2025, 5, 10)),
                (girl.GuardianName, girl.GuardianRelation!.Value, girl.GuardianPhone, girl.ChildConsentOn!.Value));
            var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Child) && a.EntityKey == S(W.OwnGirl)).ToListAsync();
            Assert.Contains(audit, a => a.After!.Contains("0912345678", StringComparison.Ordinal));
        }
        var form = WebUtility.HtmlDecode(await officer.GetPageAsync(url));
        Assert.Contains("value=\"0912345678\"", form);
        Assert.Matches("<option selected=\"selected\" value=\"Mother\">Mẹ</option>", form);
        Assert.Contains("value=\"10/05/2025\"", form);
        var admin = await LogInAsAdminAsync();
        Assert.Contains("Điện thoại người giám hộ", WebUtility.HtmlDecode(await admin.GetPageAsync("/Audit")));

        // Another commune's officer does not see the record at all.
        await StaffAsync("xa-iatoi", [Roles.CommuneOfficer], W.Other);
        var other = await LogInAsync("xa-iatoi");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).Response.StatusCode);
    }

    [Fact]
    public async Task Opening_a_childs_record_or_its_erasure_page_is_audited_and_a_record_outside_the_users_units_is_not_read()
    {
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], W.Own);
        var officer = await LogInAsync("xa-iadal");
        await StaffAsync("xa-iatoi", [Roles.CommuneOfficer], W.Other);
        var other = await LogInAsync("xa-iatoi");

        await officer.GetPageAsync($"/Children/Edit/{S(W.OwnGirl)}");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Children/Edit/{S(W.OwnGirl)}")).Response.StatusCode);
        await officer.GetPageAsync("/Children/Edit"); // a new record: nothing read
        var admin = await LogInAsAdminAsync();
        await admin.GetPageAsync($"/Children/Erase/{S(W.OwnGirl)}");

        await using var db = Db.NewContext();
        var reads = await db.AuditEntries.Where(a => a.Action == ChildReadAudit.ReadAction).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Equal((nameof(Child), S(W.OwnGirl), (int?)W.Own), (r.EntityType, r.EntityKey, r.AdminUnitId)));
        Assert.Equal("xa-iadal", reads[0].Actor);
        static string Shown(AuditEntry read) => System.Text.Json.JsonDocument.Parse(read.After!).RootElement.GetProperty("Shown").GetString()!;
        Assert.Contains("người giám hộ và số điện thoại", Shown(reads[0]), StringComparison.Ordinal);
        Assert.StartsWith("trang xoá dữ liệu", Shown(reads[1]), StringComparison.Ordinal);
        var log = WebUtility.HtmlDecode(await admin.GetPageAsync("/Audit"));
        Assert.Contains("đã xem hồ sơ trẻ em «Rơ Châm H", log);
        Assert.Contains("người giám hộ và số điện thoại", log);
    }

    [Fact]
    public async Task The_personal_data_export_carries_the_guardian_and_erasure_wipes_the_phone_relation_and_consent()
    {
        await using (var db = Db.NewContext())
        {
            var girl = await db.Children.SingleAsync(c => c.Id == W.OwnGirl);
            (girl.GuardianName, girl.GuardianRelation, girl.GuardianPhone, girl.ChildConsentOn) = ("Rơ Châm Y Bi", GuardianRelation.Grandparent, "0987654321", new DateOnly(2026, 1, 5));
            await db.SaveChangesAsync();
        }
        var admin = await LogInAsAdminAsync();

        var export = await admin.PostFormAsync("/Children/Export", new() { ["Input.Reason"] = "Đối chiếu danh sách người giám hộ" });
        using (var file = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
        {
            var row = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().Single(r => (string?)r["Họ tên"] == "Rơ Châm H'Nhi");
            Assert.Equal(("Ông/bà", "0987654321", "05/01/2026"), ((string?)row["Quan hệ với trẻ"], (string?)row["Điện thoại người giám hộ"], (string?)row["Ngày trẻ tự đồng ý công khai"]));
        }

        var erased = await admin.PostFormAsync($"/Children/Erase/{S(W.OwnGirl)}", new() { ["Input.Reason"] = "Đơn yêu cầu ngày 01/12/2026", ["Input.Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        await using var check = Db.NewContext();
        var wiped = await check.Children.IgnoreQueryFilters().SingleAsync(c => c.Id == W.OwnGirl);
        Assert.Equal(((GuardianRelation?)null, (string?)null, (DateOnly?)null), (wiped.GuardianRelation, wiped.GuardianPhone, wiped.ChildConsentOn));
        Assert.DoesNotContain(await check.AuditEntries.Select(a => (a.Before ?? "") + (a.After ?? "")).ToListAsync(), t => t.Contains("0987654321", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0912 345 678", "0912345678")]
    [InlineData("+84 912 345 678", "0912345678")]
    [InlineData("84912345678", "0912345678")]
    [InlineData("(0236) 3822-111", "02363822111")]
    [InlineData("+84 236 3822 111", "02363822111")]
    [InlineData("091234567", null)]
    [InlineData("0012345678", null)]
    [InlineData("09123x5678", null)]
    public void A_phone_is_kept_as_digits_a_mobile_ten_from_zero_a_landline_eleven_from_02(string typed, string? stored) =>
        Assert.Equal(stored, ChildService.Phone(typed));
}

public class ChildGuardianTestsOnSqlite() : ChildGuardianTests(DatabaseProvider.Sqlite);

public class ChildGuardianTestsOnPostgres() : ChildGuardianTests(DatabaseProvider.Postgres);
