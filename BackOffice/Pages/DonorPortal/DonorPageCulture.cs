using System.Globalization;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.DonorPortal;

/// <summary>
/// The donor page's language, set as the request's culture so the page reads through the same resources as every
/// staff page: the language link (<c>?lang=en</c> / <c>?lang=vi</c>, kept across the page's posts) first, then the
/// language cookie (already applied by SiteLocalization), then the donor's own: English for donors abroad.
/// A middleware after the rate limiter rather than a culture provider, so a flood of guessed tokens is refused
/// before it reads the database; it spans the handler and the view alike (a culture set inside a handler would not).
/// </summary>
public static class DonorPageCulture
{
    public static IApplicationBuilder UseDonorPageCulture(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(DonorLinks.PathPrefix.TrimEnd('/')), donor => donor.Use(async (context, next) =>
        {
            if (await ChooseAsync(context) is { } culture)
            {
                var chosen = CultureInfo.GetCultureInfo(culture);
                CultureInfo.CurrentCulture = chosen;
                CultureInfo.CurrentUICulture = chosen;
                context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(chosen), provider: null));
            }
            await next(context);
        }));

    /// <summary>The culture to switch to, or null to keep the one SiteLocalization set (the cookie's, else Vietnamese).</summary>
    private static async Task<string?> ChooseAsync(HttpContext context)
    {
        var lang = context.Request.Query["lang"].ToString();
        if (lang is Cultures.English or Cultures.Vietnamese) return lang;
        if (context.Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName)) return null;
        var path = context.Request.Path.Value!;
        var token = path.Length > DonorLinks.PathPrefix.Length ? path[DonorLinks.PathPrefix.Length..] : null;
        if (await context.RequestServices.GetRequiredService<DonorLinks>().DonorIdAsync(token, context.RequestAborted) is not { } donorId) return null;
        var db = context.RequestServices.GetRequiredService<ChildAidDbContext>();
        var origin = await db.Donors.IgnoreQueryFilters().Where(d => d.Id == donorId).Select(d => d.Origin).SingleAsync(context.RequestAborted);
        return origin == DonorOrigin.Foreign ? Cultures.English : null;
    }
}
