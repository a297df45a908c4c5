using Microsoft.Extensions.Options;

namespace ChildAid.PublicSite.Content;

/// <summary>Absolute URLs (canonical, share cards, sitemap, feeds) from the configured base URL, else the request's own.</summary>
public static class PublicUrls
{
    public static string Base(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<PublicSiteOptions>>().Value.BaseUrl;
        if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
        var request = context.Request;
        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";
    }

    public static string Absolute(HttpContext context, string path) => Base(context) + path;
}
