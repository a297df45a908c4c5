using ChildAid.BackOffice.Web;
using ChildAid.Shared.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>The admin's page for the published priority criteria (weights, in use) and the scale's thresholds.</summary>
public class CriteriaModel(PriorityCriteriaService service) : PageModel
{
    [BindProperty] public List<CriterionInput> Criteria { get; set; } = [];
    [BindProperty] public int? Level1From { get; set; }
    [BindProperty] public int? Level2From { get; set; }
    [BindProperty] public int? Level3From { get; set; }
    public IReadOnlyList<PriorityCriterion> Published { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (criteria, scale) = await service.LoadAsync(ct);
        Published = criteria;
        Criteria = criteria.Select(c => new CriterionInput { Id = c.Id, Weight = c.Weight, IsActive = c.IsActive }).ToList();
        (Level1From, Level2From, Level3From) = (scale.Level1From, scale.Level2From, scale.Level3From);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await service.SaveAsync(Criteria, Level1From, Level2From, Level3From, ct);
        if (outcome.Succeeded)
        {
            TempData["Saved"] = Localization.StaffText.T("Đã lưu tiêu chí; {0} dòng nhu cầu của các bản rà soát chưa duyệt đã được tính lại cấp độ.", outcome.Value);
            return RedirectToPage();
        }
        foreach (var (key, message) in outcome.Errors) ModelState.AddModelError(key, message);
        var (criteria, _) = await service.LoadAsync(ct);
        Published = Criteria.Select(i => criteria.First(c => c.Id == i.Id)).ToList();
        return Page();
    }
}
