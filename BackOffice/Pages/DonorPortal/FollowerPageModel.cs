using ChildAid.Shared.CampaignUpdates;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.DonorPortal;

/// <summary>
/// The confirm and unsubscribe pages: anonymous, found by the token in their address, showing the campaign's title in
/// the reader's language.
/// </summary>
public abstract class FollowerPageModel(CampaignFollowers followers, ChildAidDbContext db) : PageModel
{
    protected CampaignFollowers Followers => followers;

    public CampaignFollower Follower { get; private set; } = null!;
    public string CampaignTitle { get; private set; } = "";

    /// <summary>False when the token names no follower (the page answers 404).</summary>
    protected async Task<bool> LoadAsync(Func<Task<CampaignFollower?>> find, CancellationToken ct)
    {
        // The token, not a staff member's units, decides: campaigns are read across units.
        (db.UnitScope, db.OrganisationScope) = (null, null);
        if (await find() is not { } follower) return false;
        Follower = follower;
        CampaignTitle = await followers.CampaignTitleAsync(follower, ct);
        return true;
    }
}
