using ChildAid.Shared.Allocations;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Allocations;

/// <summary>Allocations of the user's units by state, with approve and reject; the proposer approving answers 403 and says why.</summary>
public class IndexModel(AllocationQueries queries, AllocationService allocations) : PageModel
{
    [BindProperty(SupportsGet = true)] public AllocationState? State { get; set; }
    /// <summary>Only one need line's allocations: the needs review links here from its "committed" figure.</summary>
    [BindProperty(SupportsGet = true)] public int? Need { get; set; }
    public IReadOnlyList<AllocationRow> Rows { get; private set; } = [];
    public string? Refusal { get; private set; }
    public bool MayDecide => Roles.DecideAllocations.Any(User.IsInRole);
    public bool MayPropose => Roles.ProposeAllocations.Any(User.IsInRole);
    public bool MayDispatch => Roles.DispatchGoods.Any(User.IsInRole);

    public async Task OnGetAsync(CancellationToken ct) => Rows = await queries.ListAsync(State, ct, Need);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var file = await AllocationQueries.WorkbookAsync(await queries.ListAsync(State, ct, Need), ct);
        return File(file, NeedsExport.ContentType, "phan-bo.xlsx");
    }

    public async Task<IActionResult> OnPostApproveAsync(int allocationId, CancellationToken ct)
    {
        if (!MayDecide) return Forbid();
        var decision = await allocations.ApproveAsync(allocationId, ct);
        if (decision.Refusal is { } refusal)
        {
            Refusal = refusal;
            Rows = await queries.ListAsync(State, ct);
            var page = Page();
            page.StatusCode = StatusCodes.Status403Forbidden;
            return page;
        }
        TempData["Saved"] = decision.Booked ? "Đã duyệt: phân bổ đã ghi vào sổ cái công khai." : decision.Problem;
        return RedirectToPage(new { State });
    }

    /// <summary>Undoes an approved allocation with a written reason: one reversal entry in the public ledger (a double click books once).</summary>
    public async Task<IActionResult> OnPostReverseAsync(int allocationId, string? reversalReason, CancellationToken ct)
    {
        if (!MayDecide) return Forbid();
        var outcome = await allocations.ReverseAsync(allocationId, reversalReason, ct);
        TempData["Saved"] = outcome.Succeeded ? "Đã hoàn phân bổ: sổ cái công khai ghi một bút toán hoàn; số tiền trở lại chưa phân bổ." : outcome.Errors["Reason"];
        return RedirectToPage(new { State });
    }

    public async Task<IActionResult> OnPostRejectAsync(int allocationId, string? reason, CancellationToken ct)
    {
        if (!MayDecide) return Forbid();
        var outcome = await allocations.RejectAsync(allocationId, reason, ct);
        TempData["Saved"] = outcome.Succeeded ? "Đã từ chối đề xuất phân bổ; không có gì ghi vào sổ cái." : outcome.Errors["Reason"];
        return RedirectToPage(new { State });
    }
}
