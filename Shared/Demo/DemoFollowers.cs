using System.Buffers.Text;
using System.Security.Cryptography;
using ChildAid.Shared.CampaignUpdates;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Demo;

/// <summary>
/// A few followers of the demo campaign Áo ấm cho em, so publishing one of its stories in the demo queues update mails
/// (to the pickup folder): two who confirmed, one still waiting for their confirm link, one who unsubscribed. Written
/// directly (the demo sends no confirmation mails); idempotent by address.
/// </summary>
public static class DemoFollowers
{
    public const string CampaignSlug = DemoBankStatement.CampaignSlug;

    private static readonly (string Email, string? Name, string Culture, FollowerState State)[] People =
    [
        ("theo-doi.lan@demo.childaid.example", "Phạm Thị Lan", "vi", FollowerState.Confirmed),
        ("follower.anna@demo.childaid.example", "Anna Schmidt", "en", FollowerState.Confirmed),
        ("cho-xac-nhan@demo.childaid.example", null, "vi", FollowerState.Pending),
        ("da-huy@demo.childaid.example", null, "vi", FollowerState.Unsubscribed),
    ];

    public static async Task<int> SeedAsync(ChildAidDbContext db, DateTime now, CancellationToken ct = default)
    {
        var campaign = await db.Campaigns.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Slug == CampaignSlug, ct);
        if (campaign is null) return 0;
        var known = await db.CampaignFollowers.Where(f => f.CampaignId == campaign.Id).Select(f => f.Email).ToListAsync(ct);
        var added = 0;
        foreach (var (email, name, culture, state) in People.Where(p => !known.Contains(p.Email)))
        {
            var follower = new CampaignFollower
            {
                CampaignId = campaign.Id, Email = email, Name = name, Culture = culture, ConfirmToken = Token(), UnsubscribeToken = Token(),
                CreatedAt = now, ConfirmRequestedAt = now,
            };
            if (state != FollowerState.Pending) follower.Confirm(now);
            if (state == FollowerState.Unsubscribed) follower.Unsubscribe(now);
            db.CampaignFollowers.Add(follower);
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private static string Token() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
