using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Children;

public class IndexModel(ChildService children) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Paged<ChildRow> Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await children.SearchAsync(Q, PageNumber, ct);

    public string Link(int page) => Url.Page("/Children/Index", new { q = Q, p = page })!;
}
