using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace ChildAid.Tests.Browser;

/// <summary>
/// Both real applications on real Kestrel (random loopback ports) over one fresh migrated database, and
/// Debian's Chromium driven by Playwright. Shared by every test in the "Browser" collection:
/// <code>
/// [Collection(BrowserCollection.Name)]
/// public class MyBrowserTests(BrowserFixture site)
/// {
///     [Fact] public async Task Something()
///     {
///         var page = await site.NewPageAsync();
///         await page.GotoAsync(site.BackOfficeUrl + "/...");
///     }
/// }
/// </code>
/// Chromium is never skipped: if <see cref="ChromiumPath"/> is missing, every browser test fails saying so.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium (apt package <c>chromium</c>); override with CHILDAID_CHROMIUM.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHILDAID_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static readonly IReadOnlyList<string> ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>The provider the sites run on. SQLite by default; derive and override to run on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public TestDatabase Database { get; private set; } = null!;
    /// <summary>Both sites' media store (private and public areas) under one temporary folder.</summary>
    public string MediaRoot { get; } = Path.Combine(Path.GetTempPath(), "childaid-browser-media-" + Guid.NewGuid().ToString("N"));
    /// <summary>The key both sites sign and check draft preview links with.</summary>
    private static readonly string PreviewKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    public WebApplication PublicSite { get; private set; } = null!;
    public WebApplication BackOffice { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Base address without trailing slash, e.g. http://127.0.0.1:41234.</summary>
    public string PublicUrl { get; private set; } = "";
    public string BackOfficeUrl { get; private set; } = "";

    /// <summary>BackOffice's own services (UserManager&lt;StaffUser&gt;, ChildAidDbContext …): use a scope.</summary>
    public IServiceProvider BackOfficeServices => BackOffice.Services;
    public IServiceProvider PublicSiteServices => PublicSite.Services;

    /// <summary>A DI scope of the running BackOffice, e.g. to create a staff user with its UserManager.</summary>
    public AsyncServiceScope BackOfficeScope() => BackOffice.Services.CreateAsyncScope();

    public const string StaffPassword = "Mat-khau-trinh-duyet-2026";

    /// <summary>
    /// Makes a staff user through BackOffice's own Identity services (roles created if missing) with the given units,
    /// as an admin would. Admins must enrol two-factor at first log-in, so browser tests normally use other roles.
    /// </summary>
    public async Task<StaffUser> CreateStaffAsync(string userName, string[] roles, params int[] unitIds)
    {
        await using var scope = BackOfficeScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<AuditActor>().Name = "browser-test";
        var roleManager = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in roles)
            if (!await roleManager.RoleExistsAsync(role)) Ok(await roleManager.CreateAsync(new IdentityRole(role)));
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, FullName = $"Cán bộ {userName}", Email = $"{userName}@childaid.test", EmailConfirmed = true };
        Ok(await users.CreateAsync(user, StaffPassword));
        Ok(await users.AddToRolesAsync(user, roles));
        var db = sp.GetRequiredService<ChildAidDbContext>();
        db.StaffUserUnits.AddRange(unitIds.Select(id => new StaffUserUnit { UserId = user.Id, AdminUnitId = id }));
        await db.SaveChangesAsync();
        // Tests make units just before their staff; BackOffice caches the unit tree for 30 s, so let it reload.
        sp.GetRequiredService<StaffScope>().Forget();
        return user;
    }

    /// <summary>Logs in through BackOffice's log-in form in <paramref name="page"/> and waits to leave it.</summary>
    public async Task LogInAsync(IPage page, string userName, string password = StaffPassword)
    {
        await page.GotoAsync(BackOfficeUrl + "/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.Locator("form button[type=submit]").First.ClickAsync();
        // A first sign-in while the whole suite starts up can take longer than a click should (password hashing, the
        // first compile of the landing page): wait up to 30 s, and on failure say what the page shows instead. Leaving the
        // form is what counts (Commit), not the landing page's load event: a loaded machine once took over 30 s to load it.
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase),
                new PageWaitForURLOptions { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException) { Assert.Fail($"sign-in of {userName} stayed on {page.Url}: " + await page.InnerTextAsync("body")); }
    }

    /// <summary>
    /// Logs in with password and a second factor, as admins (and any staff who enrolled) must: enrols an authenticator
    /// as the enrolment page would, then signs in with a code from it.
    /// </summary>
    public async Task LogInWithSecondFactorAsync(IPage page, StaffUser user)
    {
        // Admins must use two factors: enrol an authenticator as the enrolment page would, then sign in with a code.
        string key;
        await using (var scope = BackOfficeScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            await users.ResetAuthenticatorKeyAsync(stored);
            key = (await users.GetAuthenticatorKeyAsync(stored))!;
            await users.SetTwoFactorEnabledAsync(stored, true);
        }
        // Each browser context is its own client address (BrowserFixture.NewPageAsync), so another test's failed
        // sign-ins never throttle this one; if the second factor is not reached, say what the page showed.
        await page.GotoAsync(BackOfficeUrl + "/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(user.UserName!);
        await page.Locator("input[name='Input.Password']").FillAsync(StaffPassword);
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        try { await page.WaitForURLAsync(url => url.Contains("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase)); }
        catch (TimeoutException) { Assert.Fail("sign-in did not reach the second factor: " + await page.InnerTextAsync("main")); }
        await page.Locator("input[name='Input.Code']").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A scope of the full data context as the CLI has it (no unit restriction), e.g. for TestData builders.</summary>
    public AsyncServiceScope DataScope()
    {
        var scope = BackOfficeScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "browser-test";
        return scope;
    }

    private static void Ok(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));

    public virtual async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}. Browser tests need Debian's Chromium: run `bash tests/run.sh` " +
                "(it runs `apt-get install -y chromium`) or set CHILDAID_CHROMIUM to a Chromium binary. Browser tests are never skipped.");

        Database = await TestDatabase.CreateAsync(Provider);
        // PublicSite fetches draft previews from BackOffice, which starts second: give BackOffice its port up front.
        var backOfficeUrl = $"http://127.0.0.1:{FreePort()}";
        (PublicSite, PublicUrl) = await StartAsync("ChildAid.PublicSite", "PublicSite",
            args => ChildAid.PublicSite.Program.Build([.. args, $"--Preview:BackOfficeUrl={backOfficeUrl}", .. DemoAccount]), Database.PublicConnectionString);
        // Receipts link (QR code) to this PublicSite, as the `run` verb arranges. BackOffice believes X-Forwarded-For from
        // the loopback address, as it would from a reverse proxy, so each browser context can be its own client (NewPageAsync).
        (BackOffice, BackOfficeUrl) = await StartAsync("ChildAid.BackOffice", "BackOffice",
            args => ChildAid.BackOffice.BackOfficeApp.Build([.. args, $"--PublicSite:BaseUrl={PublicUrl}", "--ForwardedHeaders:KnownProxies=127.0.0.1",
                $"--Preview:PublicSiteUrl={PublicUrl}", $"--urls={backOfficeUrl}", $"--Growth:ReferenceFolder={SharedFolder.WhoGrowth}",
                // The tests write the public figures they look at; the hourly projection would replace them.
                "--PublicNutrition:Enabled=false", "--BalanceRuns:Enabled=false"]),
            Database.ConnectionString);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>The demo receiving account (as `run` configures it), so pledge pages show their VietQR code and transfer details.</summary>
    private static readonly string[] DemoAccount =
    [
        $"--PublicSite:Giving:BankName={ChildAid.Shared.Payments.VietQrAccount.Demo.BankName}",
        $"--PublicSite:Giving:AccountNumber={ChildAid.Shared.Payments.VietQrAccount.Demo.AccountNumber}",
        $"--PublicSite:Giving:AccountName={ChildAid.Shared.Payments.VietQrAccount.Demo.AccountName}",
        $"--PublicSite:Giving:BankBin={ChildAid.Shared.Payments.VietQrAccount.Demo.BankBin}",
    ];

    private int _clients;

    /// <summary>
    /// A page in its own browser context (own cookies), Vietnamese locale, phone-sized unless told otherwise. Each
    /// context is its own client address (<see cref="ClientAddressOf"/>), as different people's browsers are: the
    /// per-address sign-in throttle and rate limit stay real, and one test's failed sign-ins never hold back another's.
    /// </summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions
        {
            Locale = "vi-VN",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        };
        var client = ClientAddressOf(Interlocked.Increment(ref _clients));
        options.ExtraHTTPHeaders = [.. options.ExtraHTTPHeaders ?? [], new("X-Forwarded-For", client)];
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        lock (_contexts) _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>The address BackOffice sees for the <paramref name="n"/>th browser context: 10.0.0.1, 10.0.0.2 …</summary>
    public static string ClientAddressOf(int n) => $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";

    /// <summary>Saves a full-page PNG under the temp folder and returns its path (useful on failure too).</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "childaid-screenshots");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"{name}-{DateTime.UtcNow:yyyyMMddHHmmssfff}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<(WebApplication App, string Url)> StartAsync(string applicationName, string projectFolder,
        Func<string[], WebApplication> build, string connectionString)
    {
        var contentRoot = Path.Combine(RepositoryRoot, projectFolder);
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--applicationName={applicationName}",
            $"--contentRoot={contentRoot}",
            "--environment=Development",
            $"--Database:Provider={Provider}",
            $"--Database:ConnectionString={connectionString}",
            "--Logging:LogLevel:Default=Warning",
            $"--Media:Root={Path.Combine(MediaRoot, "private")}",
            $"--Media:PublicRoot={Path.Combine(MediaRoot, "public")}",
            $"--Preview:Key={PreviewKey}",
        };
        // Development loads static web assets (wwwroot of the project and its libraries, scoped CSS) from this manifest,
        // which the build writes into the web project's own output folder, not into the test project's.
        var manifest = Path.Combine(contentRoot, "bin", BuildConfiguration, "net10.0", $"{applicationName}.staticwebassets.runtime.json");
        if (File.Exists(manifest)) args.Add($"--staticWebAssets={manifest}");

        var app = build([.. args]);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var url = addresses.FirstOrDefault(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
                  ?? throw new InvalidOperationException($"{applicationName} did not report a loopback address: {string.Join(", ", addresses)}");
        return (app, url.TrimEnd('/'));
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    /// <summary>The folder holding ChildAid.slnx, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot => RepositoryFolder.Root;

    public virtual async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (BackOffice is not null) { await BackOffice.StopAsync(); await BackOffice.DisposeAsync(); }
        if (PublicSite is not null) { await PublicSite.StopAsync(); await PublicSite.DisposeAsync(); }
        if (Database is not null) await Database.DisposeAsync();
        if (Directory.Exists(MediaRoot)) Directory.Delete(MediaRoot, recursive: true);
    }
}

/// <summary>One Chromium and one pair of running sites for all browser tests; they run one after another.</summary>
[CollectionDefinition(Name)]
public class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
