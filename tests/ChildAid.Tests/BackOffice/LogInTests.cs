using System.Net;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.BackOffice;

public abstract class LogInTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task Pages_need_a_log_in_but_health_does_not()
    {
        var client = App.NewClient();

        var (home, _) = await client.GetAsync("/Donors");
        var (health, body) = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", home.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", body);
    }

    [Fact]
    public async Task Sign_in_pages_are_rate_limited_per_address_but_other_pages_are_not()
    {
        var client = App.NewClient();

        for (var i = 0; i < ChildAid.BackOffice.Security.SignInRateLimit.RequestsPerWindow; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).Response.StatusCode);
        var (refused, message) = await client.GetAsync("/Account/Login");
        var (health, _) = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Quá nhiều lần đăng nhập", message);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Staff_member_logs_in_with_the_right_password_and_sees_the_dashboard()
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        await StaffAsync("canbo", [Roles.ProgrammeOfficer], unit.Id);

        var client = await LogInAsync("canbo");
        var html = await client.GetPageAsync("/");

        Assert.Contains("Tổng quan năm", html);
        Assert.Contains("canbo", html);
    }

    // The account lock-out and the per-address throttle in front of it: SignInDefenceTests.

    [Fact]
    public async Task Admin_without_two_factor_is_kept_on_enrolment_then_needs_the_code_at_every_log_in()
    {
        await StaffAsync("quantri", [Roles.Admin]);
        var client = await LogInAsync("quantri");

        var (donors, _) = await client.GetAsync("/Donors");
        Assert.Equal(HttpStatusCode.Redirect, donors.StatusCode);
        Assert.Equal("/Account/EnrolTwoFactor", donors.Headers.Location!.OriginalString);
        var (users, _) = await client.GetAsync("/Users");
        Assert.Equal("/Account/EnrolTwoFactor", users.Headers.Location!.OriginalString);

        var key = await client.AuthenticatorKeyAsync();
        var wrong = await client.PostFormAsync("/Account/EnrolTwoFactor", new() { ["Input.Code"] = "000000" == Totp(key) ? "111111" : "000000" });
        Assert.Contains("Mã xác thực không đúng", await wrong.Content.ReadAsStringAsync());
        var enrolled = await client.PostFormAsync("/Account/EnrolTwoFactor", new() { ["Input.Code"] = Totp(key) });
        Assert.Contains("recovery-codes", await enrolled.Content.ReadAsStringAsync());
        Assert.Contains("Nhà tài trợ", await client.GetPageAsync("/Donors"));

        var loggedOut = await client.PostFormAsync("/", [], "/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        var again = App.NewClient();
        var password = await again.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "quantri", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var secondStep = password.Headers.Location!.OriginalString;
        Assert.StartsWith("/Account/LoginWith2fa", secondStep);
        var (notYet, _) = await again.GetAsync("/Donors");
        Assert.Equal(HttpStatusCode.Redirect, notYet.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", notYet.Headers.Location!.ToString());

        var badCode = await again.PostFormAsync(secondStep, new() { ["Input.Code"] = "000000" == Totp(key) ? "111111" : "000000" });
        Assert.Contains("Mã xác thực không đúng hoặc đã hết hạn.", await badCode.Content.ReadAsStringAsync());
        var code = await again.PostFormAsync(secondStep, new() { ["Input.Code"] = Totp(key) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Contains("Người dùng", await again.GetPageAsync("/Users"));
    }
}

public abstract class RecoveryCodeTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task Recovery_code_logs_in_once_without_the_phone()
    {
        await StaffAsync("ketoan", [Roles.Accountant], await UnitIdAsync());
        var client = await LogInAsync("ketoan");
        var key = await client.AuthenticatorKeyAsync();
        var enrolled = await (await client.PostFormAsync("/Account/EnrolTwoFactor", new() { ["Input.Code"] = Totp(key) })).Content.ReadAsStringAsync();
        var recovery = System.Text.RegularExpressions.Regex.Match(enrolled, "<li><code>([^<]+)</code></li>").Groups[1].Value;
        Assert.NotEmpty(recovery);

        async Task<HttpResponseMessage> WithRecoveryAsync()
        {
            var browser = App.NewClient();
            var step = (await browser.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = "ketoan", ["Input.Password"] = Password })).Headers.Location!.OriginalString;
            return await browser.PostFormAsync(step, new() { ["Input.RecoveryCode"] = recovery });
        }
        var first = await WithRecoveryAsync();
        var second = await WithRecoveryAsync();

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Mã khôi phục không đúng hoặc đã được dùng.", await second.Content.ReadAsStringAsync());
    }

    private async Task<int> UnitIdAsync()
    {
        await using var db = Db.NewContext();
        return (await TestData.UnitAsync(db)).Id;
    }
}

public class RecoveryCodeTestsOnSqlite() : RecoveryCodeTests(DatabaseProvider.Sqlite);

public class RecoveryCodeTestsOnPostgres() : RecoveryCodeTests(DatabaseProvider.Postgres);

public class LogInTestsOnSqlite() : LogInTests(DatabaseProvider.Sqlite);

public class LogInTestsOnPostgres() : LogInTests(DatabaseProvider.Postgres);
