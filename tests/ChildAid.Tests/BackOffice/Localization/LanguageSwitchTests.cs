using System.Net;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.BackOffice.Localization;

/// <summary>The staff site's language link: English from then on, back to the same page, never to another site.</summary>
public abstract class LanguageSwitchTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task The_link_switches_to_english_and_returns_to_the_same_page()
    {
        var client = await LogInAsAdminAsync();
        var before = await client.GetPageAsync("/Account/ChangePassword");
        Assert.Contains("<html lang=\"vi\"", before, StringComparison.Ordinal);
        Assert.Contains("href=\"/ngon-ngu/en?returnUrl=%2FAccount%2FChangePassword\"", before, StringComparison.Ordinal);

        var response = await client.Http.GetAsync("/ngon-ngu/en?returnUrl=%2FAccount%2FChangePassword");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/ChangePassword", response.Headers.Location?.OriginalString);
        var after = await client.GetPageAsync("/Account/ChangePassword");
        Assert.Contains("<html lang=\"en\"", after, StringComparison.Ordinal);
        Assert.Contains("<h1>Change password</h1>", after, StringComparison.Ordinal);
        Assert.Contains("lang=\"vi\" hreflang=\"vi\">Tiếng Việt</a>", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_page_switches_without_signing_in_and_keeps_the_query()
    {
        var client = App.NewClient();
        var response = await client.Http.GetAsync("/ngon-ngu/en?returnUrl=" + Uri.EscapeDataString("/Account/Login?ReturnUrl=%2FDonors"));

        Assert.Equal("/Account/Login?ReturnUrl=%2FDonors", response.Headers.Location?.OriginalString);
        var page = await client.GetPageAsync("/Account/Login?ReturnUrl=%2FDonors");
        Assert.Contains("<h1>Log in</h1>", page, StringComparison.Ordinal);
        Assert.Contains("User name or e-mail", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/login")]
    [InlineData("//evil.example/login")]
    [InlineData("/\\evil.example/login")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public async Task A_return_address_on_another_site_goes_home_instead(string returnUrl)
    {
        var client = App.NewClient();

        var response = await client.Http.GetAsync("/ngon-ngu/en?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unknown_language_is_not_found()
    {
        var client = App.NewClient();
        var response = await client.Http.GetAsync("/ngon-ngu/fr?returnUrl=%2F");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Amounts_and_dates_keep_the_vietnamese_format_in_english()
    {
        await using (var db = Db.NewContext())
        {
            var unit = await TestData.UnitAsync(db, "Xa Thu", "99001");
            var donor = await TestData.DonorAsync(db, unit.Id, "Donor One");
            await using var sp = Db.Services();
            await using var scope = Scope(sp, "cli");
            var gifts = scope.ServiceProvider.GetRequiredService<ContributionService>();
            Assert.True((await gifts.RecordAsync(TestData.Cash(donor.Id, unit.Id, 1_234_567))).Succeeded);
        }
        var client = await LogInAsAdminAsync();
        await EnglishPages.SwitchToEnglishAsync(client);

        var page = await client.GetPageAsync("/");

        Assert.Contains("1.234.567 ₫", page, StringComparison.Ordinal);
        Assert.Matches(@"\d{2}/\d{2}/\d{4}", page);
        Assert.Contains("Recent receipts", page, StringComparison.Ordinal);
    }
}

public class LanguageSwitchTestsOnSqlite() : LanguageSwitchTests(DatabaseProvider.Sqlite);

public class LanguageSwitchTestsOnPostgres() : LanguageSwitchTests(DatabaseProvider.Postgres);
