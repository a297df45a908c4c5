using ChildAid.Shared.Content;
using ChildAid.Shared.Data;
using ChildAid.Shared.Media;

namespace ChildAid.Tests.Infrastructure;

/// <summary>What a test item says: the fields of its first version, and of its public copy when published.</summary>
public sealed record ContentSpec(ContentType Type, string Slug, string Title)
{
    public string? TitleEn { get; init; }
    public string Summary { get; init; } = "";
    public string? SummaryEn { get; init; }
    public string BodyHtml { get; init; } = "";
    public string? BodyHtmlEn { get; init; }
    public int? CampaignId { get; init; }
    public int? HeroMediaId { get; init; }
    public int? ConsentRecordId { get; init; }
    public DateTime At { get; init; } = new(2026, 11, 20, 2, 0, 0, DateTimeKind.Utc);
}

/// <summary>
/// Content rows for tests: an item with its first version, and — standing in for the publisher — the public copy
/// exactly as publishing writes it (<see cref="PublishedContent"/> rows, vi and en), through the full context so the
/// public data version moves as it does in production.
/// </summary>
public static class ContentTestData
{
    public static async Task<ContentItem> ItemAsync(ChildAidDbContext db, ContentSpec spec, bool publish)
    {
        var item = new ContentItem
        {
            Type = spec.Type, Slug = spec.Slug, Path = ContentPaths.For(spec.Type, [], spec.Slug), CampaignId = spec.CampaignId,
            LatestVersion = 1, CreatedBy = "bientap", CreatedAt = spec.At, UpdatedAt = spec.At,
            ShowsChild = spec.ConsentRecordId is not null, ConsentRecordId = spec.ConsentRecordId,
        };
        item.Versions.Add(new ContentVersion
        {
            Number = 1, Title = spec.Title, TitleEn = spec.TitleEn, Slug = spec.Slug, Summary = spec.Summary, SummaryEn = spec.SummaryEn,
            Body = spec.BodyHtml, BodyEn = spec.BodyHtmlEn, HeroMediaId = spec.HeroMediaId, CreatedBy = "bientap", CreatedAt = spec.At,
        });
        db.ContentItems.Add(item);
        await db.SaveChangesAsync();
        if (spec.HeroMediaId is { } hero)
        {
            db.ContentMediaUses.Add(new ContentMediaUse { ContentItemId = item.Id, MediaItemId = hero });
            await db.SaveChangesAsync();
        }
        if (publish) await PublishCopyAsync(db, item, spec);
        return item;
    }

    public static async Task PublishCopyAsync(ChildAidDbContext db, ContentItem item, ContentSpec spec)
    {
        item.State = ContentState.Published;
        item.PublishedVersion = item.LatestVersion;
        db.PublishedContent.Add(Copy(item, spec, "vi", spec.Title, spec.Summary, spec.BodyHtml));
        if (spec.TitleEn is not null)
            db.PublishedContent.Add(Copy(item, spec, "en", spec.TitleEn, spec.SummaryEn ?? spec.Summary, spec.BodyHtmlEn ?? spec.BodyHtml));
        await db.SaveChangesAsync();
    }

    public static async Task UnpublishCopyAsync(ChildAidDbContext db, int itemId)
    {
        var item = await db.ContentItems.FindAsync(itemId) ?? throw new InvalidOperationException("No item " + itemId);
        item.State = ContentState.Unpublished;
        item.PublishedVersion = null;
        db.PublishedContent.RemoveRange(db.PublishedContent.Where(p => p.ContentItemId == itemId));
        await db.SaveChangesAsync();
    }

    /// <summary>A new version saved on a published item (the public copy keeps the published one).</summary>
    public static async Task SaveVersionAsync(ChildAidDbContext db, int itemId, string title, string body)
    {
        var item = await db.ContentItems.FindAsync(itemId) ?? throw new InvalidOperationException("No item " + itemId);
        item.LatestVersion++;
        db.ContentVersions.Add(new ContentVersion
        {
            ContentItemId = itemId, Number = item.LatestVersion, Title = title, Slug = item.Slug, Body = body, CreatedBy = "bientap", CreatedAt = item.UpdatedAt,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// An image in the library. Its renditions are written (fake bytes, real names) into <paramref name="privateRoot"/>;
    /// published, they are copied to <paramref name="publicRoot"/> with its <see cref="PublishedMedia"/> row.
    /// </summary>
    public static async Task<MediaItem> ImageAsync(ChildAidDbContext db, string privateRoot, string? publicRoot, int? consentRecordId = null,
        string alt = "Áo ấm xếp trên bàn ở điểm trường")
    {
        var media = new MediaItem
        {
            FileKey = MediaStore.NewFileKey(), OriginalFileName = "ao-am.jpg", Format = MediaFormat.Jpeg, Width = 1600, Height = 900, ByteSize = 1000,
            Alt = alt, AltEn = "Warm jackets on a school table", ShowsChild = consentRecordId is not null, ConsentRecordId = consentRecordId,
            UploadedBy = "bientap", UploadedAt = new DateTime(2026, 11, 20, 1, 0, 0, DateTimeKind.Utc),
        };
        db.MediaItems.Add(media);
        await db.SaveChangesAsync();
        WriteFiles(privateRoot, media.FileKey);
        if (publicRoot is not null)
        {
            WriteFiles(publicRoot, media.FileKey);
            db.PublishedMedia.Add(new PublishedMedia
            {
                MediaItemId = media.Id, FileKey = media.FileKey, Width = media.Width, Height = media.Height, FocalX = 0.5m, FocalY = 0.5m,
                Alt = media.Alt, AltEn = media.AltEn, PublishedAt = media.UploadedAt,
            });
            await db.SaveChangesAsync();
        }
        return media;
    }

    public static readonly string[] FileNames = ["w480.webp", "w480.jpg", "w960.webp", "w960.jpg", "w1600.webp", "w1600.jpg", "share.jpg"];

    private static void WriteFiles(string root, string fileKey)
    {
        var folder = MediaUrls.Folder(root, fileKey);
        Directory.CreateDirectory(folder);
        foreach (var name in FileNames) File.WriteAllBytes(Path.Combine(folder, name), [0xFF, 0xD8, 0xFF, 0xD9]);
    }

    private static PublishedContent Copy(ContentItem item, ContentSpec spec, string language, string title, string summary, string body) => new()
    {
        ContentItemId = item.Id, Language = language, Type = item.Type, Path = item.Path, CampaignId = item.CampaignId, Title = title,
        Summary = summary, BodyHtml = body, HeroMediaId = spec.HeroMediaId, PublishedAt = spec.At, UpdatedAt = spec.At,
    };
}
