using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.TransparencyLog;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>The verified-gift page says which checkpoint holds the receipt, and its button checks the inclusion proof in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public class LogCheckBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task The_verified_gift_page_checks_the_inclusion_proof_in_the_browser_and_says_it_is_verified()
    {
        Contribution gift;
        await using var services = site.Database.Services();
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ChildAid.Shared.Audit.AuditActor>().Name = "browser-test";
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var unit = await TestData.UnitAsync(db, "Xã Ia Đal (nhật ký)");
            var donor = await TestData.DonorAsync(db, unit.Id, "Rơ Châm Thị Hoa");
            var outcome = await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(TestData.Cash(donor.Id, unit.Id, 1_500_000));
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
            gift = outcome.Value!;
            // Signed "a year from now", so no checkpoint another test signed today keeps this one waiting for the hour.
            using var key = NoteSigner.Generate("browser.example/log");
            var signer = new CheckpointSigner(db, new LogAppender(db), Options.Create(new TransparencyLogOptions { SigningKey = key.PrivateKeyText }),
                Options.Create(new PublicSiteLinkOptions { BaseUrl = site.PublicUrl }), new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(1)));
            Assert.NotNull((await signer.SignIfDueAsync()).Signed);
        }
        var page = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);

        await page.GotoAsync(site.PublicUrl + VerifiedGift.PathPrefix + gift.VerifyToken);
        Assert.Contains("có trong điểm kiểm", await page.Locator("#log-check").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#log-check button").ClickAsync();
        await page.Locator("#log-check output.verified").WaitForAsync(new() { Timeout = 15_000 });

        var said = await page.Locator("#log-check output").InnerTextAsync();
        Assert.StartsWith("Đã xác minh trên trình duyệt của bạn", said, StringComparison.Ordinal);
        Assert.Empty(scriptErrors);
    }
}
