using ChildAid.Shared.Media;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ChildAid.PublicSite.Content;

/// <summary>
/// Serves <c>/media/</c> from the media store's PUBLIC area only (<c>Media:PublicRoot</c>): renditions of published
/// images, copied there by publishing and deleted by unpublishing or a withdrawn consent. The private area (every
/// upload) is never configured here, so no URL can reach it.
/// </summary>
public static class PublicMedia
{
    public const string RootKey = "Media:PublicRoot";
    private const string PrivateRootKey = "Media:Root";

    /// <summary>Resolved as <see cref="MediaStore"/> resolves it, so BackOffice and PublicSite started alike agree on the folder.</summary>
    public static string Root(IConfiguration configuration) =>
        Path.GetFullPath(configuration[RootKey] is { Length: > 0 } r ? r : new MediaOptions().PublicRoot);

    public static IApplicationBuilder UsePublicMedia(this WebApplication app)
    {
        var root = Root(app.Configuration);
        var privateRoot = Path.GetFullPath(app.Configuration[PrivateRootKey] is { Length: > 0 } p ? p : new MediaOptions().Root);
        if (IsSameOrInside(root, privateRoot) || IsSameOrInside(privateRoot, root))
            throw new InvalidOperationException($"{RootKey} must be outside {PrivateRootKey}: PublicSite would serve unpublished media.");
        Directory.CreateDirectory(root);
        var seconds = app.Services.GetRequiredService<IOptions<PublicSiteOptions>>().Value.MediaCacheSeconds;
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root, Microsoft.Extensions.FileProviders.Physical.ExclusionFilters.Sensitive),
            RequestPath = MediaUrls.RequestPath,
            ServeUnknownFileTypes = false,
            // A file key names bytes that never change: no revalidation, only a bounded lifetime (see MediaCacheSeconds).
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = $"public, max-age={seconds}, immutable",
        });
    }

    private static bool IsSameOrInside(string path, string folder)
    {
        var f = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        return (Path.TrimEndingDirectorySeparator(path) + Path.DirectorySeparatorChar).StartsWith(f, StringComparison.Ordinal);
    }
}
