using ChildAid.Shared.Data;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Content;

public sealed record ContentRow(int Id, ContentType Type, ContentState State, string Title, string Path, int LatestVersion, int? PublishedVersion,
    DateTime UpdatedAt, DateTime? ScheduledPublishAt, DateTime? ScheduledUnpublishAt, string? ScheduleError);

/// <summary>What the content pages read: the list (filtered and searched without diacritics), one item, its history.</summary>
public sealed class ContentQueries(ChildAidDbContext db)
{
    /// <summary>
    /// Items with their latest title, newest change first. The search folds both sides (TextFolding), in memory: the
    /// media team's content is counted in hundreds, not the millions the statement search handles.
    /// </summary>
    public async Task<IReadOnlyList<ContentRow>> ListAsync(ContentType? type, ContentState? state, string? search, CancellationToken ct = default)
    {
        var query = db.ContentItems.AsNoTracking();
        if (type is { } t) query = query.Where(i => i.Type == t);
        if (state is { } s) query = query.Where(i => i.State == s);
        var rows = await Rows(query).ToListAsync(ct);
        var folded = TextFolding.Fold(search);
        if (folded.Length > 0) rows = rows.Where(r => TextFolding.Fold(r.Title).Contains(folded, StringComparison.Ordinal) || r.Path.Contains(folded, StringComparison.Ordinal)).ToList();
        return rows.OrderByDescending(r => r.UpdatedAt).ToList();
    }

    /// <summary>Everything scheduled, or whose last scheduled step failed: soonest first.</summary>
    public async Task<IReadOnlyList<ContentRow>> ScheduledAsync(CancellationToken ct = default)
    {
        var rows = await Rows(db.ContentItems.AsNoTracking()
            .Where(i => i.ScheduledPublishAt != null || i.ScheduledUnpublishAt != null || i.ScheduleError != null)).ToListAsync(ct);
        return rows.OrderBy(r => Min(r.ScheduledPublishAt, r.ScheduledUnpublishAt) ?? DateTime.MaxValue).ToList();
    }

    private static DateTime? Min(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private IQueryable<ContentRow> Rows(IQueryable<ContentItem> items) =>
        from i in items
        join v in db.ContentVersions on new { i.Id, N = i.LatestVersion } equals new { Id = v.ContentItemId, N = v.Number }
        select new ContentRow(i.Id, i.Type, i.State, v.Title, i.Path, i.LatestVersion, i.PublishedVersion, i.UpdatedAt,
            i.ScheduledPublishAt, i.ScheduledUnpublishAt, i.ScheduleError);

    public Task<ContentItem?> ItemAsync(int id, CancellationToken ct = default) =>
        db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);

    public Task<ContentVersion?> VersionAsync(int id, int number, CancellationToken ct = default) =>
        db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ContentItemId == id && v.Number == number, ct);

    /// <summary>Every version, newest first, without the long text (the history list).</summary>
    public async Task<IReadOnlyList<ContentVersion>> HistoryAsync(int id, CancellationToken ct = default) =>
        await db.ContentVersions.AsNoTracking().Where(v => v.ContentItemId == id).OrderByDescending(v => v.Number)
            .Select(v => new ContentVersion { Id = v.Id, ContentItemId = v.ContentItemId, Number = v.Number, Title = v.Title, Slug = v.Slug,
                CreatedBy = v.CreatedBy, CreatedAt = v.CreatedAt, Note = v.Note })
            .ToListAsync(ct);

    public async Task<IReadOnlyList<ContentRedirect>> RedirectsAsync(CancellationToken ct = default) =>
        await db.ContentRedirects.AsNoTracking().OrderBy(r => r.FromPath).ToListAsync(ct);

    /// <summary>Pages an item may sit under: every other page (the service refuses a page under itself or its own child).</summary>
    public async Task<IReadOnlyList<(int Id, string Path)>> ParentChoicesAsync(int? exceptId, CancellationToken ct = default) =>
        (await db.ContentItems.AsNoTracking().Where(i => i.Type == ContentType.Page && i.Id != (exceptId ?? 0))
            .OrderBy(i => i.Path).Select(i => new { i.Id, i.Path }).ToListAsync(ct)).Select(x => (x.Id, x.Path)).ToList();

    public async Task<IReadOnlyList<(int Id, string Title)>> CampaignChoicesAsync(CancellationToken ct = default) =>
        (await db.Campaigns.AsNoTracking().OrderByDescending(c => c.StartDate).Select(c => new { c.Id, c.Title }).ToListAsync(ct)).Select(x => (x.Id, x.Title)).ToList();

    /// <summary>Media for the hero picker: the newest first, searched by the folded alt text and file name.</summary>
    public async Task<IReadOnlyList<(int Id, string Alt)>> MediaChoicesAsync(string? search, int take = 200, CancellationToken ct = default)
    {
        var folded = TextFolding.Fold(search);
        var query = db.MediaItems.AsNoTracking();
        if (folded.Length > 0) query = query.Where(m => m.SearchText.Contains(folded));
        return (await query.OrderByDescending(m => m.UploadedAt).Take(take).Select(m => new { m.Id, m.Alt }).ToListAsync(ct)).Select(x => (x.Id, x.Alt)).ToList();
    }
}
