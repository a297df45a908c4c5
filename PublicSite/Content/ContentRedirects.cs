using ChildAid.Shared.Localization;
using ChildAid.PublicSite.Api;
using ChildAid.Shared.Content;

namespace ChildAid.PublicSite.Content;

/// <summary>
/// A page that is not found may have moved: an old path in <c>content_redirects</c> (a renamed slug, a moved page, or a
/// redirect staff entered) answers 301 to where it lives now, so links shared on Facebook and Zalo keep working.
/// Runs inside the status-code pages, so only a real miss goes on to the Vietnamese 404 page.
/// </summary>
public static class ContentRedirects
{
    public static IApplicationBuilder UseContentRedirects(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Response.StatusCode != StatusCodes.Status404NotFound || context.Response.HasStarted) return;
        if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) || PublicApi.IsApiRequest(context)) return;
        var path = context.Request.Path.Value;
        if (path is null || path.Length > ContentItem.PathLength) return;

        var query = context.RequestServices.GetRequiredService<PublishedContentQuery>();
        var target = await query.RedirectAsync(path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : path, context.RequestAborted);
        // Only ever to a path on this site: a redirect row is data, and data must not send readers elsewhere.
        if (target is null || !LanguageSwitch.IsLocal(target)) return;
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = target + context.Request.QueryString;
        context.Response.Headers.CacheControl = "public, max-age=3600";
    });
}
