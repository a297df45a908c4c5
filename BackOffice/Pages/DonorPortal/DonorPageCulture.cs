using System.Globalization;
using ChildAid.Shared.CampaignUpdates;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.DonorPortal;

/// <summary>
/// The language of the donor-facing pages (the donor page, and a follower's confirm and unsubscribe pages), set as the
/// request's culture so they read through the same resources as every staff page: the language link
/// (<c>?lang=en</c> / <c>?lang=vi</c>, kept across the page's posts) first, then the language cookie (already applied by
/// SiteLocalization), then the person's own: English for donors abroad, the language a follower signed up in.
/// A middleware after the rate limiter rather than a culture provider, so a flood of guessed tokens is refused
/// before it reads the database; it spans the handler and the view alike (a culture set inside a handler would not).
/// </summary>
public static class DonorPageCulture
{
    private static readonly string[] Prefixes = [DonorLinks.PathPrefix, CampaignFollowers.ConfirmPath, CampaignFollowers.UnsubscribePath];

    public static IApplicationBuilder UseDonorPageCulture(this IApplicationBuilder app) =>
        app.UseWhen(c => Prefixes.Any(p => c.Request.Path.StartsWithSegments(p.TrimEnd('/'))), donor => donor.Use(async (context, next) =>
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
        var prefix = Prefixes.First(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        var token = path.Length > prefix.Length ? path[prefix.Length..] : null;
        if (prefix != DonorLinks.PathPrefix)
        {
            var followers = context.RequestServices.GetRequiredService<CampaignFollowers>();
            var follower = prefix == CampaignFollowers.ConfirmPath
                ? await followers.ByConfirmTokenAsync(token, context.RequestAborted)
                : await followers.ByUnsubscribeTokenAsync(token, context.RequestAborted);
            return follower?.Culture == Cultures.English ? Cultures.English : null;
        }
        if (await context.RequestServices.GetRequiredService<DonorLinks>().DonorIdAsync(token, context.RequestAborted) is not { } donorId) return null;
        var db = context.RequestServices.GetRequiredService<ChildAidDbContext>();
        var origin = await db.Donors.IgnoreQueryFilters().Where(d => d.Id == donorId).Select(d => d.Origin).SingleAsync(context.RequestAborted);
        return origin == DonorOrigin.Foreign ? Cultures.English : null;
    }
}
