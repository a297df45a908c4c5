using ChildAid.Shared.Contributions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages;

/// <summary>Totals received this year, by campaign, and the latest receipts — within the user's units.</summary>
public class IndexModel(ContributionQueries queries, TimeProvider clock) : PageModel
{
    public Dashboard Dashboard { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var year = clock.GetUtcNow().UtcDateTime.AddHours(7).Year;
        Dashboard = await queries.DashboardAsync(year, ct: ct);
    }
}
