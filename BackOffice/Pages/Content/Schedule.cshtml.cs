using ChildAid.Shared.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Content;

/// <summary>Everything scheduled and every scheduled step that failed: nothing waits silently.</summary>
public class ScheduleModel(ContentQueries queries) : PageModel
{
    public IReadOnlyList<ContentRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await queries.ScheduledAsync(ct);
}
