using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace ChildAid.Tests.Needs;

/// <summary>
/// The needs export through the real page: lines naming children are personal data, so a reason comes first (message
/// next to the field, nothing downloaded), then the file and one audit row with the reason and the number of children.
/// </summary>
public abstract class NeedsExportTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task Lines_naming_children_are_exported_only_with_a_reason_and_the_audit_keeps_the_reason_and_the_count()
    {
        NeedsPlace p;
        await using (var db = Db.NewContext()) p = await NeedsPlace.CreateAsync(db);
        await StaffAsync("canbo-xa", [Roles.CommuneOfficer], p.CommuneId);
        var client = await LogInAsync("canbo-xa");
        var url = $"/Needs/Export?reviewId={p.ReviewId}";
        // No line names a child yet: the file comes at once, and nothing is audited.
        var empty = await client.Http.GetAsync(url);
        Assert.Equal(NeedsExport.ContentType, empty.Content.Headers.ContentType?.MediaType);
        await using (var sp = Db.Services())
        await using (var scope = Scope(sp))
        {
            var result = await scope.ServiceProvider.GetRequiredService<NeedsImport>().RunAsync(p.ReviewId,
                NeedsWorkbook.Write([NeedsWorkbook.Jacket(p.Hien), NeedsWorkbook.Jacket(p.Duc, "9–11 tuổi", 2)]), "a.xlsx");
            Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        }

        var form = await client.GetPageAsync(url);
        var refused = await client.PostFormAsync(url, new() { ["Input.Reason"] = " " });
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Contains("họ tên và ngày sinh của 2 trẻ em", form);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Matches("id=\"Input_Reason-error\"[^>]*>[^<]*Vui lòng nhập lý do xuất danh sách nhu cầu có họ tên trẻ", html);
        await using (var db = Db.NewContext())
            Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == NeedsExport.ExportAction && a.EntityType == nameof(NeedsReview)));

        var exported = await client.PostFormAsync(url, new() { ["Input.Reason"] = "Gửi nhà cung cấp áo ấm để chuẩn bị cỡ" });

        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal(NeedsExport.ContentType, exported.Content.Headers.ContentType?.MediaType);
        var rows = new MemoryStream(await exported.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["Rơ Mah Hiền", "Siu Đức"], rows.Select(r => r[NeedsSheet.ChildName.Header]?.ToString()).Order(StringComparer.Ordinal));
        await using (var db = Db.NewContext())
        {
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == NeedsExport.ExportAction && a.EntityType == nameof(NeedsReview));
            Assert.Equal(p.ReviewId.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.EntityKey);
            Assert.Equal(p.CommuneId, audit.AdminUnitId);
            Assert.Contains("Gửi nhà cung cấp áo ấm để chuẩn bị cỡ", audit.After);
            Assert.Contains("\"Count\":2", audit.After);
            Assert.DoesNotContain("Hiền", audit.After + audit.Label);
        }
        var admin = await LogInAsAdminAsync();
        Assert.Contains($"đã xuất các dòng nhu cầu của bản rà soát số {p.ReviewId} có họ tên 2 trẻ em ra tệp Excel (dữ liệu cá nhân). Lý do: Gửi nhà cung cấp áo ấm để chuẩn bị cỡ",
            await admin.GetPageAsync("/Audit"));
    }

    [Fact]
    public async Task The_template_lists_the_communes_children_only_with_a_reason_and_the_download_is_audited()
    {
        NeedsPlace p;
        await using (var db = Db.NewContext()) p = await NeedsPlace.CreateAsync(db);
        await StaffAsync("canbo-xa", [Roles.CommuneOfficer], p.CommuneId);
        var client = await LogInAsync("canbo-xa");
        var url = $"/Needs/Template?reviewId={p.ReviewId}";

        var form = await client.GetPageAsync(url);
        Assert.Contains("danh sách 4 trẻ của xã", form);
        var refused = await client.PostFormAsync(url, new() { ["Input.Reason"] = "" });
        Assert.StartsWith("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Matches("id=\"Input_Reason-error\"[^>]*>[^<]*Vui lòng nhập lý do tải danh sách trẻ", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        // Without children: schools only, at once, nothing audited.
        var schoolsOnly = await client.Http.GetAsync($"/Needs/Template?handler=SchoolsOnly&reviewId={p.ReviewId}");
        Assert.Equal(NeedsExport.ContentType, schoolsOnly.Content.Headers.ContentType?.MediaType);
        var schoolRows = new MemoryStream(await schoolsOnly.Content.ReadAsByteArrayAsync()).Query(sheetName: NeedsSheet.ChildrenSheet).Cast<IDictionary<string, object?>>().ToList();
        Assert.DoesNotContain(schoolRows, r => r.Values.Any(v => v?.ToString() == "Rơ Mah Hiền"));
        await using (var db = Db.NewContext()) Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.EntityType == NeedsTemplate.AuditEntity));

        var withChildren = await client.PostFormAsync(url, new() { ["Input.Reason"] = "Rà soát nhu cầu áo ấm năm học này" });
        Assert.Equal(NeedsExport.ContentType, withChildren.Content.Headers.ContentType?.MediaType);
        var rows = new MemoryStream(await withChildren.Content.ReadAsByteArrayAsync()).Query(sheetName: NeedsSheet.ChildrenSheet).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(rows, r => r.Values.Any(v => v?.ToString() == "Rơ Mah Hiền"));
        await using (var db = Db.NewContext())
        {
            var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == NeedsTemplate.AuditEntity);
            Assert.Equal((p.ReviewId.ToString(System.Globalization.CultureInfo.InvariantCulture), p.CommuneId), (audit.EntityKey, audit.AdminUnitId));
            Assert.Contains("\"Count\":4", audit.After);
            Assert.DoesNotContain("Hiền", audit.After + audit.Label);
        }
        var admin = await LogInAsAdminAsync();
        Assert.Contains($"đã tải mẫu nhu cầu của bản rà soát số {p.ReviewId} kèm danh sách 4 trẻ em của xã (dữ liệu cá nhân). Lý do: Rà soát nhu cầu áo ấm năm học này",
            await admin.GetPageAsync("/Audit"));
    }
}

public class NeedsExportTestsOnSqlite() : NeedsExportTests(DatabaseProvider.Sqlite);

public class NeedsExportTestsOnPostgres() : NeedsExportTests(DatabaseProvider.Postgres);
