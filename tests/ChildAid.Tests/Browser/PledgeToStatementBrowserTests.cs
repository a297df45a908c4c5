using System.Globalization;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Data;
using ChildAid.Shared.Payments;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Security;
using ChildAid.Shared.Time;
using ChildAid.Tests.BankStatements;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace ChildAid.Tests.Browser;

/// <summary>
/// The whole bank flow as people do it: a donor pledges on a phone and sees the QR code and the transfer details of
/// the campaign's own account; the accountant (password and second factor) imports the bank's statement holding the
/// reference; the gift is on the public statement, and its verified-gift page shows the real amount.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PledgeToStatementBrowserTests(BrowserFixture site)
{
    [Fact]
    public async Task A_pledge_paid_by_transfer_reaches_the_public_statement_and_its_verified_gift_page_through_the_imported_statement()
    {
        var unitCode = Random.Shared.Next(60000, 69999).ToString(CultureInfo.InvariantCulture);
        string slug;
        int unitId, accountId;
        await using (var scope = site.DataScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            unitId = (await TestData.UnitAsync(db, "Xã Ia Đal (sao kê trình duyệt)", code: unitCode)).Id;
            var campaign = await TestData.CampaignAsync(db, "Áo ấm cho em (sao kê trình duyệt)");
            slug = campaign.Slug;
            var account = await BankTestData.AccountAsync(db, unitId, StatementPreset.Vietcombank, "BR-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), campaign.Id);
            account.AccountNumber = "1012345678";
            account.AccountName = "QUY AO AM TRINH DUYET";
            await db.SaveChangesAsync();
            accountId = account.Id;
        }

        // The donor, on a phone: pledge, then the page with the QR code and the campaign's own account as text.
        var donor = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await donor.GotoAsync(site.PublicUrl + "/ung-ho?chien-dich=" + slug);
        await donor.GetByRole(AriaRole.Radio, new() { Name = "500.000 ₫" }).CheckAsync();
        await donor.Locator("#f-Name").FillAsync("Lò Thị Mai Sao Kê");
        await donor.Locator("input[name='Input.Display'][value='name-amount']").CheckAsync();
        await donor.Locator("#f-Email").FillAsync("mai.saoke@example.com");
        await donor.Locator("main form button[type=submit]").ClickAsync();
        await donor.WaitForURLAsync(url => url.Contains("/ung-ho/cam-ket/CA", StringComparison.Ordinal));
        var reference = donor.Url[(donor.Url.LastIndexOf('/') + 1)..];
        var pledgePage = await donor.Locator("main").InnerTextAsync();
        foreach (var text in new[] { "500.000 ₫", "1012345678", "QUY AO AM TRINH DUYET", reference })
            Assert.Contains(text, pledgePage, StringComparison.Ordinal);
        Assert.DoesNotContain(VietQrAccount.Demo.AccountNumber, pledgePage, StringComparison.Ordinal);
        Assert.True(await donor.Locator("figure.vietqr img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR image did not load");

        // BackOffice's worker makes the pledge (here for this test's receiving unit only, so other tests' rows stay as they are).
        await ProcessAsync(reference, unitCode);

        // The accountant downloads the statement from the bank and imports it.
        var file = Path.Combine(Path.GetTempPath(), $"sao-ke-{reference}.csv");
        var today = VietnamClock.VietnamToday(TimeProvider.System).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(file,
            "Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Số dư,Mô tả\n" +
            $"{today},FT{Random.Shared.Next(10_000_000, 99_999_999)},,\"500,000\",\"10,500,000\",\"MBVCB.3278907687.{reference} ung ho ao am.CT tu 0123456789 LO THI MAI\"\n");
        var userName = $"ketoan{Guid.NewGuid():N}"[..20];
        var accountant = await site.CreateStaffAsync(userName, [Roles.Accountant], unitId);
        var staff = await site.NewPageAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await site.LogInWithSecondFactorAsync(staff, accountant);
        await staff.GotoAsync(site.BackOfficeUrl + $"/BankStatements/Import?accountId={accountId}");
        await staff.Locator("#Upload").SetInputFilesAsync(file);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Nhập sao kê" }).ClickAsync();
        try { await staff.Locator("#import-report").WaitForAsync(new() { Timeout = 30_000 }); }
        catch (TimeoutException) { Assert.Fail("no import report: " + await staff.InnerTextAsync("main")); }
        Assert.Contains("Đã ghi nhận 1 khoản theo mã cam kết", await staff.Locator("#import-report").InnerTextAsync(), StringComparison.Ordinal);
        File.Delete(file);

        string receipt, token;
        await using (var scope = site.DataScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var gift = await db.Contributions.IgnoreQueryFilters().SingleAsync(c => c.Pledge!.Reference == reference);
            (receipt, token) = (gift.ReceiptNumber, gift.VerifyToken!);
        }

        // The public: the gift on the statement (found without diacritics), and the verified-gift page with the real amount.
        var statement = "";
        for (var attempt = 0; attempt < 20 && !statement.Contains(receipt, StringComparison.Ordinal); attempt++)
        {
            if (attempt > 0) await Task.Delay(500);
            await donor.GotoAsync(site.PublicUrl + "/sao-ke?q=" + Uri.EscapeDataString("lo thi mai sao ke"));
            statement = await donor.InnerTextAsync("main");
        }
        Assert.Contains(receipt, statement, StringComparison.Ordinal);
        Assert.Contains("500.000 ₫", statement, StringComparison.Ordinal);
        await donor.GotoAsync(site.PublicUrl + "/xac-minh/" + token);
        var verified = await donor.InnerTextAsync("main");
        Assert.Contains("500.000 ₫", verified, StringComparison.Ordinal);
        Assert.Contains(receipt, verified, StringComparison.Ordinal);
    }

    private async Task ProcessAsync(string reference, string unitCode)
    {
        Guid intakeId;
        await using (var scope = site.DataScope())
            intakeId = await scope.ServiceProvider.GetRequiredService<ChildAidDbContext>().PledgeIntake.Where(i => i.Reference == reference).Select(i => i.Id).SingleAsync();
        var services = site.BackOfficeServices;
        var processor = ActivatorUtilities.CreateInstance<PledgeIntakeProcessor>(services,
            Options.Create(new PledgeOptions { ReceivingUnitCode = unitCode }), NullLogger<PledgeIntakeProcessor>.Instance);
        Assert.Equal(PledgeIntakeOutcome.Pledged, await processor.ProcessAsync(intakeId));
    }
}
