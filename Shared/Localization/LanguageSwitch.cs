using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;

namespace ChildAid.Shared.Localization;

/// <summary>
/// The language link of both sites: sets the culture cookie and goes back to the page the reader was on. A plain
/// link, so it works without JavaScript; on PublicSite the only public response that sets a cookie, and never cached.
/// Only a path on the same site is a place to go back to (<see cref="IsLocal"/>); anything else goes home.
/// </summary>
public static class LanguageSwitch
{
    public const string Path = "/ngon-ngu";

    public static string Link(string culture, HttpRequest request) =>
        $"{Path}/{culture}?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}";

    public static IEndpointConventionBuilder MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet(Path + "/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (!Cultures.All.Contains(culture)) return Results.NotFound();
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/",
                    Secure = context.Request.IsHttps,
                });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();

    private const int MaxReturnUrlLength = 2048;

    /// <summary>
    /// A path on this site and nothing else: not "//host" or "/\\host" (other sites), no control characters (which
    /// LocalRedirect refuses with an exception, and which could split headers), not absurdly long. Anything else goes home.
    /// </summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 and <= MaxReturnUrlLength } && url[0] == '/' &&
        (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
