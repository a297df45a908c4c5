using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.TransparencyLog;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>The verified-gift page says which checkpoint holds the receipt, and its button checks the inclusion proof in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public class LogCheckBrowserTests(BrowserFixture site)
{
    /// <summary>A receipt in a checkpoint signed by a fresh key, and its verified-gift page open at phone width.</summary>
    private async Task<(IPage Page, List<string> ScriptErrors, NoteSigner Key)> GiftInASignedCheckpointAsync()
    {
        Contribution gift;
        // A key whose base64 holds a '+' (about half of them do): the page once split the key on every '+' and failed them.
        var key = NoteSigner.Generate("browser.example/log");
        while (key.Verifier.VerifierKey.Split('+').Length == 3)
        {
            key.Dispose();
            key = NoteSigner.Generate("browser.example/log");
        }
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
            // Signed a year (or more) from now, after any checkpoint another test signed, so none keeps this one waiting for the hour.
            var latest = await db.LogCheckpoints.OrderByDescending(c => c.SignedAt).Select(c => (DateTime?)c.SignedAt).FirstOrDefaultAsync();
            var at = new DateTimeOffset(latest is { } l && l > DateTime.UtcNow ? l : DateTime.UtcNow, TimeSpan.Zero).AddYears(1);
            var signer = new CheckpointSigner(db, new LogAppender(db), Options.Create(new TransparencyLogOptions { SigningKey = key.PrivateKeyText }),
                Options.Create(new PublicSiteLinkOptions { BaseUrl = site.PublicUrl }), new FakeTimeProvider(at));
            Assert.NotNull((await signer.SignIfDueAsync()).Signed);
        }
        var page = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.GotoAsync(site.PublicUrl + VerifiedGift.PathPrefix + gift.VerifyToken);
        return (page, scriptErrors, key);
    }

    /// <summary>Waits for the check's outcome; when another comes (or none), the failure says what the page showed.</summary>
    private static async Task OutcomeAsync(IPage page, string expected)
    {
        var output = page.Locator("#log-check output");
        try
        {
            await page.Locator($"#log-check output.{expected}").WaitForAsync(new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Expected the check to end '{expected}'; the page shows class '{await output.GetAttributeAsync("class")}': {await output.InnerTextAsync()}");
        }
    }

    [Fact]
    public async Task The_verified_gift_page_checks_the_inclusion_proof_and_the_checkpoint_signature_in_the_browser()
    {
        var (page, scriptErrors, key) = await GiftInASignedCheckpointAsync();
        using var _ = key;

        Assert.Contains("có trong điểm kiểm", await page.Locator("#log-check").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(key.Verifier.VerifierKey, await page.Locator("#log-check").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#log-check button").ClickAsync();
        await OutcomeAsync(page, "verified");

        var said = await page.Locator("#log-check output").InnerTextAsync();
        Assert.StartsWith("Đã xác minh trên trình duyệt của bạn", said, StringComparison.Ordinal);
        // Chromium has Ed25519 in WebCrypto: the signature itself was checked, not skipped.
        Assert.EndsWith("Chữ ký của điểm kiểm đúng với khoá công khai của nhật ký.", said, StringComparison.Ordinal);
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task A_checkpoint_whose_signature_was_tampered_with_on_the_way_is_not_verified()
    {
        var (page, scriptErrors, key) = await GiftInASignedCheckpointAsync();
        using var _ = key;
        // A man in the middle changes one character of the log's signature in the proof the page fetches.
        await page.RouteAsync("**/log/proof/**", async route =>
        {
            var response = await route.FetchAsync();
            var lines = (await response.TextAsync()).Split('\n');
            var i = Array.FindIndex(lines, l => l.StartsWith("\u2014 browser.example/log ", StringComparison.Ordinal));
            var chars = lines[i].ToCharArray();
            chars[^10] = chars[^10] == 'A' ? 'B' : 'A';
            lines[i] = new string(chars);
            await route.FulfillAsync(new() { Response = response, Body = string.Join('\n', lines) });
        });

        await page.Locator("#log-check button").ClickAsync();
        await OutcomeAsync(page, "warning");

        Assert.StartsWith("Không xác minh được", await page.Locator("#log-check output").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(scriptErrors);
    }
}
