using ChildAid.BackOffice.Security;
using ChildAid.Shared.Audit;
using ChildAid.Shared.CampaignUpdates;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Pages.DonorPortal;

/// <summary>
/// <c>/theo-doi/{token}</c>: the double opt-in's confirm link. Opening it shows a button (mail scanners that open every
/// link confirm nothing); pressing it makes the follower active. An unknown, malformed or expired token is a 404 and
/// changes nothing. Anonymous and rate-limited like the donor page.
/// </summary>
[EnableRateLimiting(DonorLinkRateLimit.Policy)]
public class FollowModel(CampaignFollowers followers, ChildAidDbContext db, AuditActor actor) : PageModel
{
    public const string Actor = "Người theo dõi chiến dịch (đường dẫn xác nhận)";

    public CampaignFollower Follower { get; private set; } = null!;
    public string CampaignTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct) =>
        await LoadAsync(token, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct)) return NotFound();
        (actor.UserId, actor.Name) = (null, Actor);
        if (!await followers.ConfirmAsync(token, ct)) return NotFound();
        return RedirectToPage(new { token });
    }

    private async Task<bool> LoadAsync(string token, CancellationToken ct)
    {
        // The token, not a staff member's units, decides: campaigns are read across units.
        (db.UnitScope, db.OrganisationScope) = (null, null);
        if (await followers.ByConfirmTokenAsync(token, ct) is not { } follower) return false;
        Follower = follower;
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == follower.CampaignId, ct);
        CampaignTitle = ChildAid.Shared.Localization.Cultures.IsEnglish && campaign.TitleEn is { Length: > 0 } en ? en : campaign.Title;
        return true;
    }
}
