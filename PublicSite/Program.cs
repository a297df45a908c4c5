using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ChildAid.PublicSite.Api;
using ChildAid.PublicSite.Caching;
using ChildAid.PublicSite.Localization;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.HonorRoll;
using ChildAid.Shared.Ledger;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace ChildAid.PublicSite;

public class Program
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static void Main(string[] args) => Build(args).Run();

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

        // Public projection only: PublicSite has no way to ask for donors, children, staff or audit rows.
        builder.Services.AddPublicData(database);
        builder.Services.AddScoped<StatementQuery>();
        builder.Services.AddScoped<StatementEntryQuery>();
        builder.Services.AddScoped<CampaignProgressQuery>();
        builder.Services.AddScoped<HonorRollQuery>();

        builder.Services.AddOptions<PublicSiteOptions>().BindConfiguration(PublicSiteOptions.Section)
            .Validate(o => o.DataVersionPollSeconds >= 0, "PublicSite:DataVersionPollSeconds must be 0 or more.")
            .Validate(o => o.RateLimits.ApiPerMinute > 0 && o.RateLimits.DownloadsPerMinute > 0, "PublicSite:RateLimits must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRateLimiter(o => PublicRateLimits.Configure(o,
            builder.Configuration.GetSection(PublicSiteOptions.Section).Get<PublicSiteOptions>()?.RateLimits ?? new()));
        builder.Services.AddSingleton<PublicDataVersionSource>();
        builder.Services.AddOutputCache(o => o.AddPolicy(PublicCache.Policy, PublicCache.Configure));
        // Pages are compressed once, when they enter the output cache (compression runs after it), for phones on 3G.
        builder.Services.AddResponseCompression(o => o.EnableForHttps = true);

        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddRazorPages();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ChildAid public data";
            document.Info.Description = "Open data of ChildAid's campaigns and public statement (sao kê công khai). Amounts are whole đồng (VND); " +
                "an empty donorDisplay means the donor chose not to be named. The CSV carries each entry's canonical fields and SHA-256 hash chain.";
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));

        // 127.0.0.1:5080 unless --urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS or Kestrel endpoints say otherwise.
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) &&
            string.IsNullOrEmpty(builder.Configuration["HTTP_PORTS"]) && string.IsNullOrEmpty(builder.Configuration["HTTPS_PORTS"]) &&
            !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
            builder.WebHost.UseUrls(DefaultUrl);

        var app = builder.Build();

        app.UseExceptionHandler("/loi/500");
        app.UseStatusCodePagesWithReExecute("/loi/{0}");
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            context.Response.Headers.XFrameOptions = "DENY";
            return next(context);
        });
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(Cultures.Vietnamese).AddSupportedCultures(Cultures.All).AddSupportedUICultures(Cultures.All);
            // Only the reader's explicit choice (the language link) switches language: pages stay one cache entry per language.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=604800",
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.UseResponseCompression();

        app.MapGet("/health", () => Results.Text("ok")).ExcludeFromDescription();
        app.MapLanguageSwitch();
        app.MapPublicApi();
        app.MapOpenApi();
        app.MapRazorPages().CacheOutput(PublicCache.Policy);
        return app;
    }
}

public static class Cultures
{
    public const string Vietnamese = "vi";
    public const string English = "en";
    public static readonly string[] All = [Vietnamese, English];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English;
}
