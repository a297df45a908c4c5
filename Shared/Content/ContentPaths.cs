using System.Text;
using System.Text.RegularExpressions;
using ChildAid.Shared.Text;

namespace ChildAid.Shared.Content;

/// <summary>
/// Slugs and public paths of content. A path is the type's Vietnamese prefix, the parent pages' slugs (pages only)
/// and the item's slug: "/trang/gioi-thieu/cach-lam-viec", "/tin-tuc/ao-am-den-ban-phang", "/chien-dich/ao-am-2026".
/// </summary>
public static partial class ContentPaths
{
    public static string Prefix(ContentType type) => type switch
    {
        ContentType.Page => "/trang",
        ContentType.Story => "/tin-tuc",
        ContentType.CampaignPage => "/chien-dich",
        ContentType.HonorRollPage => "/vinh-danh",
        ContentType.NeedsListPage => "/nhu-cau/trang",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The path of an item given its parents' slugs from the top (pages only; empty for the others).</summary>
    public static string For(ContentType type, IEnumerable<string> parentSlugs, string slug)
    {
        var path = new StringBuilder(Prefix(type));
        foreach (var parent in parentSlugs) path.Append('/').Append(parent);
        return path.Append('/').Append(slug).ToString();
    }

    /// <summary>A slug suggested from a title: "Áo ấm đến Bản Phăng!" → "ao-am-den-ban-phang".</summary>
    public static string SlugFrom(string title)
    {
        var folded = NotSlugCharacters().Replace(TextFolding.Fold(title), "-").Trim('-');
        if (folded.Length > ContentItem.SlugLength) folded = folded[..ContentItem.SlugLength].TrimEnd('-');
        return folded;
    }

    /// <summary>Lower-case ASCII letters and digits in hyphen-separated words, at most 80 characters.</summary>
    public static bool IsValidSlug(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= ContentItem.SlugLength && SlugShape().IsMatch(slug);

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlugCharacters();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugShape();
}
