using ChildAid.Shared.Allocations;
using ChildAid.Shared.Needs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Allocations;

/// <summary>
/// The suggestion run (gợi ý phân bổ): run it over the user's units, review the table, edit an amount or untick a row, and
/// send the kept rows as proposals (the proposer is the user; a colleague approves them on /Allocations as any proposal).
/// The same form posted twice proposes once.
/// </summary>
public class SuggestModel(SuggestionRun suggestions) : PageModel
{
    /// <summary>Rows on the page (three form fields each, well under the form's 1,024 values); the workbook has them all.</summary>
    public const int MaxRows = 200;

    [BindProperty] public Guid RunKey { get; set; }
    [BindProperty] public List<RowInput> Rows { get; set; } = [];
    public SuggestionResult? Result { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public sealed class RowInput
    {
        public string Ref { get; set; } = "";
        public bool Selected { get; set; }
        public long? Amount { get; set; }
    }

    public async Task OnGetAsync(bool run = false, CancellationToken ct = default)
    {
        if (!run) return;
        await RunAsync(ct);
        RunKey = Guid.NewGuid();
        Rows = [.. Result!.Rows.Take(MaxRows).Select(r => new RowInput { Ref = r.Ref, Selected = true, Amount = r.Suggestion.Quantity ?? r.Suggestion.AmountVnd })];
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var file = await SuggestionRun.WorkbookAsync((await suggestions.RunAsync(ct)).Rows, ct);
        return File(file, NeedsExport.ContentType, "goi-y-phan-bo.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var choices = new List<(int Index, SuggestionChoice Choice)>();
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            if (!row.Selected) continue;
            if (Parse(row.Ref) is not { } choice)
            {
                ModelState.AddModelError($"Rows[{i}].Amount", "Dòng gợi ý không hợp lệ; hãy chạy gợi ý lại.");
                continue;
            }
            if (ModelState[$"Rows[{i}].Amount"]?.Errors.Count > 0) continue;
            if (row.Amount is not > 0)
            {
                ModelState.AddModelError($"Rows[{i}].Amount", choice.GoodsLineId is null ? "Nhập số tiền lớn hơn 0 ₫." : "Nhập số lượng lớn hơn 0.");
                continue;
            }
            choices.Add((i, choice with { Amount = row.Amount.Value }));
        }
        if (RunKey == Guid.Empty) ModelState.AddModelError("", "Hãy chạy gợi ý trước.");
        else if (choices.Count == 0 && ModelState.IsValid) ModelState.AddModelError("", "Chưa chọn dòng gợi ý nào.");
        if (!ModelState.IsValid)
        {
            await RunAsync(ct);
            return Page();
        }

        await RunAsync(ct);
        var reasons = Result!.Rows.GroupBy(r => r.Ref).ToDictionary(g => g.Key, g => g.First().Reasons);
        var outcomes = await suggestions.ProposeAsync(RunKey, [.. choices.Select(c => c.Choice)], reasons, ct);
        var refused = choices.Where(c => outcomes.GetValueOrDefault(Rows[c.Index].Ref) is not null).ToList();
        var proposed = choices.Count - refused.Count;
        if (refused.Count == 0)
        {
            TempData["Saved"] = Localization.StaffText.T("Đã gửi {0} đề xuất phân bổ từ gợi ý; một cán bộ khác cần duyệt.", proposed);
            return RedirectToPage("/Allocations/Index", new { State = AllocationState.Proposed });
        }
        foreach (var (index, _) in refused) ModelState.AddModelError($"Rows[{index}].Amount", outcomes[Rows[index].Ref]!);
        Problems = [Localization.StaffText.T("Đã gửi {0} đề xuất; {1} dòng không đề xuất được (xem lý do ở từng dòng).", proposed, refused.Count)];
        return Page();
    }

    /// <summary>The row a posted reference names: receipt, goods line (0 for money), need line.</summary>
    private static SuggestionChoice? Parse(string reference)
    {
        var parts = reference.Split('-');
        if (parts.Length != 3 || !int.TryParse(parts[0], out var contribution) || !int.TryParse(parts[1], out var goods) || !int.TryParse(parts[2], out var need))
            return null;
        return new SuggestionChoice(contribution, goods == 0 ? null : goods, need, 0);
    }

    private async Task RunAsync(CancellationToken ct) => Result = await suggestions.RunAsync(ct);

    /// <summary>The rows to show: after a post, what was posted (with its ticks and amounts) in the order of a fresh run.</summary>
    public IEnumerable<(int Index, SuggestionRow? Row, RowInput Input)> Table()
    {
        var byRef = Result?.Rows.GroupBy(r => r.Ref).ToDictionary(g => g.Key, g => g.First()) ?? [];
        for (var i = 0; i < Rows.Count; i++) yield return (i, byRef.GetValueOrDefault(Rows[i].Ref), Rows[i]);
    }
}
