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
    /// <param name="witnesses">Witnesses in the checkpoint's policy (quorum: all), and whether each cosigned it with its own key.</param>
    private async Task<(IPage Page, List<string> ScriptErrors, NoteSigner Key)> GiftInASignedCheckpointAsync(params (string Name, bool Cosigns)[] witnesses)
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
            var witnessKeys = witnesses.Select(w => (w.Name, w.Cosigns, Key: NSec.Cryptography.Key.Create(NSec.Cryptography.SignatureAlgorithm.Ed25519))).ToList();
            var (checkpoint, at) = await SignCheckpointAsync(site, db, key, [.. witnessKeys.Select(w => new WitnessOptions
            {
                Name = w.Name, Key = new WitnessKey(w.Name, w.Key.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey)).VerifierKey,
                Url = "http://witness.invalid/" + w.Name,
            })]);
            var text = checkpoint.Note[..(checkpoint.Note.LastIndexOf("\n\n", StringComparison.Ordinal) + 1)];
            foreach (var (name, cosigns, witnessKey) in witnessKeys)
            {
                using var _ = witnessKey;
                if (!cosigns) continue;
                var time = at.ToUnixTimeSeconds() + 5;
                db.LogCosignatures.Add(new LogCosignature
                {
                    CheckpointId = checkpoint.Id, Witness = name,
                    WitnessKey = new WitnessKey(name, witnessKey.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey)).VerifierKey,
                    SignatureLine = Cosignature.Sign(text, name, witnessKey, time), Timestamp = time, ReceivedAt = DateTime.UtcNow,
                });
            }
            await db.SaveChangesAsync();
        }
        var page = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        await page.GotoAsync(site.PublicUrl + VerifiedGift.PathPrefix + gift.VerifyToken);
        return (page, scriptErrors, key);
    }

    /// <summary>
    /// Signs a checkpoint of the whole ledger with <paramref name="key"/> (witness quorum: all of <paramref name="witnesses"/>), as the
    /// BackOffice worker would, and returns it with the time it was signed at.
    /// </summary>
    internal static async Task<(LogCheckpoint Checkpoint, DateTimeOffset At)> SignCheckpointAsync(BrowserFixture site, ChildAidDbContext db, NoteSigner key,
        IReadOnlyList<WitnessOptions> witnesses)
    {
        // Signed a year (or more) from now, after any checkpoint another test signed, so none keeps this one waiting for the hour.
        var latest = await db.LogCheckpoints.OrderByDescending(c => c.SignedAt).Select(c => (DateTime?)c.SignedAt).FirstOrDefaultAsync();
        var at = new DateTimeOffset(latest is { } l && l > DateTime.UtcNow ? l : DateTime.UtcNow, TimeSpan.Zero).AddYears(1);
        var options = new TransparencyLogOptions { SigningKey = key.PrivateKeyText, WitnessQuorum = "all", Witnesses = [.. witnesses] };
        var signer = new CheckpointSigner(db, new LogAppender(db), Options.Create(options),
            Options.Create(new PublicSiteLinkOptions { BaseUrl = site.PublicUrl }), new FakeTimeProvider(at));
        var checkpoint = (await signer.SignIfDueAsync()).Signed;
        Assert.NotNull(checkpoint);
        return (checkpoint, at);
    }

    /// <summary>Waits for the check's outcome; when another comes (or none), the failure says what the page showed.</summary>
    internal static async Task OutcomeAsync(IPage page, string expected)
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

    [Fact]
    public async Task The_check_counts_the_witnesses_cosignatures_against_the_policys_quorum()
    {
        var (page, scriptErrors, key) = await GiftInASignedCheckpointAsync(("tinh.example/witness", true), ("daihoc.example/witness", true));
        using (key)
        {
            await page.Locator("#log-check button").ClickAsync();
            await OutcomeAsync(page, "verified");
            Assert.EndsWith("2/2 nhân chứng độc lập đã ký xác nhận điểm kiểm này (chính sách cần 2).", await page.Locator("#log-check output").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Empty(scriptErrors);
        }

        // One of the two never cosigned: the entry is still included and signed, but the page says the quorum is not met.
        var (short_, shortErrors, shortKey) = await GiftInASignedCheckpointAsync(("tinh.example/witness", true), ("daihoc.example/witness", false));
        using (shortKey)
        {
            await short_.Locator("#log-check button").ClickAsync();
            await OutcomeAsync(short_, "warning");
            var said = await short_.Locator("#log-check output").InnerTextAsync();
            Assert.StartsWith("Đã xác minh trên trình duyệt của bạn", said, StringComparison.Ordinal);
            Assert.Contains("1/2 nhân chứng độc lập", said, StringComparison.Ordinal);
            Assert.EndsWith("Chưa đủ nhân chứng theo chính sách: điểm kiểm này chưa được xác nhận độc lập.", said, StringComparison.Ordinal);
            Assert.Empty(shortErrors);
        }
    }
}
