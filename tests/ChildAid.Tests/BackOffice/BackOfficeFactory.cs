using System.Net;
using System.Text.RegularExpressions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Shared.Time;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace ChildAid.Tests.BackOffice;

/// <summary>The BackOffice web application on the test's own database.</summary>
public sealed class BackOfficeFactory(TestDatabase db, TimeProvider? clock = null) : WebApplicationFactory<ChildAid.BackOffice.Program>
{
    /// <summary>This application's media store: "private" and "public" under one temporary folder, removed on dispose.</summary>
    public string MediaRoot { get; } = Path.Combine(Path.GetTempPath(), "childaid-bo-media-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", db.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", db.ConnectionString);
        builder.UseSetting("Media:Root", Path.Combine(MediaRoot, "private"));
        builder.UseSetting("Media:PublicRoot", Path.Combine(MediaRoot, "public"));
        // Web tests drive the schedule themselves; a background tick would race them.
        builder.UseSetting("ContentSchedule:Enabled", "false");
        builder.UseSetting("Mail:Enabled", "false");
        // Tests run the nightly balance run and the public nutrition figures themselves (BalanceRunner, PublicNutritionProjection).
        builder.UseSetting("BalanceRuns:Enabled", "false");
        builder.UseSetting("PublicNutrition:Enabled", "false");
        // Tests book waiting statement lines themselves (BankStatementRematch, the queue's button); the worker has its own test.
        builder.UseSetting("BankStatements:RematchEnabled", "false");
        // The WHO tables are not in the repository; tests read them from ../shared (check-ups, growth charts).
        // Without ../shared only the growth tests fail (as they say), not every web test.
        builder.UseSetting("Growth:ReferenceFolder", WhoGrowthFolder());
        if (clock is not null) builder.ConfigureServices(s => s.AddSingleton(clock));
    }

    private static string WhoGrowthFolder()
    {
        try { return SharedFolder.WhoGrowth; }
        catch (Exception e) when (e is InvalidOperationException or TypeInitializationException) { return "data/who-growth"; }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(MediaRoot)) Directory.Delete(MediaRoot, recursive: true);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public StaffClient NewClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
}

/// <summary>
/// Base of BackOffice web tests: a fresh database and a fresh application per test, and helpers to make staff
/// users the way an admin would (UserManager from the application's services).
/// </summary>
public abstract class BackOfficeTest(DatabaseProvider provider) : DatabaseTest(provider)
{
    protected const string Password = "Mat-khau-2026";
    protected BackOfficeFactory App { get; private set; } = null!;

    /// <summary>The application's clock; a test class overrides it with a FakeTimeProvider to pin "now".</summary>
    protected virtual TimeProvider? Clock => null;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App = new BackOfficeFactory(Db, Clock);
    }

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await base.DisposeAsync();
    }

    protected async Task<StaffUser> StaffAsync(string userName, string[] roles, params int[] unitIds)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<StaffUserService>().EnsureRolesAsync();
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, FullName = $"Cán bộ {userName}", Email = $"{userName}@childaid.test" };
        AssertOk(await users.CreateAsync(user, Password));
        AssertOk(await users.AddToRolesAsync(user, roles));
        var db = sp.GetRequiredService<ChildAidDbContext>();
        db.StaffUserUnits.AddRange(unitIds.Select(id => new StaffUserUnit { UserId = user.Id, AdminUnitId = id }));
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>
    /// A staff member bound to an organisation — a school's staff, a health station's worker — in one unit, logged in
    /// (StaffScope narrows what they read to that organisation).
    /// </summary>
    protected async Task<StaffClient> LogInBoundAsync(string userName, string role, int unitId, int organisationId)
    {
        var user = await StaffAsync(userName, [role], unitId);
        await using (var db = Db.NewContext())
        {
            (await db.Users.SingleAsync(u => u.Id == user.Id)).OrganisationId = organisationId;
            await db.SaveChangesAsync();
        }
        return await LogInAsync(userName);
    }

    private static void AssertOk(IdentityResult result) => Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));

    /// <summary>Logs in through the form; the user must not need a second factor.</summary>
    protected async Task<StaffClient> LogInAsync(string userName, string password = Password)
    {
        var client = App.NewClient();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>An admin who has enrolled an authenticator, logged in with password and code.</summary>
    protected async Task<StaffClient> LogInAsAdminAsync(string userName = "admin")
    {
        await StaffAsync(userName, [Roles.Admin]);
        var client = await LogInAsync(userName);
        var key = await client.AuthenticatorKeyAsync();
        var enrolled = await client.PostFormAsync("/Account/EnrolTwoFactor", new() { ["Input.Code"] = Totp(key) });
        Assert.Contains("recovery-codes", await enrolled.Content.ReadAsStringAsync());
        return client;
    }

    protected static string Totp(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    protected static DateOnly Today => TimeProvider.System.VietnamToday();

    protected static string Vn(DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Posts real forms: GETs the page first and sends its anti-forgery token back, cookies kept.</summary>
public sealed partial class StaffClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    public async Task<(HttpResponseMessage Response, string Html)> GetAsync(string url)
    {
        var response = await http.GetAsync(url);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public async Task<string> GetPageAsync(string url)
    {
        var (response, html) = await GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {response.Headers.Location}");
        return html;
    }

    /// <summary>GETs <paramref name="pageUrl"/>, then posts <paramref name="fields"/> with its token to <paramref name="postUrl"/> (default: the same page).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, Dictionary<string, string> fields, string? postUrl = null)
    {
        var html = await GetPageAsync(pageUrl);
        return await PostWithTokenAsync(postUrl ?? pageUrl, Token(html), fields);
    }

    public async Task<HttpResponseMessage> PostWithTokenAsync(string url, string token, Dictionary<string, string> fields)
    {
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await http.PostAsync(url, new FormUrlEncodedContent(all));
    }

    /// <summary>Posts a multipart form with one file, as a browser does for &lt;input type="file"&gt;, token included.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string url, string token, Dictionary<string, string> fields, string fileField, string fileName, byte[] bytes, string contentType)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (key, value) in fields) form.Add(new StringContent(value), key);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, fileField, fileName);
        return await http.PostAsync(url, form);
    }

    public async Task<string> FollowAsync(HttpResponseMessage redirect)
    {
        Assert.True(redirect.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)redirect.StatusCode}: {await redirect.Content.ReadAsStringAsync()}");
        return await GetPageAsync(redirect.Headers.Location!.OriginalString);
    }

    /// <summary>The authenticator key shown on the enrolment page, as Identity stores it (base32, upper case).</summary>
    public async Task<string> AuthenticatorKeyAsync()
    {
        var html = await GetPageAsync("/Account/EnrolTwoFactor");
        var m = KeyPattern().Match(html);
        Assert.True(m.Success, "no authenticator key on the enrolment page");
        return m.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
    }

    public static string Token(string html) => Hidden(html, "__RequestVerificationToken");

    /// <summary>The value of the first input named <paramref name="name"/>.</summary>
    public static string Hidden(string html, string name)
    {
        foreach (Match tag in InputTag().Matches(html))
        {
            if (!tag.Value.Contains($"name=\"{name}\"", StringComparison.Ordinal)) continue;
            var value = ValueAttribute().Match(tag.Value);
            return System.Net.WebUtility.HtmlDecode(value.Groups[1].Value);
        }
        throw new InvalidOperationException($"no input named {name}");
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("id=\"authenticator-key\">([^<]+)<")]
    private static partial Regex KeyPattern();

    public void Dispose() => http.Dispose();
}
