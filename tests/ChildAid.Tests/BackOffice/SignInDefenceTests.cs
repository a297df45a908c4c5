using System.Net;
using System.Text.RegularExpressions;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.BackOffice;

/// <summary>Sign-in tells a stranger nothing about which accounts exist, and a stranger cannot lock staff out cheaply.</summary>
public abstract partial class SignInDefenceTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private const string Login = "/Account/Login";
    private SignInSite _site = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _site = new SignInSite(App);
    }

    private async Task<StaffUser> OfficerAsync(string userName = "canbo")
    {
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        return await StaffAsync(userName, [Roles.CommuneOfficer], unit.Id);
    }

    [Fact]
    public async Task Known_and_unknown_accounts_cost_one_password_check_and_get_the_same_answer()
    {
        await OfficerAsync();
        var client = _site.From("198.51.100.1");

        _site.PasswordChecks.Reset();
        var known = await client.PostFormAsync(Login, SignInSite.LogInForm("canbo", "sai-mat-khau-1"));
        var knownChecks = _site.PasswordChecks.Count;
        _site.PasswordChecks.Reset();
        var unknown = await client.PostFormAsync(Login, SignInSite.LogInForm("khong-ton-tai", "sai-mat-khau-1"));
        var unknownChecks = _site.PasswordChecks.Count;

        Assert.Equal(1, knownChecks);
        Assert.Equal(1, unknownChecks);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        var knownHtml = WithoutValues(await known.Content.ReadAsStringAsync());
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", knownHtml);
        Assert.Equal(knownHtml, WithoutValues(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_unknown_account_locks_after_as_many_failures_as_a_real_one()
    {
        await OfficerAsync();

        async Task<string> LastOfFailuresAsync(string userName, int block)
        {
            var html = "";
            // Each attempt from its own address, so only the account lock-out is at work.
            for (var i = 0; i < StaffIdentity.MaxFailedAttempts; i++)
                html = await (await _site.From($"10.{block}.0.{i + 1}").PostFormAsync(Login, SignInSite.LogInForm(userName, "sai-mat-khau"))).Content.ReadAsStringAsync();
            return html;
        }
        var real = await LastOfFailuresAsync("canbo", 1);
        var phantom = await LastOfFailuresAsync("khong-ton-tai", 2);

        Assert.Contains("tạm bị khóa", real);
        Assert.Contains("tạm bị khóa", phantom);
        Assert.Equal(WithoutValues(real), WithoutValues(phantom));
    }

    [Fact]
    public async Task Five_wrong_passwords_from_a_strangers_address_do_not_lock_the_staff_member_out()
    {
        await OfficerAsync();
        var stranger = _site.From("203.0.113.7");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++) answers.Add(await stranger.PostFormAsync(Login, SignInSite.LogInForm("canbo", "doan-mo-" + i)));
        var staff = await _site.From("198.51.100.20").PostFormAsync(Login, SignInSite.LogInForm("canbo", Password));

        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
        Assert.Equal("/", staff.Headers.Location!.OriginalString);
        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.All(answers.Skip(3), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.NotNull(answers[3].Headers.RetryAfter?.Delta);
        Assert.Contains("Vui lòng chờ", await answers[4].Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Failures_from_one_address_wait_longer_each_time_and_the_account_still_locks_in_the_end()
    {
        var user = await OfficerAsync();
        var client = _site.From("203.0.113.9");

        var waits = new List<TimeSpan>();
        var evaluated = 0;
        var last = "";
        for (var guard = 0; evaluated < StaffIdentity.MaxFailedAttempts && guard < 100; guard++)
        {
            var answer = await client.PostFormAsync(Login, SignInSite.LogInForm("canbo", "sai-mat-khau"));
            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = answer.Headers.RetryAfter!.Delta!.Value;
                waits.Add(wait);
                _site.Clock.Advance(wait);
                continue;
            }
            evaluated++;
            last = await answer.Content.ReadAsStringAsync();
        }
        var right = await _site.From("198.51.100.30").PostFormAsync(Login, SignInSite.LogInForm("canbo", Password));

        Assert.Contains("tạm bị khóa", last);
        Assert.True(waits.Count >= 3, $"expected growing waits, got {waits.Count}");
        Assert.True(waits.Zip(waits.Skip(1)).All(p => p.Second > p.First), string.Join(", ", waits));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("tạm bị khóa", await right.Content.ReadAsStringAsync());
        await using var db = Db.NewContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == SignInEvents.LockedOut && a.UserId == user.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == SignInEvents.Throttled));
    }

    [Fact]
    public async Task Sign_in_successes_and_failures_are_in_the_audit_log()
    {
        var user = await OfficerAsync();
        var client = _site.From("198.51.100.40");

        await client.PostFormAsync(Login, SignInSite.LogInForm("canbo", "sai-mat-khau"));
        await client.PostFormAsync(Login, SignInSite.LogInForm("khong-ton-tai", "sai-mat-khau"));
        var ok = await client.PostFormAsync(Login, SignInSite.LogInForm("canbo", Password));

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        await using var db = Db.NewContext();
        var events = await db.AuditEntries.Where(a => a.EntityType == SignInEvents.EntityType).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([SignInEvents.Failed, SignInEvents.Failed, SignInEvents.Succeeded], events.Select(e => e.Action));
        Assert.Equal([user.Id, null, user.Id], events.Select(e => e.UserId));
        Assert.All(events, e => Assert.Contains("198.51.100.40", e.After));
        Assert.DoesNotContain(events, e => (e.After ?? "").Contains("sai-mat-khau", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_factor_and_recovery_code_sign_ins_are_in_the_audit_log()
    {
        var user = await OfficerAsync("ketoan");
        var client = _site.From("198.51.100.50");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Login, SignInSite.LogInForm("ketoan", Password))).StatusCode);
        var key = await client.AuthenticatorKeyAsync();
        var enrolled = await (await client.PostFormAsync("/Account/EnrolTwoFactor", new() { ["Input.Code"] = Totp(key) })).Content.ReadAsStringAsync();
        var recovery = Regex.Match(enrolled, "<li><code>([^<]+)</code></li>").Groups[1].Value;

        async Task<HttpResponseMessage> SecondStepAsync(Dictionary<string, string> fields)
        {
            var browser = _site.From("198.51.100.51");
            var step = (await browser.PostFormAsync(Login, SignInSite.LogInForm("ketoan", Password))).Headers.Location!.OriginalString;
            return await browser.PostFormAsync(step, fields);
        }
        await SecondStepAsync(new() { ["Input.Code"] = Totp(key) == "000000" ? "111111" : "000000" });
        await SecondStepAsync(new() { ["Input.RecoveryCode"] = recovery });
        await SecondStepAsync(new() { ["Input.RecoveryCode"] = recovery });

        await using var db = Db.NewContext();
        var actions = await db.AuditEntries.Where(a => a.EntityType == SignInEvents.EntityType && a.UserId == user.Id).Select(a => a.Action).ToListAsync();
        Assert.Contains(SignInEvents.TwoFactorEnabled, actions);
        Assert.Contains(SignInEvents.TwoFactorFailed, actions);
        Assert.Contains(SignInEvents.RecoveryCodeUsed, actions);
        Assert.Contains(SignInEvents.RecoveryCodeFailed, actions);
    }

    /// <summary>The page without attribute values (anti-forgery token, the echoed user name).</summary>
    private static string WithoutValues(string html) => AttributeValue().Replace(html, "value=\"\"");

    [GeneratedRegex("value=\"[^\"]*\"")]
    private static partial Regex AttributeValue();
}

public class SignInDefenceTestsOnSqlite() : SignInDefenceTests(DatabaseProvider.Sqlite);

public class SignInDefenceTestsOnPostgres() : SignInDefenceTests(DatabaseProvider.Postgres);
