using ChildAid.BackOffice.Localization;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Content;

/// <summary>Every version of an item: pick two to compare, or roll back to one (a new version with its words).</summary>
public class HistoryModel(ContentService content, ContentQueries queries) : PageModel
{
    public ContentItem Item { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public IReadOnlyList<ContentVersion> Versions { get; private set; } = [];
    public bool Writes { get; private set; }
    [BindProperty] public int? ItemVersion { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRollbackAsync(int id, int number, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var outcome = await content.RollbackAsync(id, number, ItemVersion, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome.Errors, prefix: "");
            return Page();
        }
        TempData["Saved"] = StaffText.T("Đã khôi phục phiên bản {0} thành phiên bản {1}.", number, outcome.Value!.LatestVersion);
        return RedirectToPage("/Content/History", new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await queries.ItemAsync(id, ct) is not { } item) return false;
        Item = item;
        Versions = await queries.HistoryAsync(id, ct);
        Title = Versions.FirstOrDefault()?.Title ?? item.Path;
        Writes = (await content.ActorAsync(ct)).Writes(item.Type);
        return true;
    }
}
