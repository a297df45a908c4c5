using ChildAid.Shared.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Content;

/// <summary>Every content item, filtered by type and state and searched without diacritics.</summary>
public class IndexModel(ContentQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public ContentType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public ContentState? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<ContentRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await queries.ListAsync(Type, State, Q, ct);
}
