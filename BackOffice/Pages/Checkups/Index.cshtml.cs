using ChildAid.BackOffice.Web;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Checkups;

/// <summary>Check-up sessions of the user's units (a health worker: their station's), and a form to open a new one.</summary>
public class IndexModel(CheckupService checkups) : PageModel
{
    [BindProperty] public SessionInput Input { get; set; } = new();
    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];
    public IReadOnlyList<Organisation> Sites { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var outcome = await checkups.CreateSessionAsync(Input, ct);
            if (outcome.Succeeded)
            {
                TempData["Saved"] = "Đã mở buổi khám. Chọn lớp để nhập kết quả đo.";
                return RedirectToPage("/Checkups/Session", new { id = outcome.Value!.Id });
            }
            ModelState.AddErrors(outcome.Errors);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Sessions = await checkups.SessionsAsync(ct);
        Sites = await checkups.SitesAsync(ct);
    }
}
