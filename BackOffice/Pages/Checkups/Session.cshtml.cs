using ChildAid.BackOffice.Checkups;
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
public class SessionModel(CheckupService checkups) : PageModel
{
    public CheckupSession Session { get; private set; } = null!;
    [BindProperty(SupportsGet = true, Name = "class")] public string? ClassName { get; set; }
    public IReadOnlyList<string> Classes { get; private set; } = [];
    public Dictionary<int, GridChild> Children { get; private set; } = [];
    [BindProperty] public List<MeasurementInput> Rows { get; set; } = [];
    public bool ShowsGrid => Session.Site?.Type == OrganisationType.HealthCentre || ClassName is not null;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Rows = Children.Values.Select(c => c.Current is { } m ? MeasurementInput.From(m) : new MeasurementInput { ChildId = c.ChildId, Position = DefaultPosition(c) }).ToList();
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

    /// <summary>The row's z-scores and warnings as typed (JSON), for the grid's script; nothing is stored.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, MeasurementInput row, CancellationToken ct)
    {
        var outcome = await checkups.PreviewAsync(id, row, ct);
        // A session or child outside the user's scope does not exist for them.
        if (outcome.Errors.ContainsKey("") && outcome.Errors[""].StartsWith("Không tìm thấy", StringComparison.Ordinal)) return NotFound();
        // The script shows these as they come: read in the staff member's language here.
        if (!outcome.Succeeded) return new JsonResult(new { ok = false, errors = outcome.Errors.ToDictionary(e => e.Key, e => StaffText.Message(e.Value)) });
        var r = outcome.Value!.Result;
        return new JsonResult(new { ok = true, scores = GrowthText.Scores(r), status = GrowthText.Status(r.Status), warnings = outcome.Value.Warnings.Select(StaffText.Message) });
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

    /// <summary>Lying under 2 years (day 731), standing from then: WHO's rule, so the usual case needs no choice.</summary>
    public MeasuredPosition DefaultPosition(GridChild c) =>
        Session.HeldOn.DayNumber - c.DateOfBirth.DayNumber < GrowthCalculator.FirstDayOfHeight ? MeasuredPosition.Lying : MeasuredPosition.Standing;

    public List<string> Warnings(GridChild c) => c.Current is { } m
        ? MeasurementWarnings.For(m.Flags, m.WeightKg, m.LengthCm, Session.HeldOn, c.Previous, c.PreviousOn).Select(StaffText.Message).ToList()
        : [];
}
