using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>
/// The record form works without JavaScript on a phone: the goods section is a &lt;details&gt; that opens by its
/// summary, comes back open with what was typed when the form returns with an error, and books an in-kind gift.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RecordFormWithoutJavaScriptBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task Without_JavaScript_the_goods_rows_open_keep_what_was_typed_and_book_an_in_kind_gift()
    {
        int unitId, donorId;
        await using (var scope = site.DataScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            unitId = (await TestData.UnitAsync(db, "Xã Ia Đal (không JavaScript)")).Id;
            donorId = (await TestData.DonorAsync(db, unitId, "Hợp tác xã Chăn Bông Ia Đal")).Id;
        }
        var userName = $"nojs{Guid.NewGuid():N}"[..20];
        await site.CreateStaffAsync(userName, [Roles.CommuneOfficer], unitId);
        var page = await site.NewPageAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, JavaScriptEnabled = false,
        });
        await site.LogInAsync(page, userName);
        await page.GotoAsync($"{site.BackOfficeUrl}/Contributions/Record?donorId={donorId}");
        var item = page.Locator("input[name='Input.GoodsLines[0].Item']");

        var closedAtFirst = !await item.IsVisibleAsync();
        await page.Locator("#goods > summary").ClickAsync();
        var openedBySummary = await item.IsVisibleAsync();
        await item.FillAsync("Chăn bông");
        await page.Locator("input[name='Input.GoodsLines[0].Quantity']").FillAsync("40");
        await page.Locator("input[name='Input.GoodsLines[0].Unit']").FillAsync("chiếc");
        await page.Locator("input[name='Input.GoodsLines[0].UnitValueVnd']").FillAsync("250.000");
        await page.Locator("#Input_Method").SelectOptionAsync("InKind");
        await page.Locator("#Input_ReceivedOn").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận và lập phiếu thu" }).ClickAsync();
        var backOpenWithRow = await item.IsVisibleAsync() && await item.InputValueAsync() == "Chăn bông";
        await page.Locator("#Input_ReceivedOn").FillAsync("20/11/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận và lập phiếu thu" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Contributions/Details/", StringComparison.Ordinal));
        var details = await page.InnerTextAsync("main");

        Assert.True(closedAtFirst, "the goods rows should be folded away on a fresh form");
        Assert.True(openedBySummary, "the goods summary should open the rows without JavaScript");
        Assert.True(backOpenWithRow, "the form came back without the goods row open: " + await BrowserFixture.ScreenshotAsync(page, "nojs-goods"));
        Assert.Contains("Chăn bông", details);
        Assert.Contains("10.000.000", details);
    }
}
