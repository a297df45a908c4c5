using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Content;

/// <summary>A published item in the reader's language (English when it has one, else Vietnamese), with its hero image.</summary>
public sealed record PublicContent(PublishedContent Content, PublishedMedia? Hero, bool HasEnglish)
{
    public string Description => Content.SeoDescription is { Length: > 0 } d ? d : Content.Summary;
    public string HeadTitle => Content.SeoTitle is { Length: > 0 } t ? t : Content.Title;
}

/// <summary>A story in a list: title, summary, date and card image.</summary>
public sealed record StoryCard(string Path, string Title, string Summary, DateTime PublishedAt, PublishedMedia? Hero);

/// <summary>One page of the story list.</summary>
public sealed record StoryPage(IReadOnlyList<StoryCard> Items, int Page, bool HasNext);

/// <summary>A public URL for sitemap.xml and the feeds.</summary>
public sealed record PublishedEntry(int ContentItemId, ContentType Type, string Path, string Title, string Summary, DateTime PublishedAt,
    DateTime UpdatedAt, bool HasEnglish);

/// <summary>
/// PublicSite's reading of published content: only <see cref="PublishedContent"/>, <see cref="PublishedMedia"/> and
/// <see cref="ContentRedirect"/> (the public tables), never a draft or a version. Language falls back to Vietnamese row by row.
/// </summary>
public sealed class PublishedContentQuery(PublicDbContext db)
{
    public const int StoriesPerPage = 12;

    public async Task<PublicContent?> ByPathAsync(string path, ContentType type, bool english, CancellationToken ct = default)
    {
        var rows = await db.PublishedContent.Where(p => p.Path == path && p.Type == type).ToListAsync(ct);
        return await PickAsync(rows, english, ct);
    }

    /// <summary>The published page of a campaign, if it has one.</summary>
    public async Task<PublicContent?> CampaignPageAsync(int campaignId, bool english, CancellationToken ct = default)
    {
        var rows = await db.PublishedContent.Where(p => p.CampaignId == campaignId && p.Type == ContentType.CampaignPage).ToListAsync(ct);
        // One campaign page per campaign is the rule; should two be published, the latest wins, deterministically.
        var id = rows.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.ContentItemId).Select(r => r.ContentItemId).FirstOrDefault();
        return await PickAsync(rows.Where(r => r.ContentItemId == id).ToList(), english, ct);
    }

    /// <summary>Newest first; <paramref name="campaignId"/> narrows to one campaign's updates.</summary>
    public async Task<StoryPage> StoriesAsync(int page, bool english, int? campaignId = null, int pageSize = StoriesPerPage,
        CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        var vi = db.PublishedContent.Where(p => p.Type == ContentType.Story && p.Language == "vi");
        if (campaignId is { } c) vi = vi.Where(p => p.CampaignId == c);
        var rows = await vi.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.ContentItemId)
            .Skip((page - 1) * pageSize).Take(pageSize + 1)
            .Select(p => new { p.ContentItemId, p.Path, p.Title, p.Summary, p.PublishedAt, p.HeroMediaId })
            .ToListAsync(ct);
        var hasNext = rows.Count > pageSize;
        rows = rows.Take(pageSize).ToList();
        var ids = rows.Select(r => r.ContentItemId).ToList();
        var en = english
            ? await db.PublishedContent.Where(p => p.Language == "en" && ids.Contains(p.ContentItemId))
                .Select(p => new { p.ContentItemId, p.Title, p.Summary, p.HeroMediaId }).ToDictionaryAsync(p => p.ContentItemId, ct)
            : [];
        var heroes = await MediaAsync(rows.Select(r => en.TryGetValue(r.ContentItemId, out var e) ? e.HeroMediaId : r.HeroMediaId), ct);
        var cards = rows.Select(r =>
        {
            var (title, summary, hero) = en.TryGetValue(r.ContentItemId, out var e) ? (e.Title, e.Summary, e.HeroMediaId) : (r.Title, r.Summary, r.HeroMediaId);
            return new StoryCard(r.Path, title, summary, r.PublishedAt, hero is { } h ? heroes.GetValueOrDefault(h) : null);
        }).ToList();
        return new StoryPage(cards, page, hasNext);
    }

    /// <summary>Every published item, Vietnamese row (the one every item has), for sitemap.xml; stories newest first for the feeds.</summary>
    public async Task<IReadOnlyList<PublishedEntry>> EntriesAsync(ContentType? type = null, int? take = null, bool english = false,
        CancellationToken ct = default)
    {
        var vi = db.PublishedContent.Where(p => p.Language == "vi");
        if (type is { } t) vi = vi.Where(p => p.Type == t);
        var ordered = vi.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.ContentItemId);
        var rows = await (take is { } n ? ordered.Take(n) : ordered)
            .Select(p => new { p.ContentItemId, p.Type, p.Path, p.Title, p.Summary, p.PublishedAt, p.UpdatedAt }).ToListAsync(ct);
        var ids = rows.Select(r => r.ContentItemId).ToList();
        var en = await db.PublishedContent.Where(p => p.Language == "en" && ids.Contains(p.ContentItemId))
            .Select(p => new { p.ContentItemId, p.Title, p.Summary }).ToDictionaryAsync(p => p.ContentItemId, ct);
        return rows.Select(r =>
        {
            var useEnglish = english && en.ContainsKey(r.ContentItemId);
            return new PublishedEntry(r.ContentItemId, r.Type, r.Path, useEnglish ? en[r.ContentItemId].Title : r.Title,
                useEnglish ? en[r.ContentItemId].Summary : r.Summary, r.PublishedAt, r.UpdatedAt, en.ContainsKey(r.ContentItemId));
        }).ToList();
    }

    /// <summary>Where an old path now lives (a renamed or moved item, or a redirect staff entered).</summary>
    public Task<string?> RedirectAsync(string path, CancellationToken ct = default) =>
        db.ContentRedirects.Where(r => r.FromPath == path).Select(r => r.ToPath).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyDictionary<int, PublishedMedia>> MediaAsync(IEnumerable<int?> ids, CancellationToken ct = default)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<int, PublishedMedia>();
        return await db.PublishedMedia.Where(m => wanted.Contains(m.MediaItemId)).ToDictionaryAsync(m => m.MediaItemId, ct);
    }

    private async Task<PublicContent?> PickAsync(List<PublishedContent> rows, bool english, CancellationToken ct)
    {
        var vi = rows.FirstOrDefault(r => r.Language == "vi");
        var en = rows.FirstOrDefault(r => r.Language == "en");
        var chosen = english && en is not null ? en : vi ?? en;
        if (chosen is null) return null;
        var hero = chosen.HeroMediaId is { } id ? await db.PublishedMedia.FirstOrDefaultAsync(m => m.MediaItemId == id, ct) : null;
        return new PublicContent(chosen, hero, en is not null);
    }
}
