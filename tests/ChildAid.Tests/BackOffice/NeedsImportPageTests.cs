using System.Net;
using System.Net.Http.Headers;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace ChildAid.Tests.BackOffice;

/// <summary>A commune officer uploads a workbook through the real form (anti-forgery token and all) and reads the result.</summary>
public abstract class NeedsImportPageTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private static async Task<HttpResponseMessage> UploadAsync(StaffClient client, string page, MemoryStream workbook)
    {
        var token = StaffClient.Token(await client.GetPageAsync(page));
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(workbook.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "Upload", "nhu-cau.xlsx");
        return await client.Http.PostAsync(page, form);
    }

    /// <summary>Follows the redirect to the job's page, refreshing while the import still runs (as the browser does).</summary>
    private static async Task<string> ResultAsync(StaffClient client, HttpResponseMessage posted)
    {
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var url = posted.Headers.Location!.OriginalString;
        for (var i = 0; ; i++)
        {
            var (response, html) = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (!response.Headers.Contains("Refresh")) return html;
            Assert.True(i < 100, "the import did not finish");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task An_officer_sees_the_bad_row_downloads_the_error_workbook_then_imports_the_fixed_file()
    {
        NeedsPlace p;
        await using (var db = Db.NewContext()) p = await NeedsPlace.CreateAsync(db);
        await StaffAsync("canbo-xa", [Roles.CommuneOfficer], p.CommuneId);
        var client = await LogInAsync("canbo-xa");
        var page = $"/Needs/Import?reviewId={p.ReviewId}";

        var html = await ResultAsync(client, await UploadAsync(client, page, NeedsWorkbook.Write([NeedsWorkbook.Jacket(p.Hien), NeedsWorkbook.Jacket(p.Duc, quantity: 0)])));

        Assert.Contains("Chưa ghi dòng nào", html);
        Assert.Contains("<td data-label=\"Dòng\">3</td><td data-label=\"Cột\">Số lượng</td><td data-label=\"Lỗi\">Số lượng phải từ 1 đến 1.000.000.</td>", html);
        var errorLink = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/Needs/Import\\?handler=Errors[^\"]+)\"").Groups[1].Value;
        var errors = await client.Http.GetAsync(WebUtility.HtmlDecode(errorLink));
        Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        var rows = new MemoryStream(await errors.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("Số lượng: Số lượng phải từ 1 đến 1.000.000.", rows[1]["Lỗi"]);
        await using (var db = Db.NewContext()) Assert.Equal(0, await db.NeedLines.CountAsync());

        var fixedHtml = await ResultAsync(client, await UploadAsync(client, page, NeedsWorkbook.Write([NeedsWorkbook.Jacket(p.Hien), NeedsWorkbook.Jacket(p.Duc)])));

        Assert.Contains("Đã nhập 2 dòng nhu cầu", fixedHtml);
        await using (var db = Db.NewContext()) Assert.Equal(2, await db.NeedLines.CountAsync(l => l.NeedsReviewId == p.ReviewId));
        // The lines name children: the export asks for a reason (NeedsExportTests).
        var export = await client.PostFormAsync($"/Needs/Export?reviewId={p.ReviewId}", new() { ["Input.Reason"] = "Kiểm tra sau khi nhập" });
        Assert.Equal(2, new MemoryStream(await export.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Count());
    }

    [Fact]
    public async Task An_upload_without_a_token_or_into_another_communes_review_is_refused()
    {
        NeedsPlace p, other;
        await using (var db = Db.NewContext())
        {
            p = await NeedsPlace.CreateAsync(db);
            other = await NeedsPlace.CreateAsync(db, "23536", "Xã Ia Pnôn", "Trường TH Ia Pnôn");
        }
        await StaffAsync("canbo-xa", [Roles.CommuneOfficer], p.CommuneId);
        var client = await LogInAsync("canbo-xa");

        using var noToken = new MultipartFormDataContent { { new ByteArrayContent(NeedsWorkbook.Write([NeedsWorkbook.Jacket(p.Hien)]).ToArray()), "Upload", "a.xlsx" } };
        var refused = await client.Http.PostAsync($"/Needs/Import?reviewId={p.ReviewId}", noToken);
        var elsewhere = await client.Http.GetAsync($"/Needs/Import?reviewId={other.ReviewId}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        await using var check = Db.NewContext();
        Assert.Equal(0, await check.NeedLines.CountAsync());
    }
}

public class NeedsImportPageTestsOnSqlite() : NeedsImportPageTests(DatabaseProvider.Sqlite);

public class NeedsImportPageTestsOnPostgres() : NeedsImportPageTests(DatabaseProvider.Postgres);
