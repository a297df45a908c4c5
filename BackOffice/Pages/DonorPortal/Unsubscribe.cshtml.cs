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
/// <c>/huy-nhan-tin/{token}</c>, the address in every update's <c>List-Unsubscribe</c>. A POST unsubscribes at once,
/// with no page, cookie or anti-forgery token (RFC 8058: the mail program posts <c>List-Unsubscribe=One-Click</c>);
/// the token in the address is the proof (256 random bits, one per follower). A GET only shows a button, so a link
/// scanner opening it unsubscribes nobody. An unknown or malformed token is a 404 and changes nothing.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(DonorLinkRateLimit.Policy)]
public class UnsubscribeModel(CampaignFollowers followers, ChildAidDbContext db, AuditActor actor) : PageModel
{
    public const string Actor = "Người theo dõi chiến dịch (hủy nhận tin)";

    public CampaignFollower Follower { get; private set; } = null!;
    public string CampaignTitle { get; private set; } = "";

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
        await followers.UnsubscribeAsync(token, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(string token, CancellationToken ct)
    {
        (db.UnitScope, db.OrganisationScope) = (null, null);
        if (await followers.ByUnsubscribeTokenAsync(token, ct) is not { } follower) return false;
        Follower = follower;
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == follower.CampaignId, ct);
        CampaignTitle = ChildAid.Shared.Localization.Cultures.IsEnglish && campaign.TitleEn is { Length: > 0 } en ? en : campaign.Title;
        return true;
    }
}
