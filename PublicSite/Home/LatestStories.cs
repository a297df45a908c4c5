using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.PublicSite.Home;

/// <summary>A story on the home page: its public path, title, summary and the Vietnam date it was first published.</summary>
public sealed record StoryTeaser(int ContentItemId, string Path, string Title, string Summary, DateOnly PublishedOn);

/// <summary>
/// The newest published stories, from the public copy only (drafts never reach PublicSite). An English reader gets
/// the English copy where one was published, the Vietnamese one otherwise.
/// </summary>
public class LatestStories(PublicDbContext db)
{
    public const int Count = 3;

    public async Task<IReadOnlyList<StoryTeaser>> ListAsync(bool english, CancellationToken ct = default)
    {
        var stories = await db.PublishedContent
            .Where(p => p.Type == ContentType.Story && p.Language == "vi")
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.ContentItemId)
            .Take(Count)
            .Select(p => new StoryTeaser(p.ContentItemId, p.Path, p.Title, p.Summary, VietnamClock.ToVietnamDate(p.PublishedAt)))
            .ToListAsync(ct);
        if (!english || stories.Count == 0) return stories;
        var ids = stories.Select(s => s.ContentItemId).ToList();
        var translated = await db.PublishedContent
            .Where(p => p.Language == "en" && ids.Contains(p.ContentItemId))
            .ToDictionaryAsync(p => p.ContentItemId, p => new { p.Title, p.Summary }, ct);
        return stories.Select(s => translated.TryGetValue(s.ContentItemId, out var en)
            ? s with { Title = en.Title, Summary = en.Summary.Length > 0 ? en.Summary : s.Summary } : s).ToList();
    }
}
