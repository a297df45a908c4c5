using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Media;

public class IndexModel(MediaLibrary library) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Folder { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Paged<MediaRow> Result { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Path)> Folders { get; private set; } = [];
    public IReadOnlyList<(int MediaId, IReadOnlyList<MediaUseRow> Uses)> ErasedStillUsed { get; private set; } = [];
    public bool CanManage => User.IsInRole(Roles.Admin) || User.IsInRole(Roles.MediaEditor);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await library.ListAsync(Q, Folder, PageNumber, ct);
        Folders = await library.FoldersAsync(ct);
        ErasedStillUsed = await library.ErasedStillUsedAsync(ct);
    }

    public string Link(int page) => Url.Page("/Media/Index", new { q = Q, folder = Folder, p = page })!;
}
