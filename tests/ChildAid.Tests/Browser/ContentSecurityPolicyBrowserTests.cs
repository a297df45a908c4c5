using ChildAid.Shared.Security;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>Chromium enforces both sites' content security policy: no page may lose a style, script or image to it.</summary>
[Collection(BrowserCollection.Name)]
public class ContentSecurityPolicyBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task Public_pages_the_api_reference_and_staff_pages_break_no_rule_of_the_content_security_policy()
    {
        var page = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var refused = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (refused) refused.Add($"{page.Url}: {m.Text}"); };
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))");
        await site.CreateStaffAsync("csp.admin", [Roles.ProgrammeOfficer]);

        foreach (var path in new[] { "/", "/sao-ke", "/bang-vang", "/gioi-thieu", "/khong-co-trang-nay" })
            await page.GotoAsync(site.PublicUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.GotoAsync(site.PublicUrl + "/api/docs/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await site.LogInAsync(page, "csp.admin");
        foreach (var path in new[] { "/", "/Donors", "/Contributions" })
            await page.GotoAsync(site.BackOfficeUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        lock (refused) Assert.Empty(refused);
    }
}
