using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.Localization;

/// <summary>
/// How PublicSite and BackOffice speak two languages, one way for both: UI strings through
/// IStringLocalizer&lt;SharedResource&gt; of the app (the Vietnamese text is the key; English in Resources/SharedResource.en.resx),
/// the culture from the language cookie only (set by <see cref="LanguageSwitch"/>), Vietnamese by default.
/// Amounts and dates keep the Vietnamese format in both languages (VietnameseFormat), as the brief wants.
/// </summary>
public static class SiteLocalization
{
    public const string ResourcesPath = "Resources";

    public static IServiceCollection AddSiteLocalization(this IServiceCollection services) =>
        services.AddLocalization(o => o.ResourcesPath = ResourcesPath);

    public static IApplicationBuilder UseSiteLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(Cultures.Vietnamese).AddSupportedCultures(Cultures.All).AddSupportedUICultures(Cultures.All);
            // Only the reader's explicit choice (the language link) switches language: public pages stay one cache
            // entry per language, and staff see the same language on every page.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
}
