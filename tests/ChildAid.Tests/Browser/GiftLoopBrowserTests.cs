using System.Globalization;
using System.Text.RegularExpressions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>The first loop a donor can see, as people do it: staff record a gift in BackOffice, anyone finds it on the public statement.</summary>
[Collection(BrowserCollection.Name)]
public partial class GiftLoopBrowserTests(BrowserFixture site)
{
    [GeneratedRegex(@"\b\d{4}-\d{6}\b")]
    private static partial Regex ReceiptNumber();

    [Fact]
    public async Task Staff_records_a_gift_in_BackOffice_and_the_public_statement_shows_it()
    {
        int donorId, campaignId, unitId;
        await using (var scope = site.DataScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var unit = await TestData.UnitAsync(db, "Xã Ia Đal (trình duyệt)");
            unitId = unit.Id;
            donorId = (await TestData.DonorAsync(db, unit.Id, "Phạm Thị Hồng Nhung", DisplayChoice.NameAmount)).Id;
            campaignId = (await TestData.CampaignAsync(db, "Áo ấm cho em (trình duyệt)")).Id;
        }
        var userName = $"chuongtrinh{Guid.NewGuid():N}"[..20];
        await site.CreateStaffAsync(userName, [Roles.ProgrammeOfficer], unitId);

        // Staff side: log in, fill the form a person fills, submit.
        var staff = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await site.LogInAsync(staff, userName);
        await staff.GotoAsync(site.BackOfficeUrl + "/Contributions/Record");
        // The donor is found in the shared registry by name, typed without diacritics, and picked.
        await staff.Locator("input[name='DonorQuery']").FillAsync("pham thi hong");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).ClickAsync();
        await staff.Locator($"input[name='Input.DonorId'][value='{donorId.ToString(CultureInfo.InvariantCulture)}']").CheckAsync();
        await staff.Locator("select[name='Input.CampaignId']").SelectOptionAsync(campaignId.ToString(CultureInfo.InvariantCulture));
        await staff.Locator("select[name='Input.AdminUnitId']").SelectOptionAsync(unitId.ToString(CultureInfo.InvariantCulture));
        await staff.Locator("input[name='Input.ReceivedOn']").FillAsync("20/11/2026");
        await staff.Locator("input[name='Input.AmountVnd']").FillAsync("1.234.000");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận và lập phiếu thu" }).ClickAsync();
        try { await staff.WaitForURLAsync(url => url.Contains("/Contributions/Details", StringComparison.OrdinalIgnoreCase)); }
        catch (TimeoutException) { Assert.Fail("the record form did not lead to the receipt: " + await staff.InnerTextAsync("main")); }
        var receiptPage = await staff.InnerTextAsync("main");
        var receipt = ReceiptNumber().Match(receiptPage).Value;
        Assert.False(string.IsNullOrEmpty(receipt), "no receipt number on the receipt page: " + receiptPage);
        Assert.Contains("1.234.000 ₫", receiptPage, StringComparison.Ordinal);

        // Public side: a donor on a phone searches without diacritics; the gift is there within seconds.
        var donor = await site.NewPageAsync();
        string statement = "";
        for (var attempt = 0; attempt < 20 && !statement.Contains(receipt, StringComparison.Ordinal); attempt++)
        {
            if (attempt > 0) await Task.Delay(500);
            await donor.GotoAsync(site.PublicUrl + "/sao-ke?q=" + Uri.EscapeDataString("pham thi hong nhung"));
            statement = await donor.InnerTextAsync("main");
        }
        Assert.Contains(receipt, statement, StringComparison.Ordinal);
        Assert.Contains("Phạm Thị Hồng Nhung", statement, StringComparison.Ordinal);
        Assert.Contains("1.234.000 ₫", statement, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(donor, "public-statement");
    }
}
