using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Content;

/// <summary>What an import did.</summary>
public sealed record StarterImportResult(int Created, int Published, int Scheduled, int Skipped, int Images);

/// <summary>
/// Imports the starter content (<see cref="StarterContent"/>) through the services editors use: images uploaded to the
/// media library (processed, metadata stripped), items created by <see cref="ContentService"/>, published by
/// <see cref="ContentPublisher"/> when their time has come or scheduled when it has not. An item whose path exists is
/// left alone, so running it twice changes nothing.
/// </summary>
public sealed class StarterContentImport(ChildAidDbContext db, ContentService content, ContentPublisher publisher, MediaLibrary library,
    AuditActor actor, TimeProvider clock)
{
    public const string ActorName = "Nhập nội dung mẫu";

    public async Task<StarterImportResult> ImportAsync(string contentRoot, CancellationToken ct = default)
    {
        actor.Name = ActorName;
        var items = StarterContent.Load(contentRoot);
        var images = new Dictionary<string, int>(StringComparer.Ordinal);
        int created = 0, published = 0, scheduled = 0, skipped = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var item in items)
        {
            var parentPath = item.Parent is null ? null : ContentPaths.For(ContentType.Page, [], item.Parent);
            var parentId = parentPath is null ? null
                : await db.ContentItems.Where(i => i.Path == parentPath).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
            var path = ContentPaths.For(item.Type, item.Parent is null ? [] : [item.Parent], item.Slug);
            if (await db.ContentItems.AnyAsync(i => i.Path == path, ct)) { skipped++; continue; }
            int? campaignId = null;
            if (item.Campaign is { } slug)
                campaignId = await db.Campaigns.Where(c => c.Slug == slug).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct)
                             ?? throw new StarterContentException($"{item.File}: không có chiến dịch «{slug}».");
            foreach (var image in item.BodyImages.Append(item.Hero).OfType<StarterImage>().Where(i => !images.ContainsKey(i.FileName)))
                images[image.FileName] = await UploadAsync(contentRoot, item.File, image, ct);

            string Rewrite(string markdown) => StarterContent.RewriteImages(markdown, f => ContentMarkdown.MediaScheme + images[f]);
            var outcome = await content.CreateAsync(item.Type, new ContentInput
            {
                Title = item.Title, TitleEn = item.TitleEn, Slug = item.Slug, Summary = item.Summary, SummaryEn = item.SummaryEn,
                Body = Rewrite(item.Body), BodyEn = item.BodyEn is null ? null : Rewrite(item.BodyEn), SeoTitle = item.SeoTitle,
                SeoTitleEn = item.SeoTitleEn, SeoDescription = item.SeoDescription, SeoDescriptionEn = item.SeoDescriptionEn,
                HeroMediaId = item.Hero is { } hero ? images[hero.FileName] : null, CampaignId = campaignId, ParentId = parentId,
            }, ct);
            if (!outcome.Succeeded) throw new StarterContentException($"{item.File}: {string.Join(" ", outcome.Errors.Values)}");
            created++;
            var id = outcome.Value!.Id;
            db.ChangeTracker.Clear();
            if (item.PublishAt is not { } at) continue;
            if (at <= now)
            {
                var done = await publisher.PublishAsync(id, ActorName, ct);
                if (!done.Succeeded) throw new StarterContentException($"{item.File}: {string.Join(" ", done.Errors.Values)}");
                db.ChangeTracker.Clear();
                // A sample story is dated as its file says (the public copy only; the audit trail keeps the real time).
                await db.PublishedContent.Where(p => p.ContentItemId == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PublishedAt, at), ct);
                published++;
            }
            else
            {
                var entity = await db.ContentItems.SingleAsync(i => i.Id == id, ct);
                entity.ScheduledPublishAt = at;
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                scheduled++;
            }
        }
        return new StarterImportResult(created, published, scheduled, skipped, images.Count);
    }

    private async Task<int> UploadAsync(string contentRoot, string file, StarterImage image, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(contentRoot, "images", image.FileName), ct);
        var outcome = await library.UploadAsync(image.FileName, bytes, new MediaInput { Alt = image.Alt, AltEn = image.AltEn }, ActorName, ct);
        if (!outcome.Succeeded) throw new StarterContentException($"{file}: ảnh {image.FileName}: {string.Join(" ", outcome.Errors.Values)}");
        db.ChangeTracker.Clear();
        return outcome.Value!.Id;
    }
}
