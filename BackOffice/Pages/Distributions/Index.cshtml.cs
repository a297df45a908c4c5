using ChildAid.Shared.Distributions;
using ChildAid.Shared.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Distributions;

/// <summary>
/// The distributions of the user's communes (a school's staff: those brought to their school) by state and commune, with the
/// Excel export; a new one is planned from an approved goods allocation on the allocation list.
/// </summary>
public class IndexModel(DistributionQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public DistributionState? State { get; set; }
    [BindProperty(SupportsGet = true)] public int? Commune { get; set; }
    /// <summary>Only one need line's distributions: the needs review links here from its "in transit" and "delivered" figures.</summary>
    [BindProperty(SupportsGet = true)] public int? Need { get; set; }
    public IReadOnlyList<DistributionRow> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Communes { get; private set; } = [];

    private DistributionFilter Filter => new() { State = State, AdminUnitId = Commune, NeedLineId = Need };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await queries.ListAsync(Filter, ct);
        Communes = await queries.CommunesAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var file = await DistributionQueries.WorkbookAsync(await queries.ListAsync(Filter, ct), ct);
        return File(file, NeedsExport.ContentType, "cap-phat.xlsx");
    }

    public string ExportUrl()
    {
        var query = new List<string> { "handler=Export" };
        if (State is { } s) query.Add("state=" + s);
        if (Commune is { } c) query.Add("commune=" + c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Need is { } n) query.Add("need=" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/Distributions?" + string.Join("&", query);
    }
}
