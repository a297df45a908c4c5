using System.Security.Claims;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Import;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.BankStatements;

/// <summary>Upload a statement (CSV or .xlsx) into an account; it is imported in the background and this page shows progress, then the report.</summary>
public class ImportModel(BankAccountService accounts, ImportJobs jobs) : PageModel
{
    private static readonly TimeSpan InlineWait = TimeSpan.FromSeconds(3);
    public const long MaxUploadBytes = 100 * 1024 * 1024;

    [BindProperty(SupportsGet = true)] public int AccountId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Job { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public BankAccount? Account { get; private set; }
    public ImportJobs.Job<BankImportReport>? Running { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if ((Account = await accounts.FindAsync(AccountId, ct)) is null) return NotFound();
        if (Job is { } id && (Running = jobs.Find<BankImportReport>(id, UserId)) is null) return NotFound();
        if (Running is { Result: null }) Response.Headers["Refresh"] = "2";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if ((Account = await accounts.FindAsync(AccountId, ct)) is null) return NotFound();
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), "Vui lòng chọn tệp sao kê (CSV hoặc Excel .xlsx) tải từ ngân hàng.");
        else if (Upload.Length > MaxUploadBytes) ModelState.AddModelError(nameof(Upload), "Tệp lớn hơn 100 MB: hãy chia theo tháng.");
        if (!ModelState.IsValid) return Page();
        var accountId = AccountId;
        var job = await jobs.StartAsync(Upload!, Uploader.Of(User), keepFile: true,
            (services, file, running) => services.GetRequiredService<BankStatementImporter>().RunAsync(accountId, file, running.FileName, running),
            refused => new BankImportReport(refused, null), report => report.Succeeded, ct);
        await Task.WhenAny(job.Running, Task.Delay(InlineWait, ct));
        return RedirectToPage(new { accountId = AccountId, job = job.Id });
    }

    /// <summary>
    /// The refused statement back as a workbook (a CSV file too), row for row with its title lines, and a "Lỗi" column
    /// beside the bank's columns; only its uploader gets it, for the hour the import is remembered.
    /// </summary>
    public async Task<IActionResult> OnGetErrorsAsync(CancellationToken ct)
    {
        if ((Account = await accounts.FindAsync(AccountId, ct)) is null) return NotFound();
        if (Job is not { } id || jobs.Find<BankImportReport>(id, UserId) is not { Result: { Succeeded: false } report } found
            || !HasRowErrors(report) || !System.IO.File.Exists(found.TempFile)) return NotFound();
        var output = new MemoryStream();
        await using (var original = System.IO.File.OpenRead(found.TempFile))
            await Task.Run(() => ErrorWorkbook.Write(StatementFile.Read(original), report.Result.Errors, output, report.Result.HeaderRow), ct);
        output.Position = 0;
        return File(output, NeedsExport.ContentType, $"loi-{Path.GetFileNameWithoutExtension(found.FileName)}.xlsx");
    }

    /// <summary>Errors on rows of the file (not only "unreadable" or "imported before"): worth a workbook.</summary>
    public static bool HasRowErrors(BankImportReport report) => report.Result.Errors.Any(e => e.Row > 0);

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
