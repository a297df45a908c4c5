using System.Net;
using System.Text.Json;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.BackOffice;

/// <summary>Donors, campaigns, users and the audit log through their forms.</summary>
public abstract class StaffPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private static string S(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Donor_registered_through_the_form_is_found_without_diacritics()
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        await StaffAsync("canbo", [Roles.ProgrammeOfficer], unit.Id);
        var client = await LogInAsync("canbo");

        var saved = await client.PostFormAsync("/Donors/Edit", new()
        {
            ["Input.Name"] = "Nguyễn Văn An", ["Input.Kind"] = "Person", ["Input.Origin"] = "Domestic", ["Input.Phone"] = "0905 123 456",
            ["Input.DisplayChoice"] = "NameOnly", ["Input.AdminUnitId"] = S(unit.Id),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var found = await client.GetPageAsync("/Donors?q=NGUYEN van an");
        var notFound = await client.GetPageAsync("/Donors?q=tran thi");

        Assert.Contains("Nguyễn Văn An", found);
        Assert.Contains("Chỉ công khai tên", found);
        Assert.DoesNotContain("Nguyễn Văn An</a>", notFound);
        await using var check = Db.NewContext();
        var donor = await check.Donors.SingleAsync();
        Assert.Equal(DisplayChoice.NameOnly, donor.DisplayChoice);
        Assert.Equal("VN", donor.Country);
    }

    [Fact]
    public async Task Donor_form_shows_Vietnamese_messages_next_to_fields_and_saves_nothing()
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        await StaffAsync("canbo", [Roles.ProgrammeOfficer], unit.Id);
        var client = await LogInAsync("canbo");

        var refused = await client.PostFormAsync("/Donors/Edit", new()
        {
            ["Input.Name"] = " ", ["Input.Kind"] = "Business", ["Input.Origin"] = "Foreign", ["Input.Email"] = "khong-phai-email",
            ["Input.DisplayChoice"] = "Anonymous", ["Input.AdminUnitId"] = S(unit.Id),
        });
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Matches("id=\"Input_Name-error\"[^>]*>Vui lòng nhập tên nhà tài trợ.<", html);
        Assert.Matches("id=\"Input_Email-error\"[^>]*>Địa chỉ email không hợp lệ.<", html);
        Assert.Matches("id=\"Input_Country-error\"[^>]*>Nhà tài trợ nước ngoài cần mã quốc gia", html);
        await using var check = Db.NewContext();
        Assert.Equal(0, await check.Donors.CountAsync());
    }

    [Fact]
    public async Task Donor_edit_changes_the_donor_and_is_audited_with_before_and_after()
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        var donor = await TestData.DonorAsync(db, unit.Id, "Quỹ Hy Vọng", kind: DonorKind.Fund);
        var user = await StaffAsync("canbo", [Roles.Accountant], unit.Id);
        var client = await LogInAsync("canbo");

        var saved = await client.PostFormAsync($"/Donors/Edit/{donor.Id}", new()
        {
            ["Input.Name"] = "Quỹ Hy Vọng Việt Nam", ["Input.Kind"] = "Fund", ["Input.Origin"] = "Domestic", ["Input.TaxCode"] = "0101234567",
            ["Input.DisplayChoice"] = "NameAmountMessage", ["Input.AdminUnitId"] = S(unit.Id),
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var check = Db.NewContext();
        Assert.Equal("Quỹ Hy Vọng Việt Nam", (await check.Donors.SingleAsync()).Name);
        var audit = await check.AuditEntries.SingleAsync(a => a.EntityType == nameof(Donor) && a.Action == "Modified");
        Assert.Equal(user.Id, audit.UserId);
        Assert.Equal("Quỹ Hy Vọng", JsonDocument.Parse(audit.Before!).RootElement.GetProperty("Name").GetString());
        Assert.Equal("Quỹ Hy Vọng Việt Nam", JsonDocument.Parse(audit.After!).RootElement.GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Programme_officer_creates_and_edits_a_campaign_and_a_bad_slug_is_refused()
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        await StaffAsync("chuongtrinh", [Roles.ProgrammeOfficer], unit.Id);
        var client = await LogInAsync("chuongtrinh");
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "Bữa trưa có thịt", ["Input.TitleEn"] = "Lunch with meat", ["Input.Slug"] = "Bữa trưa",
            ["Input.Summary"] = "Bữa trưa cho học sinh", ["Input.StartDate"] = "01/12/2026", ["Input.EndDate"] = "31/05/2027",
            ["Input.MoneyGoalVnd"] = "300.000.000", ["Input.Status"] = "Active",
        };

        var refused = await client.PostFormAsync("/Campaigns/Edit", fields);
        fields["Input.Slug"] = "bua-trua-co-thit";
        var created = await client.PostFormAsync("/Campaigns/Edit", fields);
        await using var check = Db.NewContext();
        var campaign = await check.Campaigns.SingleAsync();
        fields["Input.Status"] = "Closed";
        var edited = await client.PostFormAsync($"/Campaigns/Edit/{campaign.Id}", fields);
        var list = await client.GetPageAsync("/Campaigns");

        Assert.Contains("Đường dẫn chỉ gồm chữ thường không dấu", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains("300.000.000 ₫", list);
        Assert.Contains("Đã kết thúc", list);
        await using var after = Db.NewContext();
        var stored = await after.Campaigns.SingleAsync();
        Assert.Equal(new DateOnly(2026, 12, 1), stored.StartDate);
        Assert.Equal(300_000_000, stored.MoneyGoalVnd);
        Assert.Equal(CampaignStatus.Closed, stored.Status);
    }

    [Fact]
    public async Task Admin_creates_a_commune_officer_who_can_then_log_in_and_unlocks_a_locked_account()
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        var admin = await LogInAsAdminAsync();

        var noUnit = await admin.PostFormAsync("/Users/Edit", new()
        {
            ["Input.UserName"] = "xa-iadal", ["Input.Password"] = "Mat-khau-xa-2026", ["Input.FullName"] = "Rơ Châm Hơ Lan", ["Input.Roles"] = Roles.CommuneOfficer,
        });
        Assert.Contains("Vui lòng chọn ít nhất một đơn vị", await noUnit.Content.ReadAsStringAsync());
        var created = await admin.PostFormAsync("/Users/Edit", new()
        {
            ["Input.UserName"] = "xa-iadal", ["Input.Password"] = "Mat-khau-xa-2026", ["Input.FullName"] = "Rơ Châm Hơ Lan",
            ["Input.Roles"] = Roles.CommuneOfficer, ["Input.UnitIds"] = S(unit.Id),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Rơ Châm Hơ Lan", await admin.GetPageAsync("/Users"));
        await LogInAsync("xa-iadal", "Mat-khau-xa-2026");

        // Each wrong password from its own address, so the per-address throttle does not stand in front of the lock-out.
        var site = new SignInSite(App);
        for (var i = 0; i < StaffIdentity.MaxFailedAttempts; i++)
            await site.From($"10.9.0.{i + 1}").PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "xa-iadal", ["Input.Password"] = "sai" });
        Assert.Contains("Đang bị khóa", await admin.GetPageAsync("/Users"));
        await using var check = Db.NewContext();
        var user = await check.Users.SingleAsync(u => u.UserName == "xa-iadal");
        Assert.Equal(unit.Id, (await check.StaffUserUnits.SingleAsync(u => u.UserId == user.Id)).AdminUnitId);
        var unlocked = await admin.PostFormAsync("/Users", [], $"/Users?handler=Unlock&id={user.Id}");
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        await LogInAsync("xa-iadal", "Mat-khau-xa-2026");
    }

    [Fact]
    public async Task Admin_moves_an_officer_to_another_commune_and_their_scope_follows_at_the_next_request()
    {
        await using var db = Db.NewContext();
        var a = await TestData.UnitAsync(db, "Xã Ia Đal", "23535");
        var b = await TestData.UnitAsync(db, "Xã Ia Tơi", "23538");
        await TestData.DonorAsync(db, a.Id, "Nhà tài trợ xã A");
        await TestData.DonorAsync(db, b.Id, "Nhà tài trợ xã B");
        var officer = await StaffAsync("xa", [Roles.CommuneOfficer], a.Id);
        var client = await LogInAsync("xa");
        var admin = await LogInAsAdminAsync();
        Assert.Contains("Nhà tài trợ xã A", await client.GetPageAsync("/Donors"));

        var edit = await admin.GetPageAsync($"/Users/Edit/{officer.Id}");
        Assert.Contains($"value=\"{a.Id}\" id=\"unit-{a.Id}\" checked=\"checked\"", edit);
        var saved = await admin.PostWithTokenAsync($"/Users/Edit/{officer.Id}", StaffClient.Token(edit), new()
        {
            ["Input.FullName"] = "Cán bộ xã B", ["Input.Roles"] = Roles.CommuneOfficer, ["Input.UnitIds"] = S(b.Id),
        });
        var after = await client.GetPageAsync("/Donors");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Nhà tài trợ xã B", after);
        Assert.DoesNotContain("Nhà tài trợ xã A", after);
        Assert.Contains("Cán bộ xã B", await admin.GetPageAsync("/Users"));
    }

    [Fact]
    public async Task Inspector_reads_the_audit_log_filtered_by_entity_and_user()
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        await StaffAsync("canbo", [Roles.ProgrammeOfficer], unit.Id);
        await StaffAsync("thanhtra", [Roles.Inspector], unit.Id);
        var officer = await LogInAsync("canbo");
        await officer.PostFormAsync("/Donors/Edit", new()
        {
            ["Input.Name"] = "Hội Chữ thập đỏ", ["Input.Kind"] = "Organisation", ["Input.Origin"] = "Domestic",
            ["Input.DisplayChoice"] = "NameAmount", ["Input.AdminUnitId"] = S(unit.Id),
        });
        var inspector = await LogInAsync("thanhtra");

        var byEntity = await inspector.GetPageAsync($"/Audit?Entity=Donor&User=canbo&From={Vn(Today.AddDays(-1))}&To={Vn(Today)}");
        var otherUser = await inspector.GetPageAsync("/Audit?Entity=Donor&User=thanhtra");
        var badDate = await inspector.GetPageAsync("/Audit?From=32/13/2026");

        Assert.Contains("Hội Chữ thập đỏ", byEntity);
        Assert.Contains("canbo", byEntity);
        Assert.DoesNotContain("Hội Chữ thập đỏ", otherUser);
        Assert.Contains("Ngày không hợp lệ", badDate);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync("/Donors")).Response.StatusCode);
    }
}

public class StaffPagesTestsOnSqlite() : StaffPagesTests(DatabaseProvider.Sqlite);

public class StaffPagesTestsOnPostgres() : StaffPagesTests(DatabaseProvider.Postgres);
