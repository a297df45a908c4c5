using ChildAid.BackOffice.TransparencyLog;
using ChildAid.Shared.Balances;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.CampaignUpdates;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.PublicNutrition;
using ChildAid.Shared.TransparencyLog;
using ChildAid.Shared.Mail;
using ChildAid.Shared.Payments.Stripe;
using ChildAid.Shared.Pledges;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ChildAid.BackOffice.Pages.Content;
using ChildAid.BackOffice.Pages.DonorPortal;
using ChildAid.BackOffice.Receipts;
using ChildAid.BackOffice.Security;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Content;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Localization;
using ChildAid.Shared.Media;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Serilog;
using Microsoft.Extensions.WebEncoders;

namespace ChildAid.BackOffice;

/// <summary>The staff web application: services and middleware.</summary>
public static class BackOfficeApp
{
    /// <summary>Used when neither appsettings "Urls", --urls nor ASPNETCORE_URLS says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5081";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddChildAidLogging("BackOffice");
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddChildAidData(database);
        builder.Services.Configure<ReversalOptions>(builder.Configuration.GetSection(ReversalOptions.Section));
        builder.Services.Configure<PreviewOptions>(builder.Configuration.GetSection(PreviewOptions.Section));
        builder.Services.AddSingleton<PreviewTokens>();
        AddBackOffice(builder.Services);
        builder.Services.AddMedia(builder.Configuration);
        // WHO z-scores: the tables are read from Growth:ReferenceFolder on first use; without them the rest works.
        builder.Services.AddGrowth(builder.Configuration);
        // Scheduled publishing and the consent sweep, every minute; safe on several nodes (ContentScheduleRunner).
        builder.Services.AddContentSchedule(ChildAid.Shared.Content.ContentScheduleSteps.Publisher, builder.Configuration);
        // The mail outbox's sender (Mail:Provider) and its worker; safe on several nodes (MailDispatcher).
        builder.Services.AddMail(builder.Configuration);
        // Card payments: books the events PublicSite stored in the Stripe inbox, exactly once (StripeEventProcessor).
        builder.Services.AddStripeProcessing(builder.Configuration);
        // Online pledges: turns PublicSite's intake rows into donors and pledges, exactly once (PledgeIntakeProcessor).
        builder.Services.AddPledgeProcessing(builder.Configuration);
        // Statement lines naming a pledge that a failed match or a late pledge left waiting are booked every few minutes.
        builder.Services.AddBankStatementRematch(builder.Configuration);
        // Mails to a staff member whose advance still waits for its invoice, at 15, 29 and 31 days (AdvanceInvoiceReminders).
        builder.Services.AddAdvanceReminders(builder.Configuration);
        // Campaign updates: follow requests → double opt-in mails; published campaign stories → mails to followers.
        builder.Services.AddCampaignUpdateWorker(builder.Configuration);
        builder.Services.AddTransparencyLog(builder.Configuration);
        // The nightly published run of every balance invariant (/so-du) and the hourly public nutrition figures (/dinh-duong).
        builder.Services.AddBalanceRuns(builder.Configuration);
        builder.Services.AddPublicNutrition(builder.Configuration);
        builder.Services.AddChildAidForwardedHeaders(builder.Configuration);
        builder.Services.AddDatabaseHealthCheck<ChildAidDbContext>((db, ct) => db.AdminUnits.AnyAsync(ct));

        var app = builder.Build();
        app.UseChildAidForwardedHeaders();
        app.UseSecurityHeaders(withNonce: true);
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePagesWithReExecute("/StatusCode", "?code={0}");
        app.UseSiteLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseDonorPageCulture();
        app.UseAuthentication();
        app.UseMiddleware<StaffRequestMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapHealthChecks("/health").AllowAnonymous();
        // The login page has the language link too, so the switch is open to everyone (it only sets a cookie).
        app.MapLanguageSwitch().AllowAnonymous();
        app.MapRazorPages();
        app.MapContentPreviewApi();
        app.MapDemoWitness();
        return app;
    }

    private static void AddBackOffice(IServiceCollection services)
    {
        // Every request's context starts with an empty unit scope (fail closed); StaffRequestMiddleware widens it
        // for the signed-in user. A query that runs before that, or for nobody, sees no scoped record.
        var original = services.Last(d => d.ServiceType == typeof(ChildAidDbContext));
        services.Remove(original);
        services.AddScoped(sp =>
        {
            var db = (ChildAidDbContext)original.ImplementationFactory!(sp);
            db.UnitScope = [];
            db.OrganisationScope = [];
            return db;
        });

        services.AddRateLimiter(o => { SignInRateLimit.Configure(o); DonorLinkRateLimit.Configure(o); });
        services.AddMemoryCache();
        services.AddScoped<StaffScope>();
        services.AddScoped<DonorService>();
        services.AddScoped<CampaignService>();
        services.AddScoped<ContributionQueries>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<StaffUserService>();
        services.AddScoped<ReversalService>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<UnknownAccountLockout>();
        services.AddSingleton<PendingAuthenticatorKey>();
        services.AddScoped<SignInAudit>();
        services.AddScoped<PasswordSignIn>();
        services.AddReceipts();

        services.AddIdentity<StaffUser, IdentityRole>(StaffIdentity.Configure)
            .AddEntityFrameworkStores<ChildAidDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<VietnameseIdentityErrorDescriber>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "childaid.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request is HTTPS, including behind a proxy that ends TLS (forwarded headers).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // A forbidden page answers 403 (with a page saying why) rather than redirecting.
            o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            // Deny by default: an endpoint without its own policy (a page missing from PagePolicies) is refused to
            // everyone. A path with no endpoint at all stays a plain 404 for signed-in staff.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(c =>
                c.Resource is HttpContext http && http.GetEndpoint() is null && c.User.Identity?.IsAuthenticated == true).Build())
            .AddPolicy(Policies.Staff, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.RecordReceipts, p => p.RequireRole(Roles.RecordReceipts))
            .AddPolicy(Policies.ViewReceipts, p => p.RequireRole([.. Roles.RecordReceipts, Roles.Inspector]))
            .AddPolicy(Policies.ProposeAllocations, p => p.RequireRole(Roles.ProposeAllocations))
            .AddPolicy(Policies.ViewDistributions, p => p.RequireRole([.. Roles.ConfirmDeliveries, Roles.Accountant, Roles.Inspector]))
            .AddPolicy(Policies.DispatchGoods, p => p.RequireRole(Roles.DispatchGoods))
            .AddPolicy(Policies.ManageDonors, p => p.RequireRole(Roles.RecordReceipts))
            .AddPolicy(Policies.ManageCampaigns, p => p.RequireRole(Roles.Admin, Roles.ProgrammeOfficer))
            .AddPolicy(Policies.ManageUsers, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ViewAudit, p => p.RequireRole(Roles.Admin, Roles.Inspector))
            .AddPolicy(Policies.ManageMailOutbox, p => p.RequireRole(Roles.Admin, Roles.Accountant))
            .AddPolicy(Policies.ReconcileBankStatements, p => p.RequireRole(Roles.Admin, Roles.Accountant))
            .AddPolicy(Policies.ViewNeeds, p => p.RequireRole(Roles.ViewNeeds))
            .AddPolicy(Policies.EditNeeds, p => p.RequireRole(Roles.EditNeeds))
            .AddPolicy(Policies.ManageCriteria, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.DeclareSupport, p => p.RequireRole(Roles.DeclareSupport))
            .AddPolicy(Policies.ManageChildren, p => p.RequireRole(Roles.ManageChildren))
            .AddPolicy(Policies.KeepChildRecords, p => p.RequireRole(Roles.KeepChildRecords))
            .AddPolicy(Policies.RecordCheckups, p => p.RequireRole(Roles.RecordCheckups))
            .AddPolicy(Policies.RecordMeals, p => p.RequireRole(Roles.RecordMeals))
            .AddPolicy(Policies.EraseDonorNames, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.EraseChildren, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.UseMediaLibrary, p => p.RequireRole(Roles.UseMediaLibrary))
            .AddPolicy(Policies.ManageMediaLibrary, p => p.RequireRole(Roles.Admin, Roles.MediaEditor))
            .AddPolicy(Policies.ManageConsent, p => p.RequireRole(Roles.ManageConsent))
            .AddPolicy(Policies.WriteContent, p => p.RequireRole([.. Roles.WriteContent, .. Roles.PublishHonorRollPages]))
            .AddPolicy(Policies.PublishContent, p => p.RequireRole(Roles.PublishContent))
            .AddPolicy(Policies.CoversUnit, p => p.AddRequirements(new CoversUnitRequirement()));
        services.AddScoped<IAuthorizationHandler, CoversUnitHandler>();
        services.AddSingleton<Web.ImportJobs>();

        services.AddSiteLocalization();
        services.AddRazorPages(o =>
        {
            PagePolicies.Apply(o.Conventions);
        }).AddMvcOptions(o =>
        {
            o.Filters.Add<Localization.TranslateModelErrors>();
            o.ModelBinderProviders.Insert(0, new VietnameseInputBinderProvider());
            VietnameseInputBinderProvider.UseVietnameseMessages(o.ModelBindingMessageProvider);
        })
        // Validation runs on the server only (the pages work without JavaScript), so no data-val attributes.
        .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddProblemDetails();
    }
}
