using ChildAid.BackOffice.Security;
using ChildAid.Shared.Contributions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Contributions;

/// <summary>The receipt, printable; shows whether it was reversed.</summary>
public class DetailsModel(ContributionQueries queries, ReversalService reversals, IAuthorizationService authorization) : PageModel
{
    public ContributionDetails Details { get; private set; } = null!;
    public Contribution Receipt => Details.Contribution;
    public ReversalRequest? PendingReversal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(id, ct);
        if (details is null) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, details.Contribution.AdminUnitId, Policies.CoversUnit)).Succeeded) return Forbid();
        Details = details;
        PendingReversal = await reversals.PendingForAsync(id, ct);
        return Page();
    }
}
