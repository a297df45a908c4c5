using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Markdig.Renderers.Html;
using ChildAid.Shared.Media;

namespace ChildAid.Shared.Content;

/// <summary>A published media item as an image in a body: what <c>&lt;picture&gt;</c> and <c>srcset</c> need.</summary>
public sealed record MarkdownImage(int MediaItemId, string FileKey, int Width, int Height, string Alt, string? AltEn);

/// <summary>
/// Content bodies: Markdown (Markdig) rendered to HTML that is then sanitised (<see cref="ContentHtml"/>), with ids on
/// headings for anchors (readable: "## Áo ấm cho em" → <c>id="ao-am-cho-em"</c>) and images only from the media
/// library: <c>![alt](media:123)</c>. Any other image source is dropped, and <see cref="ImageProblems"/> names it so
/// the editor is told when saving.
/// </summary>
public static class ContentMarkdown
{
    public const string MediaScheme = "media:";

    // No raw attribute syntax ({#id .class}) and no extensions that add markup the sanitiser would have to undo.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    /// <summary>The media item ids of the body's images (<c>media:N</c>), in order, without repeats.</summary>
    public static IReadOnlyList<int> MediaIds(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return [];
        return Images(Markdown.Parse(markdown, Pipeline)).Select(i => MediaId(i.Url)).OfType<int>().Distinct().ToList();
    }

    /// <summary>Images that would be dropped: not from the media library. Each entry names the image as the editor wrote it.</summary>
    public static IReadOnlyList<string> ImageProblems(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return [];
        var document = Markdown.Parse(markdown, Pipeline);
        var problems = Images(document).Where(i => MediaId(i.Url) is null).Select(i => $"![{AltText(i)}]({i.Url})").ToList();
        var rawImages = document.Descendants().Count(d => d is HtmlBlock or HtmlInline && RawHtml(d).Contains("<img", StringComparison.OrdinalIgnoreCase));
        if (rawImages > 0) problems.Add("<img> viết bằng HTML");
        return problems;
    }

    /// <summary>
    /// The body as safe HTML. <paramref name="images"/> holds the published media the body may show; an image of any
    /// other source, or of media not given, is left out.
    /// </summary>
    /// <param name="imageUrl">Where a rendition is served, from the file key and file name; default PublicSite's
    /// <c>/media/{FileKey}/{file}</c> (a preview passes signed addresses of files not public yet).</param>
    public static string Render(string? markdown, IReadOnlyDictionary<int, MarkdownImage> images, bool english = false,
        Func<string, string, string>? imageUrl = null)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdown.Parse(markdown, Pipeline);
        GiveHeadingsIds(document);

        // Our own <picture> markup is put in after sanitising, behind tokens no writer can guess (a new one each time),
        // so the sanitiser never has to allow <img> at all: an <img> written in the Markdown's HTML is always removed.
        var nonce = Guid.NewGuid().ToString("N");
        var pictures = new Dictionary<string, string>();
        foreach (var image in Images(document).ToList())
        {
            if (MediaId(image.Url) is { } id && images.TryGetValue(id, out var media))
            {
                var token = $"ca-media-{nonce}-{pictures.Count}";
                pictures[token] = Picture(media, english, imageUrl);
                image.ReplaceBy(new LiteralInline(token));
            }
            else image.Remove();
        }

        var html = ContentHtml.Sanitize(document.ToHtml(Pipeline));
        foreach (var (token, picture) in pictures) html = html.Replace(token, picture, StringComparison.Ordinal);
        return html;
    }

    /// <summary>"media:123" → 123; anything else → null.</summary>
    public static int? MediaId(string? url) =>
        url is not null && url.StartsWith(MediaScheme, StringComparison.OrdinalIgnoreCase)
        && int.TryParse(url.AsSpan(MediaScheme.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id : null;

    /// <summary>The responsive image: WebP with a JPEG fallback at the widths the media library makes.</summary>
    public static string Picture(MarkdownImage image, bool english, Func<string, string, string>? imageUrl = null)
    {
        var enc = AltEncoder;
        imageUrl ??= PublicUrl;
        string Url(string fileKey, int width, string extension) => imageUrl(fileKey, MediaRenditions.WidthFile(width, extension));
        var widths = Widths(image.Width);
        string Set(string ext) => string.Join(", ", widths.Select(w => $"{Url(image.FileKey, w, ext)} {w}w"));
        var middle = widths.Count > 1 ? widths[^2] : widths[^1];
        var height = (int)Math.Round((double)image.Height * widths[^1] / image.Width);
        var alt = english && !string.IsNullOrWhiteSpace(image.AltEn) ? image.AltEn : image.Alt;
        return $"<picture><source type=\"image/webp\" srcset=\"{Set("webp")}\" sizes=\"{Sizes}\">" +
               $"<img src=\"{Url(image.FileKey, middle, "jpg")}\" srcset=\"{Set("jpg")}\" sizes=\"{Sizes}\" " +
               $"width=\"{widths[^1]}\" height=\"{height}\" alt=\"{enc.Encode(alt)}\" loading=\"lazy\" decoding=\"async\"></picture>";
    }

    // Vietnamese letters stay readable; quotes and angle brackets are still encoded.
    private static readonly HtmlEncoder AltEncoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private const string Sizes = "(max-width: 48rem) 100vw, 48rem";

    // The media library's renditions (w480.jpg, w960.webp…), served by PublicSite under /media/{FileKey}/.
    private static IReadOnlyList<int> Widths(int width) => MediaRenditions.WidthsFor(width);

    private static string PublicUrl(string fileKey, string fileName) =>
        $"{MediaUrls.RequestPath}/{Uri.EscapeDataString(fileKey)}/{fileName}";

    private static IEnumerable<LinkInline> Images(MarkdownDocument document) =>
        document.Descendants<LinkInline>().Where(l => l.IsImage);

    private static string AltText(LinkInline image) =>
        string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString()));

    private static string RawHtml(MarkdownObject o) => o switch
    {
        HtmlInline inline => inline.Tag ?? "",
        HtmlBlock block => block.Lines.ToString(),
        _ => "",
    };

    /// <summary>Readable ids from the heading's words (ContentPaths.SlugFrom), "-2", "-3" on repeats.</summary>
    private static void GiveHeadingsIds(MarkdownDocument document)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var text = new StringBuilder();
            if (heading.Inline is { } inline)
                foreach (var part in inline.Descendants())
                    if (part is LiteralInline literal) text.Append(literal.Content.ToString());
                    else if (part is CodeInline code) text.Append(code.Content);
            var id = ContentPaths.SlugFrom(text.ToString());
            if (id.Length == 0) id = "muc";
            var unique = id;
            for (var n = 2; !used.Add(unique); n++) unique = $"{id}-{n}";
            heading.GetAttributes().Id = unique;
        }
    }
}
