using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Content;

/// <summary>
/// Renders one version of an item as publishing would (Markdown → sanitised HTML), for a preview link. Runs in
/// BackOffice, which alone can read drafts; PublicSite receives the result.
/// </summary>
public sealed class ContentPreview(ChildAidDbContext db, PreviewTokens tokens)
{
    /// <summary>PublicSite's address of a preview image; BackOffice answers the same rest under <see cref="BackOfficeMediaPath"/>.</summary>
    public const string PreviewMediaPath = "/xem-truoc/anh";

    public const string BackOfficeMediaPath = "api/preview/media";

    public async Task<PreviewPage?> RenderAsync(PreviewTicket ticket, bool english = false, CancellationToken ct = default)
    {
        var item = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == ticket.ItemId, ct);
        var v = await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(x => x.ContentItemId == ticket.ItemId && x.Number == ticket.Version, ct);
        if (item is null || v is null) return null;
        var ids = ContentPublisher.MediaOf(v);
        // Images of a draft may not be public yet: the preview names them as publishing would, from the library.
        var images = await db.MediaItems.AsNoTracking().Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => new MarkdownImage(m.Id, m.FileKey, m.Width, m.Height, m.Alt, m.AltEn), ct);
        var en = english && v.TitleEn is not null;
        // Unpublished images are served to the preview only, by signed addresses that expire with the link.
        string ImageUrl(string fileKey, string fileName) => $"{PreviewMediaPath}/{tokens.MediaPath(fileKey, fileName, ticket.ExpiresAt)}";
        return new PreviewPage(item.Id, v.Number, item.Type, item.Path, en ? v.TitleEn! : v.Title, en ? v.SummaryEn ?? v.Summary : v.Summary,
            ContentMarkdown.Render(en ? v.BodyEn ?? v.Body : v.Body, images, en, ImageUrl), en ? v.SeoTitleEn : v.SeoTitle,
            en ? v.SeoDescriptionEn : v.SeoDescription, v.HeroMediaId,
            v.HeroMediaId is { } hero && images.TryGetValue(hero, out var h) ? Hero(h, en, ImageUrl) : null);
    }

    /// <summary>The same sizes the published page offers (<see cref="Media.MediaUrls.SrcSet"/>), each at its signed address.</summary>
    private static PreviewImage Hero(MarkdownImage m, bool english, Func<string, string, string> url)
    {
        var widths = Media.MediaRenditions.WidthsFor(m.Width);
        string SrcSet(string extension) => string.Join(", ", widths.Select(w =>
            $"{url(m.FileKey, Media.MediaRenditions.WidthFile(w, extension))} {w.ToString(System.Globalization.CultureInfo.InvariantCulture)}w"));
        var fallback = url(m.FileKey, Media.MediaRenditions.WidthFile(widths[Math.Min(1, widths.Count - 1)], "jpg"));
        return new PreviewImage(SrcSet("webp"), SrcSet("jpg"), fallback, m.Width, m.Height,
            english && !string.IsNullOrWhiteSpace(m.AltEn) ? m.AltEn : m.Alt);
    }
}
