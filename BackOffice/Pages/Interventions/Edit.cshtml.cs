using ChildAid.BackOffice.Web;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Interventions;

/// <summary>Create (no id) or change an intervention; enrol the children of its sites.</summary>
public class EditModel(InterventionService interventions, MealService meals, TimeProvider clock) : PageModel
{
    [BindProperty] public InterventionInput Input { get; set; } = new();
    public int? Id { get; private set; }
    public int Enrolled { get; private set; }
    public InterventionChoices Choices { get; private set; } = new([], [], []);
    /// <summary>Meals served by school and month, for a school meal programme.</summary>
    public MealTotals? Meals { get; private set; }
    /// <summary>The enrolled children (by name), and the search for one more child to enrol (?q=).</summary>
    public IReadOnlyList<EnrolmentChild> EnrolledChildren { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    public IReadOnlyList<EnrolmentChild> Found { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } existing)
        {
            if (await interventions.FindAsync(existing, ct) is not { } intervention) return NotFound();
            Input = InterventionInput.From(intervention);
            Id = existing;
            Enrolled = await interventions.EnrolledCountAsync(existing, ct);
            if (intervention.Kind == InterventionKind.SchoolMeals) Meals = await meals.TotalsAsync(existing, ct: ct);
            EnrolledChildren = await interventions.EnrolledChildrenAsync(existing, ct) ?? [];
            if (!string.IsNullOrWhiteSpace(Query)) Found = await interventions.SearchChildrenAsync(existing, Query, ct);
        }
        else Input.StartsOn = clock.VietnamToday();
        Choices = await interventions.ChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing && await interventions.FindAsync(existing, ct) is null) return NotFound();
        if (ModelState.IsValid)
        {
            var outcome = id is { } intervention ? await interventions.UpdateAsync(intervention, Input, ct) : await interventions.CreateAsync(Input, ct);
            if (outcome.Succeeded)
            {
                TempData["Saved"] = Localization.StaffText.T("Đã lưu chương trình {0}.", outcome.Value!.Name);
                return RedirectToPage("/Interventions/Edit", new { id = outcome.Value.Id });
            }
            ModelState.AddErrors(outcome.Errors);
        }
        if (id is { } known) Enrolled = await interventions.EnrolledCountAsync(known, ct);
        Choices = await interventions.ChoicesAsync(ct);
        return Page();
    }

    /// <summary>Enrols one child found by the search.</summary>
    public async Task<IActionResult> OnPostEnrolChildAsync(int id, int childId, CancellationToken ct)
    {
        var outcome = await interventions.EnrolChildAsync(id, childId, ct);
        if (outcome.Errors.ContainsKey("")) return NotFound();
        TempData["Saved"] = outcome.Succeeded ? Localization.StaffText.T("Đã ghi danh {0}.", outcome.Value!.FullName) : Localization.StaffText.Message(outcome.Errors.Values.First());
        return RedirectToPage("/Interventions/Edit", new { id, q = Query });
    }

    /// <summary>Takes one enrolled child off the intervention.</summary>
    public async Task<IActionResult> OnPostUnenrolChildAsync(int id, int childId, CancellationToken ct)
    {
        var outcome = await interventions.UnenrolChildAsync(id, childId, ct);
        if (outcome.Errors.ContainsKey("")) return NotFound();
        TempData["Saved"] = outcome.Succeeded ? Localization.StaffText.T("Đã bỏ ghi danh {0}.", outcome.Value!.FullName) : Localization.StaffText.Message(outcome.Errors.Values.First());
        return RedirectToPage("/Interventions/Edit", new { id });
    }

    public async Task<IActionResult> OnPostEnrolAsync(int id, CancellationToken ct)
    {
        if (await interventions.EnrolSiteChildrenAsync(id, ct) is not { } added) return NotFound();
        TempData["Saved"] = Localization.StaffText.T("Đã ghi danh thêm {0} trẻ.", added);
        return RedirectToPage("/Interventions/Edit", new { id });
    }
}
