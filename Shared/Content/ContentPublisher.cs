using ChildAid.Shared.Audit;
using ChildAid.Shared.Consent;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.Content;

/// <summary>
/// Makes content public and takes it back: writes the public copy (<see cref="PublishedContent"/>, Markdown rendered
/// and sanitised now, not on every request), the images it shows (<see cref="PublishedMedia"/>), the redirect from
/// an old path, and removes them again on unpublishing. It checks consent (a child shown needs a valid consent for
/// the website today), not roles: <see cref="ContentService"/> checks who may publish; the scheduler
/// (<see cref="ContentScheduleRunner"/>) calls it for what editors scheduled.
/// </summary>
public sealed class ContentPublisher(ChildAidDbContext db, MediaStore store, AuditActor auditActor, TimeProvider clock,
    CampaignUpdates.CampaignUpdateMails campaignUpdates)
{
    public const string NotFound = "Không tìm thấy nội dung.";

    public async Task<Outcome<ContentItem>> PublishAsync(int itemId, string actor, CancellationToken ct = default)
    {
        Act(actor);
        var item = await db.ContentItems.FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return Outcome<ContentItem>.Fail("", NotFound);
        var version = await db.ContentVersions.AsNoTracking().SingleAsync(v => v.ContentItemId == itemId && v.Number == item.LatestVersion, ct);
        var mediaIds = MediaOf(version);
        var media = await db.MediaItems.AsNoTracking().Where(m => mediaIds.Contains(m.Id)).ToListAsync(ct);
        if (media.Count != mediaIds.Count)
            return Outcome<ContentItem>.Fail("", $"Ảnh số {string.Join(", ", mediaIds.Except(media.Select(m => m.Id)))} không còn trong thư viện: hãy sửa rồi đăng lại.");
        if (await ConsentProblemAsync(item, media, ct) is { } problem) return Outcome<ContentItem>.Fail("", problem);

        if (media.FirstOrDefault(m => !store.HasPrivateFiles(m.FileKey, m.Width)) is { } missing)
            return Outcome<ContentItem>.Fail("", $"Ảnh số {missing.Id} («{missing.Alt}») không có tệp trong kho ảnh: hãy tải ảnh lên lại rồi đăng.");

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var m in media) await PublishMediaAsync(m.Id, ct);
        var images = media.ToDictionary(m => m.Id, m => new MarkdownImage(m.Id, m.FileKey, m.Width, m.Height, m.Alt, m.AltEn));

        var rows = await db.PublishedContent.Where(p => p.ContentItemId == itemId).ToListAsync(ct);
        var oldPath = rows.FirstOrDefault(r => r.Language == "vi")?.Path;
        var firstPublished = rows.Count > 0 ? rows.Min(r => r.PublishedAt) : now;
        // The path goes public now: a redirect from it would shadow the content, and rows keyed by it are rewritten.
        await RemoveRedirectsFromAsync(item.Path, ct);
        Write(rows, item, version, "vi", images, firstPublished, now);
        if (version.TitleEn is not null) Write(rows, item, version, "en", images, firstPublished, now);
        else db.PublishedContent.RemoveRange(rows.Where(r => r.Language == "en"));
        if (oldPath is not null && oldPath != item.Path) await AddAutomaticRedirectAsync(oldPath, item.Path, actor, now, ct);
        await MoveDescendantsAsync(item, actor, now, ct);

        var previous = item.PublishedVersion;
        item.State = ContentState.Published;
        item.PublishedVersion = item.LatestVersion;
        item.ScheduledPublishAt = null;
        item.ScheduleError = null;
        item.ReturnComment = null;
        item.UpdatedAt = now;
        // A campaign's story goes to its followers: only recorded here (the worker queues the mails), first publish only.
        await campaignUpdates.RecordFirstPublishAsync(item, ct);
        await db.SaveChangesAsync(ct);
        var before = previous is { } p && p != item.LatestVersion ? await MediaOfVersionAsync(itemId, p, ct) : [];
        await SyncMediaUsesAsync(item, ct);
        await UnpublishUnusedMediaAsync(before, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // Files only once the database says the images are public: a publish that rolls back leaves no public file.
        // Should a copy fail now, the row is there and RepairPublicFilesAsync (every schedule tick) copies it again.
        foreach (var m in media)
        {
            try { await store.PublishAsync(m.FileKey, m.Width, ct); }
            catch (IOException) { /* left to the repair on the next tick */ }
        }
        return Outcome<ContentItem>.Ok(item);
    }

    /// <summary>
    /// Copies again the public files of every published image whose public copy is missing or incomplete: publishing
    /// copies after its commit, so a crash or a full disk between the two leaves a row without files; the schedule
    /// runner calls this every tick. Returns how many images it repaired.
    /// </summary>
    public async Task<int> RepairPublicFilesAsync(CancellationToken ct = default)
    {
        var rows = await db.PublishedMedia.AsNoTracking().Select(p => new { p.FileKey, p.Width }).ToListAsync(ct);
        var repaired = 0;
        foreach (var row in rows.Where(r => !store.HasPublicFiles(r.FileKey, r.Width)))
        {
            try
            {
                await store.PublishAsync(row.FileKey, row.Width, ct);
                repaired++;
            }
            catch (IOException) { /* the private files are gone too: nothing to copy; the next tick tries again */ }
        }
        return repaired;
    }

    public async Task<Outcome<ContentItem>> UnpublishAsync(int itemId, string actor, CancellationToken ct = default)
    {
        Act(actor);
        var item = await db.ContentItems.FirstOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return Outcome<ContentItem>.Fail("", NotFound);
        if (item.PublishedVersion is not { } published) return Outcome<ContentItem>.Fail("", "Nội dung này chưa được đăng.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var before = await MediaOfVersionAsync(itemId, published, ct);
        db.PublishedContent.RemoveRange(await db.PublishedContent.Where(p => p.ContentItemId == itemId).ToListAsync(ct));
        item.State = ContentState.Unpublished;
        item.PublishedVersion = null;
        item.ScheduledUnpublishAt = null;
        item.ScheduleError = null;
        item.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await SyncMediaUsesAsync(item, ct);
        await UnpublishUnusedMediaAsync(before, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<ContentItem>.Ok(item);
    }

    /// <summary>
    /// Makes one media item public in the database: its <see cref="PublishedMedia"/> row. Its files are copied to the
    /// store's public area by the caller after the commit (<see cref="PublishAsync"/>).
    /// </summary>
    public async Task PublishMediaAsync(int mediaItemId, CancellationToken ct = default)
    {
        var media = await db.MediaItems.AsNoTracking().SingleAsync(m => m.Id == mediaItemId, ct);
        var row = await db.PublishedMedia.FirstOrDefaultAsync(p => p.MediaItemId == mediaItemId, ct);
        if (row is null)
        {
            row = new PublishedMedia { MediaItemId = media.Id, FileKey = media.FileKey, Alt = media.Alt, PublishedAt = clock.GetUtcNow().UtcDateTime };
            db.PublishedMedia.Add(row);
        }
        row.Width = media.Width;
        row.Height = media.Height;
        row.FocalX = media.FocalX;
        row.FocalY = media.FocalY;
        row.Alt = media.Alt;
        row.AltEn = media.AltEn;
    }

    /// <summary>
    /// Takes one media item out of public serving: its public files at once (before the row goes: should the save fail,
    /// the image is missing rather than shown without need), and its <see cref="PublishedMedia"/> row.
    /// </summary>
    public async Task UnpublishMediaAsync(int mediaItemId, CancellationToken ct = default)
    {
        var row = await db.PublishedMedia.FirstOrDefaultAsync(p => p.MediaItemId == mediaItemId, ct);
        var fileKey = row?.FileKey ?? await db.MediaItems.Where(m => m.Id == mediaItemId).Select(m => m.FileKey).FirstOrDefaultAsync(ct);
        if (fileKey is not null) store.Unpublish(fileKey);
        if (row is not null) db.PublishedMedia.Remove(row);
    }

    /// <summary>Why the item may not be public today for want of consent, or null.</summary>
    public async Task<string?> ConsentProblemAsync(ContentItem item, IReadOnlyCollection<MediaItem> media, CancellationToken ct = default)
    {
        var today = clock.VietnamToday();
        var needed = media.Where(m => m.ShowsChild).Select(m => m.ConsentRecordId).OfType<int>().ToList();
        if (item.ShowsChild && item.ConsentRecordId is { } own) needed.Add(own);
        // The check reads consent outside the acting person's units: it decides, it shows nothing.
        var consents = await db.ConsentRecords.IgnoreQueryFilters().AsNoTracking().Where(c => needed.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        bool Valid(int? id) => id is { } i && consents.TryGetValue(i, out var c) && c.IsValidOn(today, ConsentScope.Website);
        if (item.ShowsChild && !Valid(item.ConsentRecordId))
            return "Nội dung này có hình ảnh hoặc câu chuyện của trẻ em: cần giấy đồng ý còn hiệu lực cho trang web hôm nay trước khi đăng.";
        foreach (var m in media.Where(m => m.ShowsChild && !Valid(m.ConsentRecordId)))
            return $"Ảnh số {m.Id} («{m.Alt}») có trẻ em nhưng chưa có giấy đồng ý còn hiệu lực cho trang web hôm nay: không thể đăng.";
        return null;
    }

    /// <summary>Keeps <see cref="ContentMediaUse"/> = the images of the latest and of the published version.</summary>
    public async Task SyncMediaUsesAsync(ContentItem item, CancellationToken ct = default)
    {
        var used = (await MediaOfVersionAsync(item.Id, item.LatestVersion, ct)).ToHashSet();
        if (item.PublishedVersion is { } p && p != item.LatestVersion) used.UnionWith(await MediaOfVersionAsync(item.Id, p, ct));
        var rows = await db.ContentMediaUses.Where(u => u.ContentItemId == item.Id).ToListAsync(ct);
        db.ContentMediaUses.RemoveRange(rows.Where(r => !used.Contains(r.MediaItemId)));
        foreach (var id in used.Except(rows.Select(r => r.MediaItemId)))
            db.ContentMediaUses.Add(new ContentMediaUse { ContentItemId = item.Id, MediaItemId = id });
    }

    /// <summary>The media a version shows: its hero image and the images of both bodies.</summary>
    public static IReadOnlyList<int> MediaOf(ContentVersion v) =>
        [.. new[] { v.HeroMediaId }.OfType<int>().Concat(ContentMarkdown.MediaIds(v.Body)).Concat(ContentMarkdown.MediaIds(v.BodyEn)).Distinct()];

    private async Task<IReadOnlyList<int>> MediaOfVersionAsync(int itemId, int number, CancellationToken ct)
    {
        var v = await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(x => x.ContentItemId == itemId && x.Number == number, ct);
        return v is null ? [] : MediaOf(v);
    }

    /// <summary>Media that were shown by content no longer shows any published content: out of public serving.</summary>
    private async Task UnpublishUnusedMediaAsync(IReadOnlyCollection<int> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0) return;
        var users = await db.ContentMediaUses.AsNoTracking().Where(u => candidates.Contains(u.MediaItemId))
            .Join(db.ContentItems.Where(i => i.PublishedVersion != null), u => u.ContentItemId, i => i.Id, (u, i) => new { i.Id, Published = i.PublishedVersion!.Value })
            .Distinct().ToListAsync(ct);
        var stillShown = new HashSet<int>();
        foreach (var u in users) stillShown.UnionWith(await MediaOfVersionAsync(u.Id, u.Published, ct));
        foreach (var id in candidates.Where(c => !stillShown.Contains(c))) await UnpublishMediaAsync(id, ct);
    }

    private void Write(List<PublishedContent> rows, ContentItem item, ContentVersion v, string language,
        IReadOnlyDictionary<int, MarkdownImage> images, DateTime firstPublished, DateTime now)
    {
        var en = language == "en";
        var row = rows.FirstOrDefault(r => r.Language == language);
        if (row is null)
        {
            row = new PublishedContent { ContentItemId = item.Id, Language = language, Path = item.Path, Title = "", PublishedAt = firstPublished };
            db.PublishedContent.Add(row);
            rows.Add(row);
        }
        row.Type = item.Type;
        row.Path = item.Path;
        row.CampaignId = item.CampaignId;
        row.Title = en ? v.TitleEn! : v.Title;
        row.Summary = en ? v.SummaryEn ?? v.Summary : v.Summary;
        row.BodyHtml = ContentMarkdown.Render(en ? v.BodyEn ?? v.Body : v.Body, images, en);
        row.SeoTitle = en ? v.SeoTitleEn : v.SeoTitle;
        row.SeoDescription = en ? v.SeoDescriptionEn : v.SeoDescription;
        row.HeroMediaId = v.HeroMediaId;
        row.UpdatedAt = now;
    }

    /// <summary>Published pages under a page whose path changed follow it, each leaving a redirect behind.</summary>
    private async Task MoveDescendantsAsync(ContentItem root, string actor, DateTime now, CancellationToken ct)
    {
        if (root.Type != ContentType.Page) return;
        var parents = new Queue<int>([root.Id]);
        while (parents.TryDequeue(out var parentId))
        {
            var children = await db.ContentItems.Where(i => i.ParentId == parentId).ToListAsync(ct);
            foreach (var child in children)
            {
                parents.Enqueue(child.Id);
                var rows = await db.PublishedContent.Where(p => p.ContentItemId == child.Id).ToListAsync(ct);
                var old = rows.FirstOrDefault(r => r.Language == "vi")?.Path;
                if (old is null || old == child.Path) continue;
                await RemoveRedirectsFromAsync(child.Path, ct);
                foreach (var row in rows) row.Path = child.Path;
                await AddAutomaticRedirectAsync(old, child.Path, actor, now, ct);
            }
        }
    }

    private async Task RemoveRedirectsFromAsync(string path, CancellationToken ct) =>
        db.ContentRedirects.RemoveRange(await db.ContentRedirects.Where(r => r.FromPath == path).ToListAsync(ct));

    /// <summary>old → new, and every redirect that led to old now leads to new (no chains).</summary>
    private async Task AddAutomaticRedirectAsync(string from, string to, string actor, DateTime now, CancellationToken ct)
    {
        var all = await db.ContentRedirects.ToListAsync(ct);
        var existing = all.Where(r => db.Entry(r).State != EntityState.Deleted).ToDictionary(r => r.FromPath, r => r.ToPath, StringComparer.Ordinal);
        var plan = ContentRedirectRules.Plan(existing, from, to);
        if (plan.Refusal is not null) return; // only when "to" is itself redirected away, which publishing just removed
        foreach (var r in all.Where(r => plan.Repoint.ContainsKey(r.FromPath))) r.ToPath = plan.Target;
        if (all.FirstOrDefault(r => r.FromPath == from) is { } same) { same.ToPath = plan.Target; same.Automatic = true; }
        else db.ContentRedirects.Add(new ContentRedirect { FromPath = from, ToPath = plan.Target, Automatic = true, CreatedBy = actor, CreatedAt = now });
    }

    private void Act(string actor)
    {
        // A staff member's own name comes from their sign-in; the scheduler and the CLI name themselves.
        if (auditActor.UserId is null) auditActor.Name = actor;
    }
}
