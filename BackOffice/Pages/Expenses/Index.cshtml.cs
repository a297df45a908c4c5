using ChildAid.Shared.Expenses;
using ChildAid.Shared.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Expenses;

/// <summary>Expenses of the user's units by state, commune and campaign, with the Excel export; each opens on its own page.</summary>
public class IndexModel(ExpenseQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public ExpenseState? State { get; set; }
    [BindProperty(SupportsGet = true)] public int? Commune { get; set; }
    [BindProperty(SupportsGet = true)] public int? Campaign { get; set; }
    /// <summary>Thiếu hoá đơn: approved advances still without their invoice.</summary>
    [BindProperty(SupportsGet = true)] public bool MissingInvoice { get; set; }
    /// <summary>Only expenses paid from one need line's allocations: the needs review links here from its "received" figure.</summary>
    [BindProperty(SupportsGet = true)] public int? Need { get; set; }
    public IReadOnlyList<ExpenseRow> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Communes { get; private set; } = [];
    public IReadOnlyList<(int Id, string Title)> Campaigns { get; private set; } = [];

    private ExpenseFilter Filter => new() { State = State, AdminUnitId = Commune, CampaignId = Campaign, MissingInvoice = MissingInvoice, NeedLineId = Need };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await queries.ListAsync(Filter, ct);
        (Communes, Campaigns) = await queries.FilterOptionsAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var file = await ExpenseQueries.WorkbookAsync(await queries.ListAsync(Filter, ct), ct);
        return File(file, NeedsExport.ContentType, "khoan-chi.xlsx");
    }

    public string ExportUrl()
    {
        var query = new List<string> { "handler=Export" };
        if (State is { } s) query.Add("state=" + s);
        if (Commune is { } c) query.Add("commune=" + c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Campaign is { } k) query.Add("campaign=" + k.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (MissingInvoice) query.Add("missingInvoice=true");
        if (Need is { } n) query.Add("need=" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/Expenses?" + string.Join("&", query);
    }
}
