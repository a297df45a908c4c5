using System.Net.Http.Json;
using System.Text.Json;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Data;
using ChildAid.Tests.BankStatements;
using ChildAid.Tests.PublicSite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// Decree 93: a campaign may collect into its own account. A pledge to such a campaign shows that account, beside a QR
/// code that pays it; a pledge to any other campaign shows the configured account (PublicSite:Giving).
/// </summary>
public abstract class CampaignReceivingAccountTests(DatabaseProvider provider) : PublicSiteTest(provider)
{
    private const string OtherSlug = "bua-trua-2026";

    private WebApplicationFactory<ChildAid.PublicSite.Program> WithConfiguredAccount() => Site.WithWebHostBuilder(b =>
    {
        b.UseSetting("PublicSite:Giving:BankName", "Ngân hàng Thử");
        b.UseSetting("PublicSite:Giving:AccountNumber", "0123 4567 89");
        b.UseSetting("PublicSite:Giving:AccountName", "BAN VAN DONG THU");
        b.UseSetting("PublicSite:Giving:BankBin", "970422");
    });

    /// <summary>Two campaigns; the first collects into its own account (and a later account naming it does not count).</summary>
    private async Task ArrangeAsync()
    {
        var own = await CampaignAsync(slug: PledgeFormTests.Slug);
        await CampaignAsync("Bữa trưa có thịt", slug: OtherSlug);
        var unit = await UnitAsync();
        await WithDbAsync(async db =>
        {
            var account = await BankTestData.AccountAsync(db, unit, StatementPreset.Vietcombank, "VCB-AOAM", own.Id);
            account.AccountNumber = "1012345678";
            account.AccountName = "QUY AO AM CHO EM";
            var later = await BankTestData.AccountAsync(db, unit, StatementPreset.Vietcombank, "VCB-SAU", own.Id);
            later.AccountNumber = "9999999999";
            return await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task A_pledge_to_a_campaign_with_its_own_account_shows_that_account_and_a_pledge_to_another_campaign_the_configured_one()
    {
        await ArrangeAsync();
        using var site = WithConfiguredAccount();
        var client = PledgeFormTests.NoRedirects(site);

        var own = PledgeFormTests.ReferenceIn((await PledgeFormTests.PostFormAsync(client, PledgeFormTests.Answers())).Response);
        var other = PledgeFormTests.ReferenceIn((await PledgeFormTests.PostFormAsync(client, PledgeFormTests.Answers(OtherSlug), "?chien-dich=" + OtherSlug)).Response);
        var ownPage = await GetHtmlAsync(client, $"/ung-ho/cam-ket/{own}");
        var otherPage = await GetHtmlAsync(client, $"/ung-ho/cam-ket/{other}");

        foreach (var text in new[] { "Vietcombank", "1012345678", "QUY AO AM CHO EM" }) Assert.Contains(text, ownPage, StringComparison.Ordinal);
        foreach (var text in new[] { "0123 4567 89", "BAN VAN DONG THU", "9999999999" }) Assert.DoesNotContain(text, ownPage, StringComparison.Ordinal);
        foreach (var text in new[] { "Ngân hàng Thử", "0123 4567 89", "BAN VAN DONG THU" }) Assert.Contains(text, otherPage, StringComparison.Ordinal);
        Assert.DoesNotContain("1012345678", otherPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_answers_with_a_VietQR_payload_that_pays_the_campaigns_own_account()
    {
        await ArrangeAsync();
        using var site = WithConfiguredAccount();
        var client = site.CreateClient();
        object Pledge(string campaign) => new
        {
            campaign, amount = 250_000, currency = "VND", display = "anonymous", donor = new { kind = "individual", email = "an@example.com" },
        };

        using var own = JsonDocument.Parse(await (await client.PostAsJsonAsync("/api/v1/pledges", Pledge(PledgeFormTests.Slug))).Content.ReadAsStringAsync());
        using var other = JsonDocument.Parse(await (await client.PostAsJsonAsync("/api/v1/pledges", Pledge(OtherSlug))).Content.ReadAsStringAsync());

        var ownPayload = own.RootElement.GetProperty("vietqr").GetProperty("payload").GetString()!;
        var otherPayload = other.RootElement.GetProperty("vietqr").GetProperty("payload").GetString()!;
        // Tag 38's beneficiary: BIN (00 06) then account number (01 len).
        Assert.Contains("0006970436" + "01101012345678", ownPayload, StringComparison.Ordinal);
        Assert.Contains("0006970422" + "01100123456789", otherPayload, StringComparison.Ordinal);
        var reference = own.RootElement.GetProperty("reference").GetString();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync($"/api/v1/pledges/{reference}/qr.svg")).StatusCode);
    }

    [Fact]
    public async Task A_campaign_account_changed_by_staff_is_the_one_the_next_API_pledge_pays_into()
    {
        await ArrangeAsync();
        using var site = WithConfiguredAccount();
        var client = site.CreateClient();
        async Task<string> PayloadAsync()
        {
            var pledge = new { campaign = PledgeFormTests.Slug, amount = 250_000, currency = "VND", display = "anonymous", donor = new { kind = "individual", email = "an@example.com" } };
            using var json = JsonDocument.Parse(await (await client.PostAsJsonAsync("/api/v1/pledges", pledge)).Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("vietqr").GetProperty("payload").GetString()!;
        }

        var before = await PayloadAsync();
        var again = await PayloadAsync();
        // Staff correct the account number (BackOffice's context bumps the public data version).
        await WithDbAsync(async db =>
        {
            var account = await db.BankAccounts.SingleAsync(a => a.AccountNumber == "1012345678");
            account.AccountNumber = "2020202020";
            return await db.SaveChangesAsync();
        });
        var after = await PayloadAsync();

        Assert.Contains("0006970436" + "01101012345678", before, StringComparison.Ordinal);
        Assert.Contains("0006970436" + "01101012345678", again, StringComparison.Ordinal);
        Assert.Contains("0006970436" + "01102020202020", after, StringComparison.Ordinal);
    }
}

public class CampaignReceivingAccountTestsOnSqlite() : CampaignReceivingAccountTests(DatabaseProvider.Sqlite);

public class CampaignReceivingAccountTestsOnPostgres() : CampaignReceivingAccountTests(DatabaseProvider.Postgres);
