using ChildAid.BackOffice.Security;
using ChildAid.Shared.Pledges;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Pledges;

/// <summary>One pledge: donor, amounts, instalments, in-kind lines, the donor's message and the receipts that paid it.</summary>
public class DetailsModel(PledgeQueries queries, IAuthorizationService authorization) : PageModel
{
    public PledgeDetails Details { get; private set; } = null!;
    public Pledge Pledge => Details.Pledge;
    public bool CanCancel { get; private set; }
    public bool CanRecord { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        (var details, var refused) = await PledgePage.FindAsync(this, queries, authorization, id, ct);
        if (details is null) return refused!;
        Details = details;
        CanCancel = details.Pledge is { Status: PledgeState.Pledged, PaidVnd: 0 } && Roles.RecordReceipts.Any(User.IsInRole);
        CanRecord = details.Pledge.Status != PledgeState.Cancelled && Roles.RecordReceipts.Any(User.IsInRole);
        return Page();
    }
}
