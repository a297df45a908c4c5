using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Shared.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Stock;

/// <summary>
/// Stock on hand of the user's communes by item (with its size band) and commune, the lots by state and commune with the
/// Excel export; announcing the lots of an in-kind receipt (from the receipt's page) lands here.
/// </summary>
public class IndexModel(StockQueries queries, StockService stock) : PageModel
{
    [BindProperty(SupportsGet = true)] public StockLotState? State { get; set; }
    [BindProperty(SupportsGet = true)] public int? Commune { get; set; }
    public IReadOnlyList<StockLotRow> Rows { get; private set; } = [];
    public IReadOnlyList<StockOnHandRow> OnHand { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Communes { get; private set; } = [];

    private StockFilter Filter => new() { State = State, AdminUnitId = Commune };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await queries.ListAsync(Filter, ct);
        OnHand = await queries.OnHandAsync(Commune, ct);
        Communes = await queries.CommunesAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var file = await StockQueries.WorkbookAsync(await queries.ListAsync(Filter, ct), ct);
        return File(file, NeedsExport.ContentType, "lo-hang.xlsx");
    }

    /// <summary>Announces a lot for each goods line of an in-kind receipt (once), then shows the first.</summary>
    public async Task<IActionResult> OnPostAnnounceAsync(int contributionId, CancellationToken ct)
    {
        if (!Roles.RecordReceipts.Any(User.IsInRole)) return Forbid();
        var outcome = await stock.AnnounceAsync(contributionId, ct);
        if (!outcome.Succeeded) return NotFound();
        TempData["Saved"] = "Đã tạo lô hàng cho các dòng hàng của phiếu thu; ghi nhận khi hàng về.";
        return outcome.Value!.Count > 0 ? Redirect($"/Stock/{outcome.Value[0].Id}") : Redirect($"/Contributions/{contributionId}");
    }

    public string ExportUrl()
    {
        var query = new List<string> { "handler=Export" };
        if (State is { } s) query.Add("state=" + s);
        if (Commune is { } c) query.Add("commune=" + c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/Stock?" + string.Join("&", query);
    }
}
