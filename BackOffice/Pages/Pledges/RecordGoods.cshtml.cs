using ChildAid.BackOffice.Security;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Pledges;

/// <summary>
/// Records goods a business delivered for its pledge: one row per pledged line with what is still missing, the quantity that
/// came and its value each; an in-kind receipt for the pledge's donor is made, and the pledge shows what is received.
/// </summary>
public class RecordGoodsModel(PledgeQueries queries, PledgeService pledges, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    [BindProperty] public PledgeGoodsInput Input { get; set; } = new();
    public PledgeDetails Details { get; private set; } = null!;
    /// <summary>The pledged lines, in the order of <see cref="PledgeGoodsInput.Lines"/>.</summary>
    public IReadOnlyList<PledgeGoodsLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Input = new PledgeGoodsInput
        {
            ReceivedOn = clock.VietnamToday(), IdempotencyKey = Guid.NewGuid(),
            Lines = [.. Lines.Select(l => new PledgeGoodsReceived { Quantity = l.OutstandingQuantity > 0 ? (int)l.OutstandingQuantity : null })],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Input.IdempotencyKey ??= Guid.NewGuid();
        while (Input.Lines.Count < Lines.Count) Input.Lines.Add(new PledgeGoodsReceived());
        if (!ModelState.IsValid) return Page();
        var outcome = await pledges.RecordGoodsAsync(id, Input, ct);
        if (outcome.Succeeded)
        {
            TempData["Saved"] = Localization.StaffText.T("Đã lập phiếu thu hiện vật {0} cho cam kết {1}; hàng chờ kiểm tra khi nhập kho.",
                outcome.Value!.ReceiptNumber, Details.Pledge.Reference);
            return RedirectToPage("/Pledges/Details", new { id });
        }
        ModelState.AddErrors(outcome.Errors);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        (var details, var refused) = await PledgePage.FindAsync(this, queries, authorization, id, ct);
        if (details is null) return refused;
        Details = details;
        Lines = [.. details.Goods.Where(l => l.PledgedQuantity > 0)];
        return null;
    }
}
