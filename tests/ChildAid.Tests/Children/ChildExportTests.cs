using System.Net;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Checkups;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ChildAid.Tests.Children;

/// <summary>The audited personal-data export of the children list: a reason first, the user's units only, one audit row.</summary>
public abstract class ChildExportTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private CheckupWorld W = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
    }

    [Fact]
    public async Task Without_a_reason_nothing_is_exported_and_the_message_is_next_to_the_field()
    {
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], W.Own);
        var client = await LogInAsync("xa-iadal");

        var response = await client.PostFormAsync("/Children/Export", new() { ["Input.Reason"] = "  " });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("id=\"Input_Reason-error\"[^>]*>[^<]*Vui lòng nhập lý do xuất dữ liệu cá nhân của trẻ", html);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == ChildExport.ExportAction));
    }

    [Fact]
    public async Task With_a_reason_the_workbook_holds_the_children_of_the_users_units_and_the_audit_keeps_the_reason_and_the_count()
    {
        await StaffAsync("xa-iadal", [Roles.CommuneOfficer], W.Own);
        var client = await LogInAsync("xa-iadal");

        var response = await client.PostFormAsync("/Children/Export", new() { ["Input.Reason"] = "Danh sách gửi trạm y tế, đợt khám tháng 12" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ChildExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["A Dũng", "Rơ Châm H'Nhi"], rows.Select(r => r["Họ tên"]?.ToString()).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("10/05/2018", r["Ngày sinh"]?.ToString()));
        await using var db = Db.NewContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == ChildExport.ExportAction);
        Assert.Contains("Danh sách gửi trạm y tế, đợt khám tháng 12", audit.After);
        Assert.Contains("\"Count\":2", audit.After);
        Assert.DoesNotContain("Rơ Châm", audit.After + audit.Label);
        var admin = await LogInAsAdminAsync();
        Assert.Contains("đã xuất danh sách 2 trẻ em ra tệp Excel (dữ liệu cá nhân). Lý do: Danh sách gửi trạm y tế, đợt khám tháng 12", await admin.GetPageAsync("/Audit"));
    }
}

public class ChildExportTestsOnSqlite() : ChildExportTests(DatabaseProvider.Sqlite);

public class ChildExportTestsOnPostgres() : ChildExportTests(DatabaseProvider.Postgres);
