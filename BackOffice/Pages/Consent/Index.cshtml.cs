using ChildAid.Shared.Consent;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Consent;

public class IndexModel(ConsentService consents) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Paged<ConsentRow> Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Result = await consents.ListAsync(Q, PageNumber, ct);

    public string Link(int page) => Url.Page("/Consent/Index", new { q = Q, p = page })!;
}
