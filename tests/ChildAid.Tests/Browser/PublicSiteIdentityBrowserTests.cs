using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>
/// What a donor sees first, in Chromium at a phone's 390 px and a laptop's 1366 px: the logo, a title naming the page,
/// a give button, pictures that come in several widths and actually load, no sideways scrolling, and no WCAG 2.1 A/AA
/// violation axe can find (of any impact, so no serious or critical one either).
/// </summary>
[Collection(BrowserCollection.Name)]
public class PublicSiteIdentityBrowserTests(BrowserFixture site)
{
    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task Home_and_campaign_pages_show_the_logo_their_own_title_a_give_button_and_pictures_with_srcset(int width)
    {
        string slug;
        await using (var scope = site.DataScope())
            slug = (await TestData.CampaignAsync(scope.ServiceProvider.GetRequiredService<ChildAidDbContext>(), "Áo ấm cho em (nhận diện)")).Slug;
        // BypassCSP lets Axe inject axe-core into pages whose policy refuses inline scripts.
        var page = await site.NewPageAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN", ViewportSize = new ViewportSize { Width = width, Height = 900 }, BypassCSP = true,
        });
        var titles = new List<string>();

        foreach (var path in new[] { "/", $"/chien-dich/{slug}" })
        {
            await page.GotoAsync(site.PublicUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            titles.Add(await page.TitleAsync());

            Assert.True(await page.Locator("header .brand svg.mark").IsVisibleAsync(), $"{path}: no logo");
            Assert.Equal("ChildAid", (await page.Locator("header .brand .word").InnerTextAsync()).Trim());
            var give = page.Locator("main a.btn.give").First;
            Assert.True(await give.IsVisibleAsync(), $"{path}: no give button in the page");
            Assert.StartsWith("/ung-ho", await give.GetAttributeAsync("href"));
            Assert.True(await page.Locator("header a.btn.give").IsVisibleAsync(), $"{path}: no give button in the header");

            var pictures = page.Locator("main img");
            Assert.True(await pictures.CountAsync() >= 1, $"{path}: no picture");
            foreach (var picture in await pictures.AllAsync())
            {
                Assert.Contains(" 960w", await picture.GetAttributeAsync("srcset") ?? "");
                Assert.NotNull(await picture.GetAttributeAsync("sizes"));
                Assert.NotNull(await picture.GetAttributeAsync("width"));
                Assert.NotNull(await picture.GetAttributeAsync("height"));
                await picture.ScrollIntoViewIfNeededAsync();
                await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await picture.ElementHandleAsync());
            }
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{path} is {scrollWidth} px wide at {width} px");

            // Stricter than "no serious or critical violation": none at all, of any impact.
            var violations = await Axe.CheckAsync(page);
            Assert.True(violations.Count == 0, $"{path} at {width} px:\n  " + string.Join("\n  ", violations));
            if (Environment.GetEnvironmentVariable("CHILDAID_SCREENSHOTS") == "1")
                await BrowserFixture.ScreenshotAsync(page, $"identity-{width}{path.Replace('/', '-')}");
        }

        Assert.Equal("Chung tay vì trẻ em vùng cao — ChildAid", titles[0]);
        Assert.Equal("Áo ấm cho em (nhận diện) — ChildAid", titles[1]);
    }

    [Fact]
    public async Task The_give_button_leads_to_the_pledge_form_with_the_campaign_chosen_and_the_focus_is_visible()
    {
        string slug;
        await using (var scope = site.DataScope())
            slug = (await TestData.CampaignAsync(scope.ServiceProvider.GetRequiredService<ChildAidDbContext>(), "Bữa trưa có thịt (nhận diện)")).Slug;
        var page = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await page.GotoAsync(site.PublicUrl + $"/chien-dich/{slug}");

        // The first Tab lands on the skip link, which shows itself; the focused element wears an outline.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.getBoundingClientRect().left >= 0"), "the focused skip link stays off screen");
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        await page.Locator("main a.btn.give").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/ung-ho?chien-dich=", StringComparison.Ordinal));

        Assert.Equal(slug, await page.Locator("#f-Campaign").InputValueAsync());
        Assert.Equal("Cam kết ủng hộ — ChildAid", await page.TitleAsync());
    }
}
