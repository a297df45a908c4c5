using ChildAid.Shared.Content;

namespace ChildAid.BackOffice.Pages.Content;

/// <summary>
/// <c>GET /api/preview/{token}</c>: the rendered draft a signed preview link names, for PublicSite to show on its own
/// layout (server to server). The token is the only credential: anyone without a valid, unexpired one gets 404.
/// </summary>
public static class PreviewApi
{
    public static void MapContentPreviewApi(this WebApplication app) =>
        app.MapGet("/api/preview/{token}", async (string token, string? lang, PreviewTokens tokens, ContentPreview preview, HttpContext http, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            if (tokens.Read(token) is not { } ticket) return Results.NotFound();
            var page = await preview.RenderAsync(ticket, lang == "en", ct);
            return page is null ? Results.NotFound() : Results.Json(page);
        }).AllowAnonymous();
}
