using ChildAid.Shared.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Media;

/// <summary>Delete an image nothing uses (the library refuses otherwise, and the database's foreign key as well).</summary>
public class DeleteModel(MediaLibrary library) : PageModel
{
    public MediaItem? Item { get; private set; }
    public IReadOnlyList<MediaUseRow> Uses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var outcome = await library.DeleteAsync(id, ct);
        if (outcome.Succeeded)
        {
            TempData["Saved"] = Localization.StaffText.T("Đã xóa ảnh “{0}”.", outcome.Value!);
            return RedirectToPage("/Media/Index");
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.AddModelError("", outcome.Errors[""]);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Item = await library.FindAsync(id, ct);
        if (Item is null) return false;
        Uses = await library.WhereUsedAsync(id, ct);
        return true;
    }
}
