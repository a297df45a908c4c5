using ChildAid.Shared.Interventions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Interventions;

/// <summary>Interventions of the user's units (a health worker: their station's).</summary>
public class IndexModel(InterventionService interventions) : PageModel
{
    public IReadOnlyList<InterventionRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await interventions.ListAsync(ct);
}
