using ChildAid.Shared.Contributions;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ChildAid.Shared.Time;

namespace ChildAid.BackOffice.Pages;

/// <summary>
/// Totals received this year, by campaign, and the latest receipts; and totals by commune along the map in force on
/// a chosen date (before or after the 2025 reform); school meals served this year — all within the user's units.
/// </summary>
public class IndexModel(ContributionQueries queries, StaffScope scope, ChildAid.Shared.Interventions.MealService mealService, TimeProvider clock) : PageModel
{
    /// <summary>School meals served this year in the user's scope (none shown when there are none).</summary>
    public ChildAid.Shared.Interventions.MealTotals? Meals { get; private set; }

    public Dashboard Dashboard { get; private set; } = null!;
    public IReadOnlyList<UnitTotal> ByCommune { get; private set; } = [];

    /// <summary>The date whose administrative map the commune totals follow; today when not given.</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.VietnamToday();
        if (!ModelState.IsValid || AsOf is null || AsOf > today) AsOf = today;
        Dashboard = await queries.DashboardAsync(today.Year, ct: ct);
        ByCommune = await queries.TotalsByCommuneAsync(await scope.TreeAsync(ct), AsOf.Value, ct);
        var meals = await mealService.TotalsAsync(null, today.Year, ct);
        if (meals.Months.Count > 0) Meals = meals;
    }
}
