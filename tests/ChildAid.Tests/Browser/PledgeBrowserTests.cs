using ChildAid.Shared.Data;
using ChildAid.Shared.Payments;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>A donor pledges on a phone: campaign page → give button → form → the pledge's page with its VietQR code.</summary>
[Collection(BrowserCollection.Name)]
public class PledgeBrowserTests(BrowserFixture site)
{
    private const int PhoneWidth = 390;

    [Fact]
    public async Task A_donor_pledges_on_a_390_px_phone_and_sees_the_QR_code_and_the_transfer_details_on_pages_axe_finds_clean()
    {
        string slug;
        await using (var scope = site.DataScope())
            slug = (await TestData.CampaignAsync(scope.ServiceProvider.GetRequiredService<ChildAidDbContext>(), "Áo ấm cho em (cam kết)")).Slug;
        // BypassCSP lets Axe inject axe-core; the pages' own script is a file and needs no exception.
        var page = await site.NewPageAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN", ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 844 }, BypassCSP = true,
        });
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        page.Console += (_, message) => { if (message.Type == "error") scriptErrors.Add(message.Text); };
        await page.GotoAsync(site.PublicUrl + $"/chien-dich/{slug}");
        await page.Locator("main a.btn.give").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/ung-ho?chien-dich=", StringComparison.Ordinal));

        Assert.Equal(slug, await page.Locator("#f-Campaign").InputValueAsync());
        Assert.False(await page.Locator("#f-TaxCode").IsVisibleAsync(), "the business fields show for an individual: " + string.Join("; ", scriptErrors) +
            await page.EvaluateAsync<string>("() => JSON.stringify({ scripts: [...document.scripts].map(s => s.src), hidden: document.getElementById('business').hidden })"));
        await AssertFitsAndAccessibleAsync(page);
        await page.GetByRole(AriaRole.Radio, new() { Name = "500.000 ₫" }).CheckAsync();
        await page.Locator("#f-Name").FillAsync("Lò Văn Páo");
        await page.Locator("#f-Email").FillAsync("pao@example.com");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/ung-ho/cam-ket/CA", StringComparison.Ordinal));

        var reference = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var main = await page.Locator("main").InnerTextAsync();
        foreach (var text in new[] { "500.000 ₫", VietQrAccount.Demo.AccountNumber, VietQrAccount.Demo.AccountName, reference })
            Assert.Contains(text, main, StringComparison.Ordinal);
        Assert.DoesNotContain("Páo", main, StringComparison.Ordinal);
        Assert.True(await page.Locator("figure.vietqr img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR image did not load");
        Assert.True(await page.Locator("button.copy").First.IsVisibleAsync(), "the copy buttons stay hidden with JavaScript on");
        await AssertFitsAndAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "phone-pledge");
    }

    private static async Task AssertFitsAndAccessibleAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= PhoneWidth, $"{page.Url} is {width} px wide on a {PhoneWidth} px phone");
        await Axe.AssertAccessibleAsync(page);
    }
}
