using ChildAid.BackOffice.Security;
using ChildAid.Shared.Audit;
using ChildAid.Shared.CampaignUpdates;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ChildAid.BackOffice.Pages.DonorPortal;

/// <summary>
/// <c>/huy-nhan-tin/{token}</c>, the address in every update's <c>List-Unsubscribe</c>. A POST unsubscribes at once,
/// with no page, cookie or anti-forgery token (RFC 8058: the mail program posts <c>List-Unsubscribe=One-Click</c>);
/// the token in the address is the proof (256 random bits, one per follower). A GET only shows a button, so a link
/// scanner opening it unsubscribes nobody. An unknown or malformed token is a 404 and changes nothing.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(DonorLinkRateLimit.Policy)]
public class UnsubscribeModel(CampaignFollowers followers, ChildAidDbContext db, AuditActor actor) : FollowerPageModel(followers, db)
{
    public const string Actor = "Người theo dõi chiến dịch (hủy nhận tin)";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct) =>
        await LoadAsync(token, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            // A plain 404: the status page would be run again as a POST, and it (rightly) wants an anti-forgery token.
            if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            return NotFound();
        }
        (actor.UserId, actor.Name) = (null, Actor);
        await Followers.UnsubscribeAsync(token, ct);
        return Page();
    }

    private Task<bool> LoadAsync(string token, CancellationToken ct) => LoadAsync(() => Followers.ByUnsubscribeTokenAsync(token, ct), ct);
}
