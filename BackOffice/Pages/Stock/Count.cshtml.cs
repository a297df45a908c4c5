using System.Security.Claims;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Import;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Stock;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Stock;

/// <summary>
/// A stock count (kiểm kê) of the user's communes: every stocked lot with goods on hand and a "counted" field; a shortfall is
/// written off as lost (one ledger movement per short lot), a surplus is refused next to its field, all or nothing. The same
/// sheet as a workbook to print and fill in the store room, and that workbook imported back once filled
/// (<see cref="StockCountImport"/>): every bad row listed with its line, and the file offered back with a "Lỗi" column.
/// </summary>
public class CountModel(StockQueries queries, StockService stock, ImportJobs jobs) : PageModel
{
    public const long MaxUploadBytes = 10 * 1024 * 1024;
    [BindProperty] public IFormFile? Upload { get; set; }
    /// <summary>A refused import: its rows' errors, and the job that keeps the file for the error workbook.</summary>
    public ImportResult? ImportFailed { get; private set; }
    public Guid? ImportJob { get; private set; }

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

    /// <summary>The filled count sheet: counted as the form would count it, all rows or none.</summary>
    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), "Vui lòng chọn phiếu kiểm kê (.xlsx) đã điền số đếm được.");
        else if (Upload.Length > MaxUploadBytes) ModelState.AddModelError(nameof(Upload), "Tệp lớn hơn 10 MB: hãy chia thành nhiều tệp.");
        else if (!Upload.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) ModelState.AddModelError(nameof(Upload), "Chỉ nhận tệp Excel .xlsx (dùng phiếu kiểm kê tải về ở trang này).");
        else
        {
            Lots = (await queries.CountSheetAsync(ct)).ToDictionary(r => r.Id);
            // Run to the end in the request (a store's sheet is small), through the import jobs so a refused file is kept
            // and offered back with its "Lỗi" column.
            var job = await jobs.StartAsync(Upload, Uploader.Of(User), keepFile: true,
                (services, file, _) => services.GetRequiredService<StockCountImport>().RunAsync(file),
                refused => new StockCountImportResult(refused, null), result => result.Import.Succeeded, ct);
            await job.Running;
            if (job.Result!.Count is { } count) Result = count;
            else
            {
                ImportFailed = job.Result.Import;
                ImportJob = job.Id;
            }
        }
        await FreshSheetAsync(ct);
        return Page();
    }

    /// <summary>The refused workbook back, row for row, with the "Lỗi" column; only its uploader gets it.</summary>
    public async Task<IActionResult> OnGetErrorsAsync(Guid job, CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        if (jobs.Find<StockCountImportResult>(job, userId) is not { Result.Import: { Succeeded: false } result } found) return NotFound();
        var output = new MemoryStream();
        await using (var original = System.IO.File.OpenRead(found.TempFile))
            await Task.Run(() => ErrorWorkbook.Write(original, result.Errors, output), ct);
        output.Position = 0;
        return File(output, NeedsExport.ContentType, $"loi-{Path.GetFileNameWithoutExtension(found.FileName)}.xlsx");
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
