using System.Globalization;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Security;
using ChildAid.Shared.TransparencyLog;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>
/// Where a gift went, as people do it: one officer proposes an allocation of a gift to a school's lunches and records the
/// meals served, a colleague approves and confirms, and the donor's page traces the gift to the meals and checks, in Chromium,
/// that its receipt is in the signed log.
/// </summary>
[Collection(BrowserCollection.Name)]
public class GiftTraceBrowserTests(BrowserFixture site)
{
    private static readonly DateOnly Monday = new(2026, 11, 23), Friday = new(2026, 11, 27);

    /// <summary>Waits for the page's confirmation after a form was sent; on failure says what the page shows instead.</summary>
    private static async Task SavedAsync(IPage page, string saved)
    {
        try { await page.GetByText(saved).First.WaitForAsync(new() { Timeout = 30_000 }); }
        catch (TimeoutException) { Assert.Fail($"expected '{saved}' on {page.Url}: " + await page.InnerTextAsync("main")); }
    }

    [Fact]
    public async Task Staff_allocate_a_gift_and_record_the_meals_it_paid_the_donors_page_traces_it_and_the_browser_verifies_it()
    {
        AllocationWorld w;
        Contribution gift;
        int programme;
        await using var services = site.Database.Services();
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ChildAid.Shared.Audit.AuditActor>().Name = "browser-test";
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            w = await AllocationWorld.CreateAsync(db);
            programme = await w.SchoolMealsAsync(db, "Ksor Thị Trình Duyệt", Monday, Friday);
            var outcome = await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(TestData.Cash(w.DonorId, w.IaDal.Id, 1_000_000));
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
            gift = outcome.Value!;
        }
        var proposerName = $"phanbo{Guid.NewGuid():N}"[..20];
        var approverName = $"duyet{Guid.NewGuid():N}"[..20];
        await site.CreateStaffAsync(proposerName, [Roles.ProgrammeOfficer], w.IaDal.Id);
        await site.CreateStaffAsync(approverName, [Roles.CommuneOfficer], w.IaDal.Id);
        var desk = new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } };
        var proposer = await site.NewPageAsync(desk);
        var approver = await site.NewPageAsync(desk);
        await site.LogInAsync(proposer, proposerName);
        await site.LogInAsync(approver, approverName);
        string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

        // 800.000 ₫ of the gift to the school's lunch meals (40 meals at the need's 20.000 ₫), proposed from the receipt.
        await proposer.GotoAsync($"{site.BackOfficeUrl}/Allocations/Propose/{Id(gift.Id)}");
        await proposer.Locator("select[name='Input.NeedLineId']").SelectOptionAsync(Id(w.Meals.Id));
        await proposer.Locator("input[name='Input.AmountVnd']").FillAsync("800.000");
        await proposer.GetByRole(AriaRole.Button, new() { Name = "Gửi đề xuất phân bổ" }).ClickAsync();
        await SavedAsync(proposer, "Đã gửi đề xuất phân bổ từ phiếu thu " + gift.ReceiptNumber);

        // A colleague approves it (the proposer never can).
        await approver.GotoAsync(site.BackOfficeUrl + "/Allocations?state=Proposed");
        await approver.Locator("tr", new() { HasText = gift.ReceiptNumber }).GetByRole(AriaRole.Button, new() { Name = "Duyệt", Exact = true }).ClickAsync();
        await SavedAsync(approver, "Đã duyệt: phân bổ đã ghi vào sổ cái công khai.");

        // The proposer records the week's meals from the approved allocation's link; the colleague confirms them.
        await proposer.GotoAsync(site.BackOfficeUrl + "/Allocations?state=Approved");
        await proposer.Locator("tr", new() { HasText = gift.ReceiptNumber }).GetByRole(AriaRole.Link, new() { Name = "Ghi nhận dịch vụ" }).ClickAsync();
        await proposer.Locator("select[name='Input.InterventionId']").SelectOptionAsync(Id(programme));
        await proposer.Locator("input[name='Input.FromDate']").FillAsync("23/11/2026");
        await proposer.Locator("input[name='Input.ToDate']").FillAsync("27/11/2026");
        await proposer.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận dịch vụ", Exact = true }).ClickAsync();
        await SavedAsync(proposer, "Đã ghi nhận dịch vụ");
        await approver.GotoAsync(site.BackOfficeUrl + "/Distributions/Services");
        await approver.Locator("#services tr", new() { HasText = gift.ReceiptNumber }).GetByRole(AriaRole.Button, new() { Name = "Xác nhận", Exact = true }).ClickAsync();
        await SavedAsync(approver, "Đã xác nhận: sổ cái công khai ghi một bút toán cấp phát dịch vụ.");

        // The hourly signer's turn: a checkpoint over the whole ledger, the receipt among its entries.
        using var key = NoteSigner.Generate("browser.example/log");
        await using (var scope = services.CreateAsyncScope())
            await LogCheckBrowserTests.SignCheckpointAsync(site, scope.ServiceProvider.GetRequiredService<ChildAidDbContext>(), key, []);

        // The donor, on a phone, opens the private link of their receipt.
        var donor = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var scriptErrors = new List<string>();
        donor.PageError += (_, error) => scriptErrors.Add(error);
        await donor.GotoAsync(site.PublicUrl + VerifiedGift.PathPrefix + gift.VerifyToken);
        var trace = await donor.Locator("#gift-trace").InnerTextAsync();
        Assert.Contains("800.000 ₫ → ", trace, StringComparison.Ordinal);
        Assert.Contains("→ 40 suất ăn trưa, Trường TH-THCS Ia Đal, đã phục vụ 23–27/11/2026", trace, StringComparison.Ordinal);
        Assert.Contains("200.000 ₫ chưa phân bổ.", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("Ksor Thị Trình Duyệt", await donor.ContentAsync(), StringComparison.Ordinal);

        await donor.Locator("#log-check button").ClickAsync();
        await LogCheckBrowserTests.OutcomeAsync(donor, "verified");
        Assert.StartsWith("Đã xác minh trên trình duyệt của bạn", await donor.Locator("#log-check output").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(scriptErrors);
        await BrowserFixture.ScreenshotAsync(donor, "gift-trace");

        // Anyone else finds the same trace on the receipt's public page, by its number.
        var anyone = await site.NewPageAsync();
        await anyone.GotoAsync(site.PublicUrl + "/sao-ke/" + gift.ReceiptNumber);
        Assert.Contains("40 suất ăn trưa, Trường TH-THCS Ia Đal, đã phục vụ 23–27/11/2026", await anyone.Locator("#gift-trace").InnerTextAsync(), StringComparison.Ordinal);
    }
}
