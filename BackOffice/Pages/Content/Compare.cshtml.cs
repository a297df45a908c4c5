using ChildAid.Shared.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Content;

/// <summary>Any two versions side by side, field by field, the changed words marked.</summary>
public class CompareModel(ContentQueries queries) : PageModel
{
    public ContentVersion Older { get; private set; } = null!;
    public ContentVersion Newer { get; private set; } = null!;
    public IReadOnlyList<FieldDiff> Fields { get; private set; } = [];
    public int ItemId { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int from, int to, CancellationToken ct)
    {
        var a = await queries.VersionAsync(id, Math.Min(from, to), ct);
        var b = await queries.VersionAsync(id, Math.Max(from, to), ct);
        if (a is null || b is null) return NotFound();
        (ItemId, Older, Newer) = (id, a, b);
        Fields = ContentDiff.Compare(a, b);
        return Page();
    }
}
