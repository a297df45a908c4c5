using ChildAid.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>
/// Browser tests are different people at different addresses (BrowserFixture.NewPageAsync): one browser that keeps
/// failing to sign in is throttled for real, and another browser signs in at once.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SignInThrottleBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task A_browser_that_keeps_failing_is_throttled_and_another_browser_still_signs_in_at_once()
    {
        int unitId;
        await using (var scope = site.DataScope())
            unitId = (await Infrastructure.TestData.UnitAsync(scope.ServiceProvider.GetRequiredService<Shared.Data.ChildAidDbContext>(), "Xã Ia Đal (giới hạn)")).Id;
        var userName = $"thr{Guid.NewGuid():N}"[..20];
        await site.CreateStaffAsync(userName, [Roles.CommuneOfficer], unitId);
        var guesser = await site.NewPageAsync();
        var colleague = await site.NewPageAsync();

        for (var i = 0; i <= Shared.Security.StaffIdentity.MaxFailedAttempts && !await ThrottledAsync(guesser); i++)
        {
            await guesser.GotoAsync(site.BackOfficeUrl + "/Account/Login");
            await guesser.Locator("input[name='Input.UserName']").FillAsync("khong-co-ai");
            await guesser.Locator("input[name='Input.Password']").FillAsync("doan-mo-" + i);
            await guesser.Locator("main form button[type=submit]").First.ClickAsync();
        }
        var guesserThrottled = await ThrottledAsync(guesser);
        await site.LogInAsync(colleague, userName);

        Assert.True(guesserThrottled, "the guessing browser was never throttled: " + await guesser.InnerTextAsync("main"));
        Assert.DoesNotContain("/Account/Login", colleague.Url, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<bool> ThrottledAsync(IPage page) =>
        page.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase)
        && (await page.ContentAsync()).Contains("Đã đăng nhập sai nhiều lần từ địa chỉ này", StringComparison.Ordinal);
}
