using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Content;

/// <summary>
/// The publisher's steps as the schedule calls them, doing what publishing does to the public copy (rows written from
/// the latest version, schedule cleared) so that the schedule's own rules are what the tests exercise.
/// </summary>
public sealed class ScheduleTestSteps
{
    private int _publishCalls;

    public int PublishCalls => _publishCalls;

    /// <summary>While set, publishing fails with this message (as the publisher refuses, e.g. for want of consent).</summary>
    public string? PublishFailure { get; set; }

    /// <summary>While set, publishing throws (the database went away mid-step).</summary>
    public bool PublishThrows { get; set; }

    public ContentScheduleSteps Steps => new(PublishAsync, UnpublishAsync);

    private async Task<string?> PublishAsync(IServiceProvider services, int itemId, string actor, CancellationToken ct)
    {
        Interlocked.Increment(ref _publishCalls);
        if (PublishThrows) throw new InvalidOperationException("Kết nối cơ sở dữ liệu bị ngắt.");
        if (PublishFailure is { } failure) return failure;
        var db = services.GetRequiredService<ChildAidDbContext>();
        var item = await db.ContentItems.SingleAsync(i => i.Id == itemId, ct);
        var v = await db.ContentVersions.SingleAsync(x => x.ContentItemId == itemId && x.Number == item.LatestVersion, ct);
        db.PublishedContent.RemoveRange(await db.PublishedContent.Where(p => p.ContentItemId == itemId).ToListAsync(ct));
        var now = DateTime.SpecifyKind(item.ScheduledPublishAt ?? item.UpdatedAt, DateTimeKind.Utc);
        db.PublishedContent.Add(new PublishedContent
        {
            ContentItemId = itemId, Language = "vi", Type = item.Type, Path = item.Path, CampaignId = item.CampaignId, Title = v.Title,
            Summary = v.Summary, BodyHtml = v.Body, HeroMediaId = v.HeroMediaId, PublishedAt = now, UpdatedAt = now,
        });
        item.State = ContentState.Published;
        item.PublishedVersion = item.LatestVersion;
        item.ScheduledPublishAt = null;
        item.ScheduleError = null;
        await db.SaveChangesAsync(ct);
        return null;
    }

    private async Task<string?> UnpublishAsync(IServiceProvider services, int itemId, string actor, CancellationToken ct)
    {
        var db = services.GetRequiredService<ChildAidDbContext>();
        var item = await db.ContentItems.SingleAsync(i => i.Id == itemId, ct);
        if (item.PublishedVersion is null) return "Nội dung này chưa được đăng.";
        db.PublishedContent.RemoveRange(await db.PublishedContent.Where(p => p.ContentItemId == itemId).ToListAsync(ct));
        item.State = ContentState.Unpublished;
        item.PublishedVersion = null;
        item.ScheduledUnpublishAt = null;
        item.ScheduleError = null;
        await db.SaveChangesAsync(ct);
        return null;
    }
}
