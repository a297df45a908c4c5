using ChildAid.PublicSite.TransparencyLog;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using ChildAid.PublicSite.Api;
using ChildAid.PublicSite.Caching;
using ChildAid.PublicSite.Content;
using ChildAid.PublicSite.Payments;
using ChildAid.Shared.Payments.Stripe;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.HonorRoll;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Serilog;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace ChildAid.PublicSite;

public class Program
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static void Main(string[] args) => Build(args).Run();

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddChildAidLogging("PublicSite");
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        // Public projection only: PublicSite has no way to ask for donors, children, staff or audit rows.
        builder.Services.AddPublicData(database);
        // Its one way to write: pledges into pledge_intake and Stripe's events into stripe_events, through a login that
        // cannot read them back (Database:IntakeConnectionString).
        builder.Services.AddIntakeData(database);
        builder.Services.AddOptions<ChildAid.Shared.Payments.Stripe.StripeOptions>().BindConfiguration(ChildAid.Shared.Payments.Stripe.StripeOptions.Section);
        builder.Services.AddSingleton<ChildAid.Shared.Payments.Stripe.StripeCheckout>();
        builder.Services.AddSingleton<ChildAid.PublicSite.Giving.PledgeCheckout>();
        builder.Services.AddOptions<ChildAid.Shared.Payments.PaymentOptions>().BindConfiguration(ChildAid.Shared.Payments.PaymentOptions.Section);
        builder.Services.AddScoped<StatementQuery>();
        builder.Services.AddScoped<StatementEntryQuery>();
        builder.Services.AddScoped<ChildAid.Shared.Allocations.GiftTraceQuery>();
        builder.Services.AddScoped<CampaignProgressQuery>();
        builder.Services.AddScoped<HonorRollQuery>();
        builder.Services.AddScoped<ChildAid.Shared.PublicNeeds.PublicNeedsQuery>();
        builder.Services.AddScoped<ChildAid.PublicSite.Giving.GiftExamples>();
        builder.Services.AddScoped<ChildAid.Shared.Content.PublishedContentQuery>();

        builder.Services.AddOptions<PublicSiteOptions>().BindConfiguration(PublicSiteOptions.Section)
            .Validate(o => o.DataVersionPollSeconds >= 0, "PublicSite:DataVersionPollSeconds must be 0 or more.")
            .Validate(o => o.RateLimits.ApiPerMinute > 0 && o.RateLimits.DownloadsPerMinute > 0 && o.RateLimits.FormPostsPerMinute > 0, "PublicSite:RateLimits must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        // Draft previews: PublicSite checks the signed link, then fetches the rendered draft from BackOffice.
        builder.Services.Configure<ChildAid.Shared.Content.PreviewOptions>(builder.Configuration.GetSection(ChildAid.Shared.Content.PreviewOptions.Section));
        builder.Services.AddSingleton<ChildAid.Shared.Content.PreviewTokens>();
        builder.Services.AddHttpClient(ChildAid.PublicSite.Pages.PreviewModel.Client, (sp, client) =>
        {
            if (sp.GetRequiredService<IOptions<ChildAid.Shared.Content.PreviewOptions>>().Value.BackOfficeUrl is { Length: > 0 } url)
                client.BaseAddress = new Uri(url.TrimEnd('/') + "/");
            client.Timeout = TimeSpan.FromSeconds(10);
        });
        builder.Services.AddRateLimiter(o => PublicRateLimits.Configure(o,
            builder.Configuration.GetSection(PublicSiteOptions.Section).Get<PublicSiteOptions>()?.RateLimits ?? new()));
        builder.Services.AddSingleton<PublicDataVersionSource>();
        builder.Services.AddSingleton<ChildAid.PublicSite.Api.PledgeCampaigns>();
        builder.Services.AddSingleton<FrontCache>();
        builder.Services.AddOutputCache(o => o.AddPolicy(PublicCache.Policy, PublicCache.Configure));
        // Pages are compressed once, when they enter the output cache (compression runs after it), for phones on 3G.
        builder.Services.AddResponseCompression(o => o.EnableForHttps = true);

        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddSiteLocalization();
        // A needs-list page (/nhu-cau/trang/{slug}) is the live needs list under the media team's intro.
        builder.Services.AddRazorPages(o => o.Conventions.AddPageRoute("/Needs/Index", "/nhu-cau/trang/{slug}"));
        builder.Services.AddOpenApi(PublicApiDocument.Configure);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            // Numbers are numbers (the web default also reads "12" as 12, which OpenAPI then documents as integer|string).
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddCors(o => o.AddPolicy(PublicApi.CorsPolicy, PublicApi.ConfigureCors));
        builder.Services.AddDatabaseHealthCheck<PublicDbContext>((db, ct) => db.Campaigns.AnyAsync(ct));
        builder.Services.AddHostedService<ParentProcessWatch>();
        builder.Services.AddChildAidForwardedHeaders(builder.Configuration);

        // 127.0.0.1:5080 unless --urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS or Kestrel endpoints say otherwise.
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) &&
            string.IsNullOrEmpty(builder.Configuration["HTTP_PORTS"]) && string.IsNullOrEmpty(builder.Configuration["HTTPS_PORTS"]) &&
            !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
            builder.WebHost.UseUrls(DefaultUrl);

        // Fewer bytes on every answer; the server's name tells an attacker more than it tells a phone.
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        var app = builder.Build();

        app.UseChildAidForwardedHeaders();
        var frontCache = app.Services.GetRequiredService<FrontCache>();
        app.Use(frontCache.InvokeAsync);
        app.UseSecurityHeaders();
        app.UseSerilogRequestLogging();
        // The API answers errors as ProblemDetails JSON; pages answer with the site's own error pages.
        app.UseWhen(PublicApi.IsApiRequest, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !PublicApi.IsApiRequest(context), pages =>
        {
            pages.UseExceptionHandler("/loi/500");
            pages.UseStatusCodePagesWithReExecute("/loi/{0}");
        });
        app.UseSiteLocalization();
        // The stylesheet and SVG files travel compressed as well (10 KB → 3 KB on a first visit over 3G); pages are
        // compressed further down, once, as they enter the output cache.
        app.UseWhen(c => c.Request.Path.Value is { } p && (p.EndsWith(".css", StringComparison.Ordinal) || p.EndsWith(".svg", StringComparison.Ordinal)),
            css => css.UseResponseCompression());
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=604800",
        });
        // The project's illustrations (content/images), until campaigns have published pictures of their own.
        if (ChildAid.PublicSite.Pictures.DemoPictures.Files() is { } pictures)
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = pictures,
                RequestPath = ChildAid.PublicSite.Pictures.DemoPictures.RequestPath,
                OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=604800",
            });
        app.UsePublicMedia();
        app.UseContentRedirects();
        app.UseRouting();
        app.UseCors();
        // PublicSite signs nobody in, but Razor Pages register the authorization services, and WebApplication then runs
        // authentication and authorization FIRST, before the front cache, unless the app places them itself. Placed
        // here, a cached page pays for neither (measured: both middleware and a request service scope on every hit).
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.UseResponseCompression();

        app.MapHealthChecks("/health");
        app.MapLanguageSwitch();
        app.MapPublicApi();
        app.MapStripeWebhook();
        app.MapOpenApi();
        app.MapApiReference();
        app.MapContentFeeds();
        app.MapTransparencyLog();
        app.MapPreviewMedia();
        app.MapRazorPages().CacheOutput(PublicCache.Policy);
        return app;
    }
}
