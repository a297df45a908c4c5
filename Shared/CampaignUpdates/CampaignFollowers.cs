using ChildAid.Shared.Localization;
using System.Buffers.Text;
using System.Net.Mail;
using System.Security.Cryptography;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.CampaignUpdates;

/// <summary>
/// Campaign followers, double opt-in: a request makes a pending follower and mails the confirm link; only confirmed
/// followers get updates; the unsubscribe link in every update ends it. The confirm and unsubscribe pages are
/// BackOffice's anonymous donor area (<c>/theo-doi/{token}</c>, <c>/huy-nhan-tin/{token}</c>), because PublicSite may
/// neither read nor change an address.
/// </summary>
public sealed class CampaignFollowers(ChildAidDbContext db, MailOutbox outbox, TimeProvider clock, IOptions<DonorLinkOptions> links)
{
    public const string ConfirmPath = "/theo-doi/";
    public const string UnsubscribePath = "/huy-nhan-tin/";
    private const int BatchSize = 100;

    public string ConfirmUrl(CampaignFollower f) => links.Value.PublicBaseUrl.TrimEnd('/') + ConfirmPath + f.ConfirmToken;

    public string UnsubscribeUrl(CampaignFollower f) => links.Value.PublicBaseUrl.TrimEnd('/') + UnsubscribePath + f.UnsubscribeToken;

    /// <summary>
    /// Someone asks for the campaign's news: a pending follower and the confirmation mail, in the caller's unit of
    /// work (the caller saves). An address already confirmed, or pending with a link that still works, gets nothing new;
    /// one that unsubscribed or let the link expire starts again.
    /// </summary>
    public async Task RequestAsync(Campaign campaign, string email, string? name, string culture, int? donorId, CancellationToken ct = default)
    {
        var address = email.Trim().ToLowerInvariant();
        if (!MailAddress.TryCreate(address, out _) || address.Length > 254) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var follower = await db.CampaignFollowers.FirstOrDefaultAsync(f => f.CampaignId == campaign.Id && f.Email == address, ct);
        if (follower is null)
        {
            follower = new CampaignFollower
            {
                CampaignId = campaign.Id, Email = address, Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
                Culture = MailTemplates.Language(culture), DonorId = donorId, ConfirmToken = Token(), UnsubscribeToken = Token(),
                CreatedAt = now, ConfirmRequestedAt = now,
            };
            db.CampaignFollowers.Add(follower);
        }
        else
        {
            follower.DonorId ??= donorId;
            if (follower.IsActive || follower.State == FollowerState.Pending && follower.ConfirmLinkWorks(now)) return;
            follower.AskAgain(Token(), now);
        }
        var english = follower.Culture == "en";
        await outbox.EnqueueAsync(MailMessageKind.FollowConfirmation, address, follower.Name, follower.Culture,
            new FollowConfirmationMail(follower.Name, Cultures.Pick(campaign.Title, campaign.TitleEn, english), ConfirmUrl(follower)),
            "follow:" + follower.ConfirmToken, ct);
    }

    /// <summary>The follower a confirm link names while it still works, else null (the page answers 404).</summary>
    public async Task<CampaignFollower?> ByConfirmTokenAsync(string? token, CancellationToken ct = default)
    {
        if (!IsToken(token)) return null;
        var follower = await db.CampaignFollowers.FirstOrDefaultAsync(f => f.ConfirmToken == token, ct);
        return follower is not null && (follower.IsActive || follower.ConfirmLinkWorks(clock.GetUtcNow().UtcDateTime)) ? follower : null;
    }

    /// <summary>The confirm page's button. False when the token is unknown or expired (nothing changes).</summary>
    public async Task<bool> ConfirmAsync(string? token, CancellationToken ct = default)
    {
        var follower = await ByConfirmTokenAsync(token, ct);
        if (follower is null || !follower.Confirm(clock.GetUtcNow().UtcDateTime)) return false;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The follower's campaign title in the request's language (the confirm and unsubscribe pages).</summary>
    public async Task<string> CampaignTitleAsync(CampaignFollower follower, CancellationToken ct = default)
    {
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Id == follower.CampaignId)
            .Select(c => new { c.Title, c.TitleEn }).SingleAsync(ct);
        return Cultures.Pick(campaign.Title, campaign.TitleEn);
    }

    public async Task<CampaignFollower?> ByUnsubscribeTokenAsync(string? token, CancellationToken ct = default) =>
        IsToken(token) ? await db.CampaignFollowers.FirstOrDefaultAsync(f => f.UnsubscribeToken == token, ct) : null;

    /// <summary>One-click unsubscribe (RFC 8058), the page's button or the donor page. Idempotent; false when the token is unknown.</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken ct = default)
    {
        var follower = await ByUnsubscribeTokenAsync(token, ct);
        if (follower is null) return false;
        follower.Unsubscribe(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Turns what PublicSite's follow form took in into followers and confirmation mails, one row per transaction (each
    /// row claimed with <c>UPDATE … WHERE processed_at IS NULL</c>, so two nodes never work the same row). A campaign
    /// that is gone drops the request. Returns how many rows were worked.
    /// </summary>
    public async Task<int> ProcessIntakeAsync(CancellationToken ct = default)
    {
        var waiting = await db.CampaignFollowIntake.AsNoTracking().Where(i => i.ProcessedAt == null)
            .OrderBy(i => i.ReceivedAt).Take(BatchSize).ToListAsync(ct);
        var done = 0;
        foreach (var row in waiting)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.CampaignFollowIntake.Where(i => i.Id == row.Id && i.ProcessedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ProcessedAt, now), ct);
            if (claimed == 0) continue;
            var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == row.CampaignSlug, ct);
            if (campaign is not null) await RequestAsync(campaign, row.Email, null, row.Culture, null, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            done++;
        }
        return done;
    }

    private static string Token() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static bool IsToken(string? token) =>
        token is { Length: CampaignFollower.TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
