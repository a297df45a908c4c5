using ChildAid.BackOffice.Security;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Pledges;

/// <summary>Records a transfer for the pledge seen in the bank's app before the statement arrives (channel Transfer, on the pledge).</summary>
public class RecordTransferModel(PledgeQueries queries, PledgeService pledges, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    [BindProperty] public PledgeTransferInput Input { get; set; } = new();
    public PledgeDetails Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Input = new PledgeTransferInput
        {
            AmountVnd = Details.Pledge.OutstandingVnd > 0 ? Details.Pledge.OutstandingVnd : null, ReceivedOn = clock.VietnamToday(), IdempotencyKey = Guid.NewGuid(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Input.IdempotencyKey ??= Guid.NewGuid();
        if (!ModelState.IsValid) return Page();
        var outcome = await pledges.RecordTransferAsync(id, Input, ct);
        if (outcome.Succeeded)
        {
            TempData["Saved"] = Localization.StaffText.T("Đã ghi nhận phiếu thu {0} cho cam kết {1}.", outcome.Value!.ReceiptNumber, Details.Pledge.Reference);
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
        return null;
    }
}
