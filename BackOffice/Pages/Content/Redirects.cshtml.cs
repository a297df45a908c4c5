using ChildAid.BackOffice.Localization;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Content;

public class RedirectInput
{
    public string? FromPath { get; set; }
    public string? ToPath { get; set; }
}

/// <summary>Permanent redirects: the automatic ones (renames, moves) and those staff add; add and remove.</summary>
public class RedirectsModel(ContentService content, ContentQueries queries) : PageModel
{
    [BindProperty] public RedirectInput Input { get; set; } = new();
    public IReadOnlyList<ContentRedirect> Redirects { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Redirects = await queries.RedirectsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await content.AddRedirectAsync(Input.FromPath, Input.ToPath, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome.Errors);
            Redirects = await queries.RedirectsAsync(ct);
            return Page();
        }
        TempData["Saved"] = StaffText.T("Đã thêm chuyển hướng {0} → {1}.", outcome.Value!.FromPath, outcome.Value.ToPath);
        return RedirectToPage("/Content/Redirects");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int redirectId, CancellationToken ct)
    {
        var outcome = await content.RemoveRedirectAsync(redirectId, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome.Errors);
            Redirects = await queries.RedirectsAsync(ct);
            return Page();
        }
        TempData["Saved"] = StaffText.T("Đã xóa chuyển hướng {0} → {1}.", outcome.Value!.FromPath, outcome.Value.ToPath);
        return RedirectToPage("/Content/Redirects");
    }
}
