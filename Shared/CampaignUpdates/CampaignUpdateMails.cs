using ChildAid.Shared.Localization;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Hosting;
using ChildAid.Shared.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.CampaignUpdates;

/// <summary>
/// Campaign updates by mail. Publishing only records the run (<see cref="RecordFirstPublishAsync"/>, cheap, in the
/// publish's transaction); the worker queues the mails (<see cref="QueuePendingAsync"/>). Exactly once per story and
/// follower by the outbox's UNIQUE dedupe key "update:&lt;story&gt;:&lt;follower&gt;", not by memory: a second worker
/// pass, or two nodes at once, add nothing.
/// </summary>
public sealed class CampaignUpdateMails(ChildAidDbContext db, MailOutbox outbox, CampaignFollowers followers, TimeProvider clock,
    IOptions<PublicSiteLinkOptions> site)
{
    private const int FollowersPerSave = 200;

    public static string DedupeKey(int storyId, int followerId) => $"update:{storyId}:{followerId}";

    /// <summary>
    /// Called by <see cref="ContentPublisher"/> inside its transaction: a story bound to a campaign, published for the
    /// first time, gets its run. Any later publish finds the run (UNIQUE per story) and adds nothing.
    /// </summary>
    public async Task RecordFirstPublishAsync(ContentItem item, CancellationToken ct = default)
    {
        if (item.Type != ContentType.Story || item.CampaignId is not { } campaignId) return;
        if (await db.CampaignUpdateRuns.AnyAsync(r => r.ContentItemId == item.Id, ct)) return;
        db.CampaignUpdateRuns.Add(new CampaignUpdateRun { ContentItemId = item.Id, CampaignId = campaignId, CreatedAt = clock.GetUtcNow().UtcDateTime });
    }

    /// <summary>The worker's pass: every run not yet queued gets one mail per active follower. Returns how many mails were queued.</summary>
    public async Task<int> QueuePendingAsync(CancellationToken ct = default)
    {
        var runs = await db.CampaignUpdateRuns.AsNoTracking().Where(r => r.QueuedAt == null).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        var queued = 0;
        foreach (var id in runs) queued += await QueueRunAsync(id, ct);
        return queued;
    }

    private async Task<int> QueueRunAsync(int runId, CancellationToken ct)
    {
        var run = await db.CampaignUpdateRuns.SingleAsync(r => r.Id == runId, ct);
        var item = await db.ContentItems.AsNoTracking().SingleAsync(i => i.Id == run.ContentItemId, ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == run.CampaignId, ct);
        // The story as it is public now (an edit published before the worker came is what followers read).
        var number = item.PublishedVersion ?? item.LatestVersion;
        var version = await db.ContentVersions.AsNoTracking().SingleAsync(v => v.ContentItemId == item.Id && v.Number == number, ct);
        var queued = 0;
        // Unpublished again before the worker came: nothing to read, nothing sent.
        if (item.PublishedVersion is not null)
        {
            var lastId = 0;
            while (true)
            {
                var batch = await db.CampaignFollowers.AsNoTracking()
                    .Where(f => f.CampaignId == run.CampaignId && f.State == FollowerState.Confirmed && f.Id > lastId)
                    .OrderBy(f => f.Id).Take(FollowersPerSave).ToListAsync(ct);
                if (batch.Count == 0) break;
                foreach (var f in batch)
                    if (await outbox.EnqueueAsync(MailMessageKind.CampaignUpdate, f.Email, f.Name, f.Culture, Model(f, campaign, item, version), DedupeKey(item.Id, f.Id), ct))
                        queued++;
                // Each batch on its own: a crash in between leaves the run open, and the next pass skips what is queued.
                await db.SaveChangesAsync(ct);
                lastId = batch[^1].Id;
            }
        }
        run.QueuedAt = clock.GetUtcNow().UtcDateTime;
        run.MailsQueued += queued;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return queued;
    }

    private CampaignUpdateMail Model(CampaignFollower f, Campaigns.Campaign campaign, ContentItem item, ContentVersion version)
    {
        var en = f.Culture == "en";
        var storyEn = en && version.TitleEn is { Length: > 0 };
        return new CampaignUpdateMail(f.Name ?? (en ? "supporter" : "quý vị"),
            Cultures.Pick(campaign.Title, campaign.TitleEn, en),
            storyEn ? version.TitleEn! : version.Title, storyEn ? version.SummaryEn ?? version.Summary : version.Summary,
            site.Value.Url(item.Path), followers.UnsubscribeUrl(f));
    }
}
