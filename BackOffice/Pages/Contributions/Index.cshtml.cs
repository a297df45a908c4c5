using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Contributions;

public class IndexModel(ContributionQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Paged<ContributionRow> Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await queries.SearchAsync(Q, PageNumber, ct: ct);

    public string Link(int page) => Url.Page("/Contributions/Index", new { q = Q, p = page })!;
}
