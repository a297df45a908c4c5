using ChildAid.Shared.Localization;
using ChildAid.Shared.Content;
using ChildAid.Shared.Media;

namespace ChildAid.PublicSite.Content;

/// <summary>A published image as <c>&lt;picture&gt;</c>: WebP sizes with JPEG fallback, its own width and height, lazy unless above the fold.</summary>
public sealed record PictureView(PublishedMedia Media, string Sizes, bool Eager = false, string? CssClass = null)
{
    public string Alt => Cultures.IsEnglish && !string.IsNullOrWhiteSpace(Media.AltEn) ? Media.AltEn : Media.Alt;
}

/// <summary>What a page says about itself in &lt;head&gt;: canonical URL, Open Graph and Twitter card (Facebook, Zalo).</summary>
public sealed record ShareView(string Title, string Description, string Path, PublishedMedia? Image, bool Article = false,
    DateTime? PublishedAt = null, DateTime? UpdatedAt = null)
{
    public static ShareView Of(PublicContent page, string? path = null) => new(page.HeadTitle, page.Description, path ?? page.Content.Path,
        page.Hero, page.Content.Type == ContentType.Story, page.Content.PublishedAt, page.Content.UpdatedAt);

    public string ImageAlt => Image is null ? "" : Cultures.IsEnglish && !string.IsNullOrWhiteSpace(Image.AltEn) ? Image.AltEn : Image.Alt;
}
