using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Donors;

public class IndexModel(DonorService donors) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Paged<DonorRow> Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await donors.SearchAsync(Q, PageNumber, ct: ct);

    public string Link(int page) => Url.Page("/Donors/Index", new { q = Q, p = page })!;
}
