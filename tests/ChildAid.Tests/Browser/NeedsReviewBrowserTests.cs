using System.Globalization;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>
/// The needs review as the people of issue 6 do it: a commune officer imports the filled template, fixes the row the
/// import refused, submits; the province's programme officer approves; the public needs list shows the need, with no
/// child's name anywhere on it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class NeedsReviewBrowserTests(BrowserFixture site)
{
    private static string S(int i) => i.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_officer_imports_fixes_and_submits_the_level_above_approves_and_the_public_list_shows_it()
    {
        var suffix = Random.Shared.Next(100_000, 999_999);
        var communeName = $"Xã Mô Rai {S(suffix)}";
        int communeId, provinceId, reviewId;
        var children = new List<int>();
        var childNames = new List<string>();
        await using (var scope = site.DataScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var province = await TestData.UnitAsync(db, $"Tỉnh Thử {S(suffix)}", $"P{S(suffix)}", null, AdminUnitLevel.Province);
            var commune = await TestData.UnitAsync(db, communeName, $"C{S(suffix)}", province.Id);
            var village = await TestData.UnitAsync(db, "Làng Le", $"V{S(suffix)}", commune.Id, AdminUnitLevel.Village);
            var school = new Organisation { Name = $"Trường TH Mô Rai {S(suffix)}", Type = OrganisationType.School, AdminUnitId = commune.Id };
            db.Organisations.Add(school);
            await db.SaveChangesAsync();
            foreach (var name in new[] { "Y Thị Blíp", "A Khuê", "Rơ Lan Hơ", "Siu Mai", "Ksor Nhí", "Đinh Văn Hùng" })
            {
                var child = new Child
                {
                    FullName = name, SearchText = Shared.Text.TextFolding.Fold(name), DateOfBirth = new DateOnly(2018, 10, 1),
                    Sex = Sex.Female, AdminUnitId = village.Id, SchoolId = school.Id,
                };
                db.Children.Add(child);
                await db.SaveChangesAsync();
                children.Add(child.Id);
                childNames.Add(name);
            }
            communeId = commune.Id;
            provinceId = province.Id;
            reviewId = (await TestData.NeedsReviewAsync(db, commune.Id)).Id;
        }
        var officerName = $"xa{Guid.NewGuid():N}"[..20];
        var approverName = $"tinh{Guid.NewGuid():N}"[..20];
        await site.CreateStaffAsync(officerName, [Roles.CommuneOfficer], communeId);
        await site.CreateStaffAsync(approverName, [Roles.ProgrammeOfficer], provinceId);

        // The commune officer imports a workbook whose third row asks for 0 jackets: nothing is written, that row is named.
        var officer = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
        await site.LogInAsync(officer, officerName);
        var rows = children.Select(id => NeedsWorkbook.Jacket(id, "6–8 tuổi")).ToList();
        rows[2] = NeedsWorkbook.Jacket(children[2], "6–8 tuổi", quantity: 0);
        var report = await ImportAsync(officer, reviewId, rows);
        Assert.Contains("Chưa ghi dòng nào", report, StringComparison.Ordinal);
        var errors = await officer.InnerTextAsync("#import-errors");
        Assert.Contains("Số lượng", errors, StringComparison.Ordinal);
        Assert.Contains("4", errors, StringComparison.Ordinal); // header is row 1: the third data row is row 4

        // Fixed, the same file goes in whole.
        rows[2] = NeedsWorkbook.Jacket(children[2], "6–8 tuổi");
        report = await ImportAsync(officer, reviewId, rows);
        Assert.Contains("Đã nhập 6 dòng", report, StringComparison.Ordinal);

        await officer.GotoAsync($"{site.BackOfficeUrl}/Needs/Review/{S(reviewId)}");
        Assert.Contains("Áo ấm mùa đông", await officer.InnerTextAsync("main"), StringComparison.Ordinal);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Gửi lên cấp trên duyệt" }).ClickAsync();
        await officer.GetByText("Đã gửi bản rà soát lên cấp trên.").WaitForAsync();
        // The officer cannot approve their own commune's review: no such button for them.
        Assert.Equal(0, await officer.GetByRole(AriaRole.Button, new() { Name = "Duyệt bản rà soát" }).CountAsync());

        // The province's programme officer approves.
        var approver = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
        await site.LogInAsync(approver, approverName);
        await approver.GotoAsync($"{site.BackOfficeUrl}/Needs/Review/{S(reviewId)}");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Duyệt bản rà soát" }).ClickAsync();
        await approver.GetByText("Đã duyệt bản rà soát.").WaitForAsync();

        // The public needs list: the commune's six jackets, and not one child's name.
        // BypassCSP lets Axe inject axe-core into the page, whose policy refuses inline scripts.
        var visitor = await site.NewPageAsync(new BrowserNewContextOptions { BypassCSP = true });
        var text = "";
        for (var attempt = 0; attempt < 20 && !text.Contains(communeName, StringComparison.Ordinal); attempt++)
        {
            if (attempt > 0) await Task.Delay(500);
            await visitor.GotoAsync(site.PublicUrl + "/nhu-cau");
            text = await visitor.InnerTextAsync("main");
        }
        Assert.Contains(communeName, text, StringComparison.Ordinal);
        Assert.Contains("Áo ấm mùa đông", text, StringComparison.Ordinal);
        var html = await visitor.ContentAsync();
        Assert.All(childNames, name => Assert.DoesNotContain(name, html, StringComparison.Ordinal));
        await BrowserFixture.ScreenshotAsync(visitor, "public-needs-list");
        // The public list with rows, filters and coverage bars: no serious or critical WCAG 2.1 AA violation.
        var violations = await Axe.CheckAsync(visitor);
        Assert.Empty(violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.ToString()));
    }

    /// <summary>Uploads the rows through the import page and waits for the result (the import may run as a job with progress).</summary>
    private async Task<string> ImportAsync(IPage page, int reviewId, List<Dictionary<string, object?>> rows)
    {
        await page.GotoAsync($"{site.BackOfficeUrl}/Needs/Import?reviewId={S(reviewId)}");
        using var workbook = NeedsWorkbook.Write(rows);
        await page.Locator("input[type=file][name='Upload']").SetInputFilesAsync(new FilePayload
        {
            Name = "nhu-cau.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = workbook.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập tệp" }).ClickAsync();
        var text = "";
        for (var attempt = 0; attempt < 60; attempt++)
        {
            text = await page.InnerTextAsync("main");
            if (text.Contains("Chưa ghi dòng nào", StringComparison.Ordinal) || text.Contains("Đã nhập", StringComparison.Ordinal)) return text;
            await Task.Delay(500);
            if (attempt % 4 == 3) await page.ReloadAsync();
        }
        Assert.Fail("the import gave no result: " + text);
        return text;
    }
}
