using ChildAid.Shared.Children;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Children;

/// <summary>
/// Possible duplicates in the user's units, side by side: merge (choose the record that survives) or "not the same
/// child". Rules and the matching in <see cref="ChildDuplicates"/>; a child outside the user's units is not found (404).
/// Below them, the merges not undone yet, each with "undo" for a merge made by mistake.
/// </summary>
public class DuplicatesModel(ChildDuplicates duplicates) : PageModel
{
    public IReadOnlyList<DuplicatePair> Pairs { get; private set; } = [];
    public IReadOnlyList<MergeRecord> Merges { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Pairs = await duplicates.PairsAsync(ct);
        Merges = await duplicates.RecentMergesAsync(ct: ct);
    }

    public async Task<IActionResult> OnPostUndoAsync(int merge, CancellationToken ct)
    {
        var outcome = await duplicates.UndoMergeAsync(merge, ct);
        if (!outcome.Succeeded && outcome.Errors.GetValueOrDefault("") is { } message)
        {
            if (message == ChildDuplicates.NotFound) return NotFound();
            TempData["Saved"] = message;
        }
        else TempData["Saved"] = Localization.StaffText.T("Đã hoàn tác lần gộp: hồ sơ số {0} ({1}) trở lại danh sách với lịch sử của mình.", outcome.Value!.Id, outcome.Value.FullName);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMergeAsync(int keep, int other, CancellationToken ct)
    {
        var outcome = await duplicates.MergeAsync(keep, other, ct);
        if (!outcome.Succeeded && outcome.Errors.GetValueOrDefault("") is { } message)
        {
            if (message == ChildDuplicates.NotFound) return NotFound();
            TempData["Saved"] = message;
        }
        else TempData["Saved"] = Localization.StaffText.T("Đã gộp hồ sơ số {0} vào hồ sơ số {1} ({2}).", other, keep, outcome.Value!.FullName);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDistinctAsync(int first, int second, CancellationToken ct)
    {
        var outcome = await duplicates.MarkDistinctAsync(first, second, ct);
        if (!outcome.Succeeded) return NotFound();
        TempData["Saved"] = Localization.StaffText.T("Đã ghi nhận: hồ sơ số {0} và số {1} không phải cùng một trẻ.", outcome.Value!.FirstChildId, outcome.Value.SecondChildId);
        return RedirectToPage();
    }
}
