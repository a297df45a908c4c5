using System.Text.RegularExpressions;
using Ganss.Xss;

namespace ChildAid.Shared.Content;

/// <summary>
/// The one sanitiser of content HTML (HtmlSanitizer): text markup, lists, tables, quotes and links only. Links may
/// go to http, https, mailto or a relative address; nothing runs (no script, style, iframe, svg, math, form, event
/// attribute, style attribute, javascript: or data: address). Ids survive on headings only (anchors), in slug form,
/// so a body cannot clobber the page's own ids. Images are not allowed here at all: ContentMarkdown adds the media
/// library's pictures after sanitising.
/// </summary>
public static partial class ContentHtml
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer Create()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark",
                "small", "sub", "sup", "abbr", "blockquote", "code", "pre", "ul", "ol", "li", "dl", "dt", "dd", "a",
                "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "span",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "title", "id", "colspan", "rowspan", "scope", "start", "reversed", "abbr",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "action", "formaction", "srcset", "cite", "xlink:href" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not AngleSharp.Dom.IElement element) return;
            if (element.HasAttribute("id") && !(IsHeading(element.LocalName) && ContentPaths.IsValidSlug(element.GetAttribute("id"))))
                element.RemoveAttribute("id");
            // Links out of the site: no referrer leak, no window.opener, no SEO credit passed on.
            if (element.LocalName == "a" && element.GetAttribute("href") is { } href && ExternalLink().IsMatch(href))
                element.SetAttribute("rel", "nofollow noopener noreferrer");
        };
        return sanitizer;
    }

    private static bool IsHeading(string tag) => tag.Length == 2 && tag[0] == 'h' && tag[1] is >= '1' and <= '6';

    [GeneratedRegex("^(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalLink();
}
