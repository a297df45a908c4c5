using ChildAid.Shared.Content;

namespace ChildAid.Tests.Content;

/// <summary>What a body written in Markdown becomes on the public site: safe HTML, anchors, media-library images only.</summary>
public class ContentMarkdownTests
{
    private static readonly Dictionary<int, MarkdownImage> Library = new()
    {
        [7] = new MarkdownImage(7, "k7abc", 2000, 1000, "Áo ấm xếp trên bàn", "Warm coats on a table"),
    };

    private static string Render(string markdown) => ContentMarkdown.Render(markdown, Library);

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Chữ <script src=\"//evil.example/x.js\"></script>")]
    [InlineData("<SCRIPT>alert(1)</SCRIPT>")]
    [InlineData("<style>body{display:none}</style>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<object data=\"x.swf\"></object><embed src=\"x.swf\">")]
    [InlineData("<form action=\"https://evil.example\"><input name=\"p\"><button>Gửi</button></form>")]
    [InlineData("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")]
    public void Scripts_styles_frames_and_forms_are_removed(string markdown)
    {
        var html = Render(markdown);
        foreach (var bad in new[] { "<script", "<style", "<iframe", "<object", "<embed", "<form", "<input", "<math", "onerror", "alert(1)</" })
            Assert.DoesNotContain(bad, html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<p onclick=\"alert(1)\">Bấm</p>")]
    [InlineData("<a href=\"/trang\" onmouseover=\"alert(1)\">Trang</a>")]
    [InlineData("<span ONFOCUS=alert(1) tabindex=0>x</span>")]
    [InlineData("<details open ontoggle=alert(1)>")]
    [InlineData("<b/onclick=alert(1)>x</b>")]
    public void Event_handler_attributes_are_removed(string markdown)
    {
        // Text that only looks like a tag (Markdig escapes it) may keep its words; no real tag keeps a handler.
        Assert.DoesNotMatch("(?i)<[a-z][^>]*\\son[a-z]+\\s*=", Render(markdown));
    }

    [Theory]
    [InlineData("[Bấm](javascript:alert(1))")]
    [InlineData("[Bấm](JaVaScRiPt:alert(1))")]
    [InlineData("[Bấm](javascript&#58;alert(1))")]
    [InlineData("[Bấm](&#x6A;avascript:alert(1))")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">Bấm</a>")]
    [InlineData("<a href=\"  javascript:alert(1)\">Bấm</a>")]
    [InlineData("<a href=\"java\nscript:alert(1)\">Bấm</a>")]
    [InlineData("<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">Bấm</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">Bấm</a>")]
    [InlineData("[Bấm](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<a href=\"data:text/html,<script>alert(1)</script>\">Bấm</a>")]
    public void Links_to_scripts_and_data_addresses_lose_their_address(string markdown)
    {
        var html = Render(markdown);
        Assert.Contains("Bấm", html);
        Assert.DoesNotContain("href", html);
        Assert.DoesNotContain("script:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<svg onload=alert(1)><circle r=10 /></svg>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<svg><a xlink:href=\"javascript:alert(1)\"><text>Bấm</text></a></svg>")]
    [InlineData("<svg><animate attributeName=href values=javascript:alert(1) /></svg>")]
    [InlineData("<svg><foreignObject><iframe src=javascript:alert(1)></iframe></foreignObject></svg>")]
    public void Svg_tricks_are_removed(string markdown)
    {
        var html = Render(markdown);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">Chữ</p>")]
    [InlineData("<p style=\"position:fixed;top:0;left:0;width:100%;height:100%\">Chữ</p>")]
    [InlineData("<p class=\"nut-quyen-gop\">Chữ</p>")]
    public void Style_and_class_attributes_are_removed(string markdown)
    {
        var html = Render(markdown);
        Assert.Contains("<p>Chữ</p>", html);
    }

    [Theory]
    [InlineData("[Trang chủ](https://childaid.vn/)", "href=\"https://childaid.vn/\"")]
    [InlineData("[Tin](/tin-tuc/ao-am)", "href=\"/tin-tuc/ao-am\"")]
    [InlineData("[Mục](#cach-gop)", "href=\"#cach-gop\"")]
    [InlineData("[Thư](mailto:lienhe@childaid.vn)", "href=\"mailto:lienhe@childaid.vn\"")]
    public void Http_https_mailto_and_relative_links_stay(string markdown, string expected) =>
        Assert.Contains(expected, Render(markdown));

    [Fact]
    public void A_link_out_of_the_site_gets_no_opener_and_no_referrer()
    {
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", Render("[Báo](https://vnexpress.net/)"));
        Assert.DoesNotContain("rel=", Render("[Tin](/tin-tuc/ao-am)"));
    }

    [Fact]
    public void Headings_get_readable_anchors_from_their_Vietnamese_words_and_repeats_are_numbered()
    {
        var html = Render("## Áo ấm cho em\n\nChữ\n\n## Áo ấm cho em\n\n### Đường lên bản `Phăng`");

        Assert.Contains("<h2 id=\"ao-am-cho-em\">Áo ấm cho em</h2>", html);
        Assert.Contains("<h2 id=\"ao-am-cho-em-2\">", html);
        Assert.Contains("<h3 id=\"duong-len-ban-phang\">", html);
    }

    [Fact]
    public void Ids_written_in_HTML_survive_only_on_headings_and_only_as_slugs()
    {
        var html = Render("<div id=\"main\">a</div>\n\n<h2 id=\"muc-1\">b</h2>\n\n<h3 id=\"x y\">c</h3>\n\n<p id=\"login-form\">d</p>");

        Assert.Contains("<h2 id=\"muc-1\">", html);
        Assert.DoesNotContain("id=\"main\"", html);
        Assert.DoesNotContain("id=\"x y\"", html);
        Assert.DoesNotContain("id=\"login-form\"", html);
    }

    [Fact]
    public void A_media_library_image_becomes_a_responsive_picture_with_its_alt_text()
    {
        var html = Render("Trước\n\n![ảnh](media:7)\n\nSau");

        Assert.Contains("<source type=\"image/webp\" srcset=\"/media/k7abc/w480.webp 480w, /media/k7abc/w960.webp 960w, /media/k7abc/w1600.webp 1600w\"", html);
        Assert.Contains("src=\"/media/k7abc/w960.jpg\"", html);
        Assert.Contains("width=\"1600\" height=\"800\"", html);
        Assert.Contains("alt=\"Áo ấm xếp trên bàn\"", html);
        Assert.Contains("alt=\"Warm coats on a table\"", ContentMarkdown.Render("![](media:7)", Library, english: true));
    }

    [Theory]
    [InlineData("![x](https://evil.example/track.png)")]
    [InlineData("![x](/media/k7abc/w480.jpg)")]
    [InlineData("![x](data:image/png;base64,iVBORw0KGgo=)")]
    [InlineData("![x](media:99)")]
    [InlineData("![x](media:7abc)")]
    [InlineData("<img src=\"/media/k7abc/w480.jpg\">")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<picture><source srcset=\"https://evil.example/a.webp\"><img src=\"a.jpg\"></picture>")]
    public void Any_other_image_is_dropped(string markdown)
    {
        var html = Render(markdown);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<source", html);
    }

    [Fact]
    public void A_writer_cannot_forge_the_placeholder_of_a_picture()
    {
        var html = Render("ca-media-00000000000000000000000000000000-0 ![](media:7)");
        Assert.Equal(1, CountOf(html, "<img"));
        Assert.Contains("ca-media-00000000000000000000000000000000-0", html);
    }

    [Fact]
    public void Saving_names_every_image_that_is_not_from_the_library()
    {
        var problems = ContentMarkdown.ImageProblems("![áo](media:7)\n\n![bản đồ](https://maps.example/x.png)\n\n<img src=\"y.png\">");

        Assert.Equal(["![bản đồ](https://maps.example/x.png)", "<img> viết bằng HTML"], problems);
        Assert.Equal([7, 8], ContentMarkdown.MediaIds("![a](media:7) ![b](media:8) ![c](media:7)"));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
