using ChildAid.Shared.Content;
using ChildAid.Shared.Media;

namespace ChildAid.BackOffice.Pages.Content;

/// <summary>
/// <c>GET /api/preview/{token}</c>: the rendered draft a signed preview link names, for PublicSite to show on its own
/// layout (server to server). The token is the only credential: anyone without a valid, unexpired one gets 404.
/// <c>GET /api/preview/media/{expiry}/{signature}/{fileKey}/{file}</c>: one rendition of a draft's image from the
/// private area, for the preview only (the signed, expiring address <see cref="PreviewTokens.MediaPath"/> gives).
/// </summary>
public static class PreviewApi
{
    public static void MapContentPreviewApi(this WebApplication app)
    {
        app.MapGet("/api/preview/{token}", async (string token, string? lang, PreviewTokens tokens, ContentPreview preview, HttpContext http, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            if (tokens.Read(token) is not { } ticket) return Results.NotFound();
            var page = await preview.RenderAsync(ticket, lang == "en", ct);
            return page is null ? Results.NotFound() : Results.Json(page);
        }).AllowAnonymous();

        app.MapGet($"/{ContentPreview.BackOfficeMediaPath}/{{expires:long}}/{{signature}}/{{fileKey}}/{{fileName}}",
            (long expires, string signature, string fileKey, string fileName, PreviewTokens tokens, MediaStore store, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            // The master (the private full-quality source) is never shown outside BackOffice, even to a preview.
            if (!tokens.ReadMedia(expires, signature, fileKey) || fileName == MediaRenditions.Master) return Results.NotFound();
            return store.PrivateFile(fileKey, fileName) is { } path
                ? Results.File(path, MediaRenditions.ContentType(fileName))
                : Results.NotFound();
        }).AllowAnonymous();
    }
}
