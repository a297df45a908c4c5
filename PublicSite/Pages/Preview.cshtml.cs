using ChildAid.Shared.Localization;
using ChildAid.Shared.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ChildAid.PublicSite.Pages;

/// <summary>
/// <c>/xem-truoc/{token}</c>: a draft on the real public layout, for the editor who holds a signed, unexpired link.
/// PublicSite cannot read drafts (its database role sees published tables only), so after checking the token it asks
/// BackOffice for the rendered draft, server to server, with the same token. Never cached, never indexed; a wrong,
/// changed or expired token is a plain 404.
/// </summary>
public class PreviewModel(PreviewTokens tokens, IHttpClientFactory clients) : PageModel
{
    public const string Client = "content-preview";

    public PreviewPage Draft { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (HttpContext.Features.Get<IOutputCacheFeature>() is { } cache) cache.Context.AllowCacheStorage = false;
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        if (tokens.Read(token) is null) return NotFound();
        var client = clients.CreateClient(Client);
        if (client.BaseAddress is null) return NotFound();
        using var response = await client.GetAsync($"api/preview/{Uri.EscapeDataString(token)}{(Cultures.IsEnglish ? "?lang=en" : "")}", ct);
        if (!response.IsSuccessStatusCode) return NotFound();
        if (await response.Content.ReadFromJsonAsync<PreviewPage>(ct) is not { } draft) return NotFound();
        Draft = draft;
        return Page();
    }
}
