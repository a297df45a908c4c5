using ChildAid.BackOffice.Web;
using ChildAid.Shared.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Media;

public class FoldersModel(MediaLibrary library) : PageModel
{
    public sealed class FolderInput
    {
        public string? Name { get; set; }
        public int? ParentId { get; set; }
    }

    [BindProperty] public FolderInput Input { get; set; } = new();
    public IReadOnlyList<(int Id, string Path)> Folders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Folders = await library.FoldersAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var outcome = await library.AddFolderAsync(Input.Name, Input.ParentId, ct);
            if (outcome.Succeeded)
            {
                TempData["Saved"] = Localization.StaffText.T("Đã thêm thư mục “{0}”.", outcome.Value!.Name);
                return RedirectToPage("/Media/Folders");
            }
            ModelState.AddErrors(outcome.Errors);
        }
        Folders = await library.FoldersAsync(ct);
        return Page();
    }
}
