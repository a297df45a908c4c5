using ChildAid.BackOffice.Security;
using ChildAid.Shared.Pledges;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Pledges;

/// <summary>How every page of one pledge finds it: through the user's unit scope (404 when not there), then the unit policy (403).</summary>
public static class PledgePage
{
    public static async Task<(PledgeDetails? Details, IActionResult? Refused)> FindAsync(PageModel page, PledgeQueries queries,
        IAuthorizationService authorization, int id, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(id, ct);
        if (details is null) return (null, page.NotFound());
        if (!(await authorization.AuthorizeAsync(page.User, details.Pledge.AdminUnitId, Policies.CoversUnit)).Succeeded) return (null, page.Forbid());
        return (details, null);
    }
}
