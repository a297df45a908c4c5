using ChildAid.Shared.Needs;
using ChildAid.Shared.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Stock;

/// <summary>
/// A stock count (kiểm kê) of the user's communes: every stocked lot with goods on hand and a "counted" field; a shortfall is
/// written off as lost (one ledger movement per short lot), a surplus is refused next to its field, all or nothing. The same
/// sheet as a workbook to print and fill in the store room.
/// </summary>
public class CountModel(StockQueries queries, StockService stock) : PageModel
{
    /// <summary>The lots the form's rows name (item, lot, expiry), by id.</summary>
    public Dictionary<int, StockCountSheetRow> Lots { get; private set; } = [];
    [BindProperty] public StockCountInput Input { get; set; } = new();
    /// <summary>What the last post came to (shown above the fresh sheet).</summary>
    public StockCountOutcome? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await FreshSheetAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var file = await StockQueries.CountSheetWorkbookAsync(await queries.CountSheetAsync(ct), ct);
        return File(file, NeedsExport.ContentType, "kiem-ke.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Lots = (await queries.CountSheetAsync(ct)).ToDictionary(r => r.Id);
        var outcome = await stock.CountAsync(Input, ct);
        if (!outcome.Succeeded)
        {
            // The posted rows again, as typed, with each message next to its field; nothing was written.
            foreach (var (key, message) in outcome.Errors) ModelState.AddModelError(key.Length == 0 ? "" : "Input." + key, message);
            return Page();
        }
        Result = outcome.Value;
        ModelState.Clear();
        await FreshSheetAsync(ct);
        return Page();
    }

    private async Task FreshSheetAsync(CancellationToken ct)
    {
        var sheet = await queries.CountSheetAsync(ct);
        foreach (var row in sheet) Lots[row.Id] = row;
        Input = new StockCountInput
        {
            FormKey = Guid.NewGuid(),
            Rows = [.. sheet.Select(r => new StockCountRowInput { LotId = r.Id, Book = r.OnHand })],
        };
    }
}
