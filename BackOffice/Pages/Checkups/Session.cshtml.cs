using System.Security.Claims;
using ChildAid.BackOffice.Checkups;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Import;
using ChildAid.Shared.Needs;
using ChildAid.BackOffice.Localization;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Checkups;

/// <summary>
/// One session: pick a class, then the class grid, one row per child, saved all or nothing. A plain form; the page's
/// script only adds instant z-scores and warnings (from <see cref="OnPostPreviewAsync"/>) and Enter to move on.
/// </summary>
public class SessionModel(CheckupService checkups, ImportJobs jobs, CheckupExport export) : PageModel
{
    /// <summary>Why the session's results are exported (personal data): required, kept in the audit trail.</summary>
    [BindProperty] public string? Reason { get; set; }
    public const long MaxUploadBytes = 10 * 1024 * 1024;
    [BindProperty] public IFormFile? Upload { get; set; }
    /// <summary>The last import's result (row-by-row errors).</summary>
    public ImportResult? Imported { get; private set; }
    /// <summary>The refused import whose workbook can be downloaded back with the "Lỗi" column.</summary>
    public Guid? ImportJob { get; private set; }

    public CheckupSession Session { get; private set; } = null!;
    [BindProperty(SupportsGet = true, Name = "class")] public string? ClassName { get; set; }
    public IReadOnlyList<string> Classes { get; private set; } = [];
    public Dictionary<int, GridChild> Children { get; private set; } = [];
    [BindProperty] public List<MeasurementInput> Rows { get; set; } = [];
    public bool ShowsGrid => Session.Site?.Type == OrganisationType.HealthCentre || ClassName is not null;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        FillRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var outcome = await checkups.SaveGridAsync(id, Rows, ct);
        if (outcome.Errors.GetValueOrDefault("") is { } missing && outcome.Errors.Count == 1 && missing.StartsWith("Không tìm thấy buổi khám", StringComparison.Ordinal)) return NotFound();
        if (outcome.Succeeded)
        {
            TempData["Saved"] = StaffText.T("Đã lưu kết quả đo của {0} trẻ.", outcome.Value!.Saved)
                                + (outcome.Value.ReferenceProblem is { } problem ? " " + StaffText.T("Chưa tính được z-score: {0}", GrowthText.Problem(problem)) : "");
            return RedirectToPage("/Checkups/Session", new { id, @class = ClassName });
        }
        foreach (var (key, message) in outcome.Errors) ModelState.AddModelError(key, message);
        ModelState.AddModelError("", "Chưa lưu gì: sửa các ô được đánh dấu rồi lưu lại (cả lớp được lưu cùng một lần).");
        return Page();
    }

    /// <summary>Why the template is downloaded with the site's children listed (personal data): required, kept in the audit trail.</summary>
    [BindProperty] public string? TemplateReason { get; set; }

    /// <summary>The blank template: the columns only, no child (names are typed in, as on paper).</summary>
    public async Task<IActionResult> OnGetTemplateAsync(int id, CancellationToken ct) =>
        await checkups.FindSessionAsync(id, ct) is null
            ? NotFound()
            : File(CheckupImport.Template([]), NeedsExport.ContentType, $"mau-ket-qua-kham-{id}.xlsx");

    /// <summary>The template with a row per child of the session's site, after a reason; audited (<see cref="CheckupExport.TemplateAsync"/>).</summary>
    public async Task<IActionResult> OnPostTemplateAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var outcome = await export.TemplateAsync(Session, await checkups.GridAsync(Session, null, ct), TemplateReason, ct);
        if (outcome.Succeeded) return File(outcome.Value!.Bytes, NeedsExport.ContentType, $"mau-ket-qua-kham-{id}.xlsx");
        foreach (var message in outcome.Errors.Values) ModelState.AddModelError(nameof(TemplateReason), message);
        FillRows();
        return Page();
    }

    /// <summary>The session's measurements and z-scores as .xlsx (the template's columns first), after a reason; audited.</summary>
    public async Task<IActionResult> OnPostExportAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var outcome = await export.ExportAsync(id, Reason, ct);
        if (outcome.Succeeded) return File(outcome.Value!.Bytes, NeedsExport.ContentType, $"ket-qua-kham-{id}.xlsx");
        foreach (var (key, message) in outcome.Errors) ModelState.AddModelError(key, message);
        FillRows();
        return Page();
    }

    /// <summary>Imports a filled template: every row or none, each bad row listed; a refused file comes back with the "Lỗi" column.</summary>
    public async Task<IActionResult> OnPostImportAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), "Vui lòng chọn tệp Excel (.xlsx) đã điền theo mẫu.");
        else if (Upload.Length > MaxUploadBytes) ModelState.AddModelError(nameof(Upload), "Tệp lớn hơn 10 MB: hãy chia thành nhiều tệp.");
        else if (!Upload.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) ModelState.AddModelError(nameof(Upload), "Chỉ nhận tệp Excel .xlsx (dùng mẫu tải về ở trang này).");
        else
        {
            var job = await jobs.StartAsync(Upload, Uploader.Of(User), keepFile: true,
                (services, file, _) => services.GetRequiredService<CheckupImport>().RunAsync(id, file), refused => refused, result => result.Succeeded, ct);
            await job.Running;
            Imported = job.Result!;
            if (Imported.Succeeded)
            {
                TempData["Saved"] = StaffText.T("Đã nhập kết quả đo của {0} trẻ từ tệp.", Imported.RowsWritten);
                return RedirectToPage("/Checkups/Session", new { id, @class = ClassName });
            }
            ImportJob = job.Id;
        }
        FillRows();
        return Page();
    }

    /// <summary>The refused workbook back, row for row, with the "Lỗi" column; only its uploader gets it.</summary>
    public async Task<IActionResult> OnGetErrorsAsync(int id, Guid job, CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        if (await checkups.FindSessionAsync(id, ct) is null || jobs.Find<ImportResult>(job, userId) is not { Result: { Succeeded: false } result } found) return NotFound();
        var output = new MemoryStream();
        await using (var original = System.IO.File.OpenRead(found.TempFile))
            await Task.Run(() => ErrorWorkbook.Write(original, result.Errors, output), ct);
        output.Position = 0;
        return File(output, NeedsExport.ContentType, $"loi-{Path.GetFileNameWithoutExtension(found.FileName)}.xlsx");
    }

    /// <summary>The row's z-scores and warnings as typed (JSON), for the grid's script; nothing is stored.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, MeasurementInput row, CancellationToken ct)
    {
        var outcome = await checkups.PreviewAsync(id, row, ct);
        // A session or child outside the user's scope does not exist for them.
        if (outcome.Errors.ContainsKey("") && outcome.Errors[""].StartsWith("Không tìm thấy", StringComparison.Ordinal)) return NotFound();
        // The script shows these as they come: read in the staff member's language here.
        if (!outcome.Succeeded) return new JsonResult(new { ok = false, errors = outcome.Errors.ToDictionary(e => e.Key, e => StaffText.Message(e.Value)) });
        var r = outcome.Value!.Result;
        var note = outcome.Value.SkinfoldNote;
        return new JsonResult(new { ok = true, scores = GrowthText.Scores(r), status = GrowthText.Status(r.Status), note = note is null ? null : StaffText.Message(note),
            warnings = outcome.Value.Warnings.Select(StaffText.Message) });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await checkups.FindSessionAsync(id, ct) is not { } session) return false;
        Session = session;
        Classes = await checkups.ClassesAsync(session, ct);
        if (ClassName is not null && !Classes.Contains(ClassName)) ClassName = null;
        if (ShowsGrid) Children = (await checkups.GridAsync(session, ClassName, ct)).ToDictionary(c => c.ChildId);
        return true;
    }

    /// <summary>The grid as stored: each child's measurement in this session, or an empty row.</summary>
    private void FillRows() =>
        Rows = Children.Values.Select(c => c.Current is { } m ? MeasurementInput.From(m) : new MeasurementInput { ChildId = c.ChildId, Position = DefaultPosition(c) }).ToList();

    /// <summary>Lying under 2 years (day 731), standing from then: WHO's rule, so the usual case needs no choice.</summary>
    public MeasuredPosition DefaultPosition(GridChild c) =>
        Session.HeldOn.DayNumber - c.DateOfBirth.DayNumber < GrowthCalculator.FirstDayOfHeight ? MeasuredPosition.Lying : MeasuredPosition.Standing;

    public List<string> Warnings(GridChild c) => c.Current is { } m
        ? MeasurementWarnings.For(m.Flags, m.WeightKg, m.LengthCm, Session.HeldOn, c.Previous, c.PreviousOn).Select(StaffText.Message).ToList()
        : [];
}
