using ChildAid.BackOffice.Security;
using ChildAid.Shared.Audit;
using ChildAid.Shared.CampaignUpdates;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ChildAid.BackOffice.Pages.DonorPortal;

/// <summary>
/// <c>/theo-doi/{token}</c>: the double opt-in's confirm link. Opening it shows a button (mail scanners that open every
/// link confirm nothing); pressing it makes the follower active. An unknown, malformed or expired token is a 404 and
/// changes nothing. Anonymous and rate-limited like the donor page.
/// </summary>
[EnableRateLimiting(DonorLinkRateLimit.Policy)]
public class FollowModel(CampaignFollowers followers, ChildAidDbContext db, AuditActor actor) : FollowerPageModel(followers, db)
{
    public const string Actor = "Người theo dõi chiến dịch (đường dẫn xác nhận)";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct) =>
        await LoadAsync(token, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct)) return NotFound();
        (actor.UserId, actor.Name) = (null, Actor);
        if (!await Followers.ConfirmAsync(token, ct)) return NotFound();
        return RedirectToPage(new { token });
    }

    private Task<bool> LoadAsync(string token, CancellationToken ct) => LoadAsync(() => Followers.ByConfirmTokenAsync(token, ct), ct);
}
