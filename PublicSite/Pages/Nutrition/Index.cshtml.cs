using ChildAid.Shared.Data;
using ChildAid.Shared.PublicNutrition;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.PublicSite.Pages.Nutrition;

/// <summary>
/// Nutrition programmes in figures: children reached, meals served and the prevalence before and after, by school, only
/// as the published cells of ten children or more (<see cref="PublicNutritionProjection"/>). Never a child.
/// </summary>
public class IndexModel(PublicDbContext db, TimeProvider clock) : PageModel
{
    public DateOnly Today => ChildAid.Shared.Time.VietnamClock.VietnamToday(clock);

    [BindProperty(SupportsGet = true)] public int? Commune { get; set; }

    public IReadOnlyList<(int Id, string Name)> Communes { get; private set; } = [];
    /// <summary>Each intervention's rows, newest programme first.</summary>
    public IReadOnlyList<IGrouping<int, PublicNutritionRow>> Interventions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await db.PublicNutritionRows.AsNoTracking().OrderByDescending(r => r.StartsOn).ThenBy(r => r.InterventionId).ThenBy(r => r.Id).ToListAsync(ct);
        Communes = rows.Select(r => (r.CommuneId, r.CommuneName)).Distinct().OrderBy(c => c.CommuneName, StringComparer.Create(ChildAid.Shared.Text.VietnameseFormat.Culture, false)).ToList();
        Interventions = rows.Where(r => Commune is null || r.CommuneId == Commune).GroupBy(r => r.InterventionId).ToList();
    }

    /// <summary>"12/31 (38,7 %)": cases of how many children, and the share.</summary>
    public static string Share(int? cases, int? of) =>
        cases is { } c && of is > 0 ? $"{c}/{of} ({Percent(c, of.Value).ToString("0.0", ChildAid.Shared.Text.VietnameseFormat.Culture)} %)" : "—";

    public static double Percent(int cases, int of) => of <= 0 ? 0 : Math.Round(100.0 * cases / of, 1);
}
