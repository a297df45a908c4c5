using ChildAid.PublicSite.Giving;
using ChildAid.PublicSite.Pictures;
using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.PublicSite.Home;

/// <summary>
/// A story on the home page: its public path, title, summary, the Vietnam date it was first published, and its
/// picture: the illustration of its campaign's theme until stories' own hero images can be served here.
/// </summary>
public sealed record StoryTeaser(int ContentItemId, string Path, string Title, string Summary, DateOnly PublishedOn, Picture Picture);

/// <summary>
/// The newest published stories, from the public copy only (drafts never reach PublicSite). An English reader gets
/// the English copy where one was published, the Vietnamese one otherwise.
/// </summary>
public class LatestStories(PublicDbContext db)
{
    public const int Count = 3;

    public async Task<IReadOnlyList<StoryTeaser>> ListAsync(bool english, CancellationToken ct = default)
    {
        var rows = await db.PublishedContent
            .Where(p => p.Type == ContentType.Story && p.Language == "vi")
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.ContentItemId)
            .Take(Count)
            .Select(p => new { p.ContentItemId, p.Path, p.Title, p.Summary, p.PublishedAt, p.CampaignId })
            .ToListAsync(ct);
        var campaignIds = rows.Where(r => r.CampaignId != null).Select(r => r.CampaignId!.Value).Distinct().ToList();
        var campaigns = await db.Campaigns.Where(c => campaignIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => CampaignTheme.Of(c.Title, c.Summary), ct);
        var stories = rows.Select(r => new StoryTeaser(r.ContentItemId, r.Path, r.Title, r.Summary, VietnamClock.ToVietnamDate(r.PublishedAt),
            DemoPictures.For(r.CampaignId is { } id ? campaigns.GetValueOrDefault(id) : null))).ToList();
        if (!english || stories.Count == 0) return stories;
        var ids = stories.Select(s => s.ContentItemId).ToList();
        var translated = await db.PublishedContent
            .Where(p => p.Language == "en" && ids.Contains(p.ContentItemId))
            .ToDictionaryAsync(p => p.ContentItemId, p => new { p.Title, p.Summary }, ct);
        return stories.Select(s => translated.TryGetValue(s.ContentItemId, out var en)
            ? s with { Title = en.Title, Summary = en.Summary.Length > 0 ? en.Summary : s.Summary } : s).ToList();
    }
}
