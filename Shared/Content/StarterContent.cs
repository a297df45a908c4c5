using System.Globalization;
using System.Text.RegularExpressions;
using ChildAid.Shared.Time;

namespace ChildAid.Shared.Content;

/// <summary>An image a starter file uses: its file in <c>content/images/</c> and the alt text the file gives it.</summary>
public sealed record StarterImage(string FileName, string Alt, string? AltEn);

/// <summary>One starter content item read from <c>content/</c> (format: content/README.md), checked, not yet imported.</summary>
public sealed record StarterItem(string File, ContentType Type, string Slug, string Title, string Body)
{
    public string? Parent { get; init; }
    public string? Campaign { get; init; }
    public string? TitleEn { get; init; }
    public string Summary { get; init; } = "";
    public string? SummaryEn { get; init; }
    public string? SeoTitle { get; init; }
    public string? SeoTitleEn { get; init; }
    public string? SeoDescription { get; init; }
    public string? SeoDescriptionEn { get; init; }
    public StarterImage? Hero { get; init; }
    /// <summary>UTC; null: imported as a draft. In the past: published at import, dated by it. Later: scheduled.</summary>
    public DateTime? PublishAt { get; init; }
    public string? BodyEn { get; init; }

    /// <summary>Images the bodies show (<c>![alt](images/file)</c>), each file once.</summary>
    public IReadOnlyList<StarterImage> BodyImages { get; init; } = [];
}

public sealed class StarterContentException(string message) : Exception(message);

/// <summary>
/// Reads the starter content files: front matter between two <c>---</c> lines (one <c>key: value</c> a line, taken as
/// written), then the Vietnamese Markdown body; the English body in the sibling <c>slug.en.md</c>. Every mistake is
/// refused with the file and what is wrong, before anything is imported.
/// </summary>
public static partial class StarterContent
{
    public static readonly string[] Folders = ["pages", "campaigns", "stories", "honor-roll", "needs"];

    private static readonly HashSet<string> Keys =
    [
        "type", "slug", "parent", "campaign", "title", "title_en", "summary", "summary_en", "seo_title", "seo_title_en",
        "seo_description", "seo_description_en", "hero", "hero_alt", "hero_alt_en", "publish", "shows_child",
    ];

    /// <summary>Every item under <paramref name="contentRoot"/>, parents before their children.</summary>
    public static IReadOnlyList<StarterItem> Load(string contentRoot)
    {
        var items = new List<StarterItem>();
        foreach (var folder in Folders.Select(f => Path.Combine(contentRoot, f)).Where(Directory.Exists))
            foreach (var file in Directory.EnumerateFiles(folder, "*.md").Where(f => !f.EndsWith(".en.md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var english = Path.ChangeExtension(file, null) + ".en.md";
                var relative = Path.GetRelativePath(contentRoot, file);
                var item = Parse(relative, File.ReadAllText(file), File.Exists(english) ? File.ReadAllText(english) : null);
                foreach (var image in item.BodyImages.Append(item.Hero).OfType<StarterImage>())
                    if (!File.Exists(Path.Combine(contentRoot, "images", image.FileName)))
                        throw new StarterContentException($"{relative}: không có ảnh images/{image.FileName}.");
                items.Add(item);
            }
        var duplicate = items.GroupBy(i => ContentPaths.For(i.Type, i.Parent is null ? [] : [i.Parent], i.Slug)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new StarterContentException($"{string.Join(", ", duplicate.Select(i => i.File))}: trùng đường dẫn {duplicate.Key}.");
        return [.. items.OrderBy(i => i.Parent is null ? 0 : 1).ThenBy(i => i.File, StringComparer.Ordinal)];
    }

    public static StarterItem Parse(string file, string text, string? englishText)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        if (!text.StartsWith("---\n", StringComparison.Ordinal)) throw Error(file, "thiếu phần đầu (front matter) mở bằng dòng ---.");
        var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0 && text.EndsWith("\n---", StringComparison.Ordinal)) end = text.Length - 4;
        if (end < 0) throw Error(file, "phần đầu không có dòng --- đóng.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 1;
        foreach (var line in text[4..end].Split('\n'))
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            var key = colon < 0 ? line.TrimEnd(':').Trim() : line[..colon].Trim();
            var value = colon < 0 ? "" : line[(colon + 2)..].Trim();
            if (!Keys.Contains(key)) throw Error(file, $"dòng {lineNumber}: khóa không có trong định dạng: «{key}».");
            if (!values.TryAdd(key, value)) throw Error(file, $"dòng {lineNumber}: khóa «{key}» lặp lại.");
        }
        var body = (end + 5 <= text.Length ? text[(end + 5)..] : "").Trim('\n');

        string? Optional(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        string Required(string key) => Optional(key) ?? throw Error(file, $"thiếu «{key}».");

        if (!Enum.TryParse<ContentType>(Required("type"), ignoreCase: false, out var type) || !Enum.IsDefined(type))
            throw Error(file, $"«type» phải là một trong {string.Join(", ", Enum.GetNames<ContentType>())}.");
        var slug = Required("slug");
        if (!ContentPaths.IsValidSlug(slug)) throw Error(file, $"«slug» không hợp lệ: «{slug}» (chữ thường không dấu, số, gạch nối).");
        var parent = Optional("parent");
        if (parent is not null && (type != ContentType.Page || !ContentPaths.IsValidSlug(parent))) throw Error(file, "«parent» chỉ dành cho trang (Page), là slug của trang cha.");
        var campaign = Optional("campaign");
        if (type == ContentType.CampaignPage && campaign is null) throw Error(file, "trang chiến dịch cần «campaign».");
        if (campaign is not null && type is not (ContentType.CampaignPage or ContentType.Story)) throw Error(file, "«campaign» chỉ dành cho trang chiến dịch và tin bài.");
        var showsChild = Required("shows_child") switch
        {
            "false" => false,
            "true" => true,
            _ => throw Error(file, "«shows_child» phải là true hoặc false."),
        };
        // The import has no consent record to give: a file showing a child is refused, never published without one.
        if (showsChild) throw Error(file, "có trẻ em (shows_child: true) nhưng nội dung mẫu không có giấy đồng ý: không thể nhập.");

        StarterImage? hero = null;
        if (Optional("hero") is { } heroFile)
        {
            CheckImageName(file, heroFile);
            hero = new StarterImage(heroFile, Optional("hero_alt") ?? throw Error(file, "ảnh đại diện cần «hero_alt» (mô tả ảnh)."), Optional("hero_alt_en"));
        }
        var bodyEn = englishText?.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Trim('\n');
        if (bodyEn is not null && bodyEn.StartsWith("---\n", StringComparison.Ordinal)) throw Error(file, "tệp tiếng Anh (.en.md) chỉ có nội dung, không có phần đầu.");

        var item = new StarterItem(file, type, slug, Required("title"), body)
        {
            Parent = parent, Campaign = campaign, TitleEn = Optional("title_en"), Summary = Optional("summary") ?? "", SummaryEn = Optional("summary_en"),
            SeoTitle = Optional("seo_title"), SeoTitleEn = Optional("seo_title_en"), SeoDescription = Optional("seo_description"),
            SeoDescriptionEn = Optional("seo_description_en"), Hero = hero, PublishAt = Optional("publish") is { } p ? PublishAt(file, p) : null,
            BodyEn = bodyEn, BodyImages = Images(file, body, bodyEn),
        };
        CheckLength(file, "title", item.Title, ContentVersion.TitleLength);
        CheckLength(file, "title_en", item.TitleEn, ContentVersion.TitleLength);
        CheckLength(file, "summary", item.Summary, ContentVersion.SummaryLength);
        CheckLength(file, "summary_en", item.SummaryEn, ContentVersion.SummaryLength);
        CheckLength(file, "seo_title", item.SeoTitle, ContentVersion.SeoTitleLength);
        CheckLength(file, "seo_title_en", item.SeoTitleEn, ContentVersion.SeoTitleLength);
        CheckLength(file, "seo_description", item.SeoDescription, ContentVersion.SeoDescriptionLength);
        CheckLength(file, "seo_description_en", item.SeoDescriptionEn, ContentVersion.SeoDescriptionLength);
        return item;
    }

    /// <summary>The body with each <c>![alt](images/file)</c> rewritten by <paramref name="reference"/> (to a library item).</summary>
    public static string RewriteImages(string markdown, Func<string, string> reference) =>
        ImageReference().Replace(markdown, m => $"![{m.Groups["alt"].Value}]({reference(m.Groups["file"].Value)})");

    private static IReadOnlyList<StarterImage> Images(string file, string body, string? bodyEn)
    {
        var vi = ImageReference().Matches(body).Select(m => (File: m.Groups["file"].Value, Alt: m.Groups["alt"].Value)).ToList();
        var en = bodyEn is null ? [] : ImageReference().Matches(bodyEn).Select(m => (File: m.Groups["file"].Value, Alt: m.Groups["alt"].Value)).ToList();
        foreach (var image in vi.Concat(en))
        {
            CheckImageName(file, image.File);
            if (image.Alt.Trim().Length == 0) throw Error(file, $"ảnh {image.File} cần mô tả (alt) trong ![...].");
        }
        if (OtherImage().Match(body + "\n" + bodyEn) is { Success: true } other)
            throw Error(file, $"ảnh chỉ được lấy từ images/ của thư mục content: «{other.Value}».");
        return [.. vi.Concat(en).GroupBy(i => i.File).Select(g => new StarterImage(g.Key,
            vi.FirstOrDefault(v => v.File == g.Key).Alt ?? g.First().Alt, en.FirstOrDefault(e => e.File == g.Key).Alt))];
    }

    private static void CheckImageName(string file, string name)
    {
        if (!ImageName().IsMatch(name)) throw Error(file, $"tên ảnh không hợp lệ: «{name}» (chỉ tên tệp .jpg/.png/.webp trong images/).");
    }

    private static DateTime PublishAt(string file, string value)
    {
        if (DateTime.TryParseExact(value, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var vietnam))
            return DateTime.SpecifyKind(vietnam - VietnamClock.Offset, DateTimeKind.Utc);
        throw Error(file, $"«publish» phải có dạng YYYY-MM-DD HH:mm (giờ Việt Nam): «{value}».");
    }

    private static void CheckLength(string file, string key, string? value, int max)
    {
        if (value is not null && value.Length > max) throw Error(file, $"«{key}» dài {value.Length} ký tự, tối đa {max}.");
    }

    private static StarterContentException Error(string file, string message) => new($"{file}: {message}");

    [GeneratedRegex(@"!\[(?<alt>[^\]]*)\]\(images/(?<file>[^)\s]+)\)")]
    private static partial Regex ImageReference();

    // Any image that is not from images/ (a web address, another folder): refused, since pages may show library images only.
    [GeneratedRegex(@"!\[[^\]]*\]\((?!images/)[^)]*\)")]
    private static partial Regex OtherImage();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]*\.(jpg|jpeg|png|webp)$")]
    private static partial Regex ImageName();
}
