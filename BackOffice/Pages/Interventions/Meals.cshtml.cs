using System.Globalization;
using System.Security.Claims;
using ChildAid.BackOffice.Localization;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Import;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Interventions;

/// <summary>
/// Meals served per school and day of a school meal programme: without an id, the programmes and schools the reader may
/// enter for; with one, a school's week (Monday to Friday) saved all or nothing, and the programme's totals.
/// </summary>
public class MealsModel(MealService meals, ImportJobs jobs, TimeProvider clock) : PageModel
{
    public IReadOnlyList<MealSchool> Places { get; private set; } = [];
    public MealWeek? Week { get; private set; }
    public MealTotals? Totals { get; private set; }
    [BindProperty] public List<MealDayInput> Rows { get; set; } = [];
    /// <summary>Warnings of the rows just saved (more meals than enrolled pupils), by field.</summary>
    public IReadOnlyDictionary<string, string> Warnings { get; private set; } = new Dictionary<string, string>();

    /// <summary>The last import's result (row-by-row errors, or how many rows were written).</summary>
    public ImportResult? Imported { get; private set; }
    /// <summary>After an import: the programme's days with more meals than enrolled pupils (a warning to check).</summary>
    public IReadOnlyList<MealOverEnrolled> OverEnrolled { get; private set; } = [];
    /// <summary>The refused import whose workbook can be downloaded back with the "Lỗi" column.</summary>
    public Guid? ImportJob { get; private set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    /// <summary>The template: the columns, and an example row per school the reader may enter for.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(int id, CancellationToken ct)
    {
        var places = await meals.PlacesAsync(id, ct);
        if (places.Count == 0) return NotFound();
        return File(MealImport.Template(places, clock.VietnamToday()), EvaluationWorkbook.ContentType, $"mau-suat-an-{id}.xlsx");
    }

    /// <summary>Imports a filled template: all rows or none, every bad row listed with its line.</summary>
    public async Task<IActionResult> OnPostImportAsync(int id, int? school, string? week, CancellationToken ct)
    {
        if ((await meals.PlacesAsync(id, ct)).Count == 0) return NotFound();
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), "Vui lòng chọn tệp Excel (.xlsx) đã điền theo mẫu.");
        else if (Upload.Length > MaxUploadBytes) ModelState.AddModelError(nameof(Upload), "Tệp lớn hơn 10 MB: hãy chia thành nhiều tệp.");
        else if (!Upload.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)) ModelState.AddModelError(nameof(Upload), "Chỉ nhận tệp Excel .xlsx (dùng mẫu tải về ở trang này).");
        else
        {
            // Run to the end in the request (a week's file is small), through the import jobs so the file is kept:
            // a refused import offers it back with the "Lỗi" column, like the needs import.
            var job = await jobs.StartAsync(Upload, Uploader.Of(User), keepFile: true,
                (services, file, _) => services.GetRequiredService<MealImport>().RunAsync(id, file), refused => refused, result => result.Succeeded, ct);
            await job.Running;
            Imported = job.Result!;
            if (Imported.Succeeded)
            {
                TempData["Saved"] = StaffText.T("Đã nhập {0} ngày suất ăn từ tệp.", Imported.RowsWritten);
                OverEnrolled = await meals.OverEnrolledAsync(id, ct: ct);
            }
            else ImportJob = job.Id;
        }
        await LoadAsync(id, school, week, ct);
        Rows = Week!.Days.Select(d => new MealDayInput { Day = d.Day, Meals = d.Entry?.Meals.ToString(CultureInfo.InvariantCulture),
            CostPerMealVnd = d.Entry is { } e ? ChildAid.Shared.Text.VietnameseFormat.Number(e.CostPerMealVnd) : null }).ToList();
        return Page();
    }

    /// <summary>The refused workbook back, row for row, with the "Lỗi" column; only its uploader gets it.</summary>
    public async Task<IActionResult> OnGetErrorsAsync(int id, Guid job, CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        if ((await meals.PlacesAsync(id, ct)).Count == 0 || jobs.Find<ImportResult>(job, userId) is not { Result: { Succeeded: false } result } found) return NotFound();
        var output = new MemoryStream();
        await using (var original = System.IO.File.OpenRead(found.TempFile))
            await Task.Run(() => ErrorWorkbook.Write(original, result.Errors, output), ct);
        output.Position = 0;
        return File(output, EvaluationWorkbook.ContentType, $"loi-{Path.GetFileNameWithoutExtension(found.FileName)}.xlsx");
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(int? id, int? school, string? week, CancellationToken ct)
    {
        Places = await meals.PlacesAsync(id, ct);
        if (id is null) return Page();
        if (!await LoadAsync(id.Value, school, week, ct)) return NotFound();
        Rows = Week!.Days.Select(d => new MealDayInput
        {
            Day = d.Day,
            Meals = d.Entry?.Meals.ToString(CultureInfo.InvariantCulture),
            // A new day in the period starts with the last cost entered: most weeks only the meals change.
            CostPerMealVnd = d.Entry is { } e ? ChildAid.Shared.Text.VietnameseFormat.Number(e.CostPerMealVnd)
                : d.InPeriod && !d.Future && Week.LastCostVnd is { } last ? ChildAid.Shared.Text.VietnameseFormat.Number(last) : null,
        }).ToList();
        // Pre-filled costs of empty days are only a suggestion: a row with only a cost is still empty for the reader.
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int school, string? week, CancellationToken ct)
    {
        if (await meals.PlaceAsync(id, school, ct) is null) return NotFound();
        // A day whose meals cell is empty was not served, whatever the pre-filled cost says.
        foreach (var row in Rows.Where(r => string.IsNullOrWhiteSpace(r.Meals))) row.CostPerMealVnd = null;
        var outcome = await meals.SaveDaysAsync(id, school, Rows, ct);
        if (outcome.Succeeded && outcome.Value!.Warnings.Count == 0)
        {
            TempData["Saved"] = StaffText.T("Đã lưu số suất ăn: {0} ngày thay đổi, {1} ngày xóa.", outcome.Value.Saved, outcome.Value.Removed);
            return RedirectToPage("/Interventions/Meals", new { id, school, week });
        }
        await LoadAsync(id, school, week, ct);
        if (outcome.Succeeded)
        {
            TempData["Saved"] = StaffText.T("Đã lưu số suất ăn: {0} ngày thay đổi, {1} ngày xóa.", outcome.Value!.Saved, outcome.Value.Removed);
            Warnings = outcome.Value.Warnings.ToDictionary(w => w.Key, w => StaffText.Message(w.Value));
            return Page();
        }
        foreach (var (key, message) in outcome.Errors) ModelState.AddModelError(key, message);
        ModelState.AddModelError("", "Chưa lưu gì: sửa các ô được đánh dấu rồi lưu lại (cả tuần được lưu cùng một lần).");
        return Page();
    }

    private async Task<bool> LoadAsync(int id, int? school, string? week, CancellationToken ct)
    {
        if (Places.Count == 0) Places = await meals.PlacesAsync(id, ct);
        var place = school is { } s ? Places.FirstOrDefault(p => p.SchoolId == s) : Places.FirstOrDefault();
        if (place is null) return false;
        var today = clock.VietnamToday();
        var day = DateOnly.TryParseExact(week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked) ? asked
            : today < place.StartsOn ? place.StartsOn : today > place.EndsOn ? place.EndsOn : today;
        Week = await meals.WeekAsync(id, place.SchoolId, day, ct);
        Totals = await meals.TotalsAsync(id, ct: ct);
        return Week is not null;
    }
}
