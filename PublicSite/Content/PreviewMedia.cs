using ChildAid.PublicSite.Pages;
using ChildAid.Shared.Content;
using ChildAid.Shared.Media;

namespace ChildAid.PublicSite.Content;

/// <summary>
/// <c>/xem-truoc/anh/{expiry}/{signature}/{fileKey}/{file}</c>: an image of a draft that is not published yet, shown
/// in its preview. PublicSite cannot read the private media area, so after checking the signed, expiring address it
/// fetches the file from BackOffice (which checks it again). No folder is listed, nothing is cached, and the address
/// dies with the preview link that rendered it.
/// </summary>
public static class PreviewMedia
{
    public static void MapPreviewMedia(this WebApplication app) =>
        app.MapGet($"{ContentPreview.PreviewMediaPath}/{{expires:long}}/{{signature}}/{{fileKey}}/{{fileName}}",
            async (long expires, string signature, string fileKey, string fileName, PreviewTokens tokens, IHttpClientFactory clients,
                HttpContext http, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
            if (!tokens.ReadMedia(expires, signature, fileKey) || !MediaStore.IsRenditionName(fileName)) return Results.NotFound();
            var client = clients.CreateClient(PreviewModel.Client);
            if (client.BaseAddress is null) return Results.NotFound();
            using var response = await client.GetAsync(
                $"{ContentPreview.BackOfficeMediaPath}/{expires}/{Uri.EscapeDataString(signature)}/{fileKey}/{fileName}", ct);
            if (!response.IsSuccessStatusCode) return Results.NotFound();
            return Results.File(await response.Content.ReadAsByteArrayAsync(ct), MediaRenditions.ContentType(fileName));
        });
}
