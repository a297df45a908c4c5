namespace ChildAid.PublicSite.Content;

/// <summary>
/// Content pages the site shows at a short address of its own: the media team writes "Giới thiệu" and "Cách ủng hộ" as
/// ordinary pages (<c>/trang/gioi-thieu</c>, <c>/trang/cach-ung-ho</c>), and the site shows them at <c>/gioi-thieu</c>
/// and <c>/cach-ung-ho</c> (where the menu and every give button lead; the latter adds the live bank account and
/// VietQR code). One page per address: the long path answers 301 to the short one, and the sitemap and canonical URL
/// name the short one only.
/// </summary>
public static class ShortAddresses
{
    public const string About = "/gioi-thieu";
    public const string HowToGive = "/cach-ung-ho";

    public const string AboutContent = "/trang/gioi-thieu";
    public const string HowToGiveContent = "/trang/cach-ung-ho";

    private static readonly Dictionary<string, string> ByContentPath = new(StringComparer.Ordinal)
    {
        [AboutContent] = About,
        [HowToGiveContent] = HowToGive,
    };

    /// <summary>The short address a content path is shown at, or null when it is shown at its own path.</summary>
    public static string? For(string contentPath) => ByContentPath.GetValueOrDefault(contentPath.TrimEnd('/'));

    /// <summary>Where a content path is public: its short address when it has one, else itself.</summary>
    public static string PublicPath(string contentPath) => For(contentPath) ?? contentPath;
}
