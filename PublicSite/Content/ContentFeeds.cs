using ChildAid.Shared.Localization;
using System.Globalization;
using System.Text;
using System.Xml;
using ChildAid.PublicSite.Caching;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Content;

namespace ChildAid.PublicSite.Content;

/// <summary>
/// sitemap.xml (published content and the site's own public pages), and the stories as RSS 2.0 and Atom. Built only
/// from the public copy, so a draft, an unpublished item or an old version can never appear. Output-cached like pages.
/// </summary>
public static class ContentFeeds
{
    public const string RssPath = "/tin-tuc/rss.xml";
    public const string AtomPath = "/tin-tuc/atom.xml";
    public const int FeedSize = 30;

    // The site's own pages, always public.
    private static readonly string[] FixedPages = ["/", "/tin-tuc", "/nhu-cau", "/sao-ke", "/bang-vang", ShortAddresses.About, ShortAddresses.HowToGive];

    public static void MapContentFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sitemap.xml", SitemapAsync).CacheOutput(PublicCache.Policy).ExcludeFromDescription();
        app.MapGet(RssPath, RssAsync).CacheOutput(PublicCache.Policy).ExcludeFromDescription();
        app.MapGet(AtomPath, AtomAsync).CacheOutput(PublicCache.Policy).ExcludeFromDescription();
    }

    private static async Task<IResult> SitemapAsync(HttpContext context, PublishedContentQuery content, CampaignProgressQuery campaigns,
        CancellationToken ct)
    {
        var site = PublicUrls.Base(context);
        var entries = await content.EntriesAsync(ct: ct);
        var campaignList = await campaigns.NamesAsync(ct);
        return Xml(w =>
        {
            w.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (var path in FixedPages) Url(w, site + path, null);
            foreach (var c in campaignList)
            {
                Url(w, site + "/chien-dich/" + c.Slug, null);
                Url(w, site + "/bang-vang/" + c.Slug, null);
            }
            // A campaign page is shown at its campaign's address (listed above), not at a path of its own.
            // Pages shown at a short address (listed above) are not listed again at their long path, which redirects.
            foreach (var e in entries.Where(e => e.Type != ContentType.CampaignPage && ShortAddresses.For(e.Path) is null))
                Url(w, site + e.Path, e.UpdatedAt);
            w.WriteEndElement();
        });

        static void Url(XmlWriter w, string location, DateTime? lastModified)
        {
            w.WriteStartElement("url");
            w.WriteElementString("loc", location);
            if (lastModified is { } at) w.WriteElementString("lastmod", Utc(at).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteEndElement();
        }
    }

    private static async Task<IResult> RssAsync(HttpContext context, PublishedContentQuery content, CancellationToken ct)
    {
        var site = PublicUrls.Base(context);
        var english = Cultures.IsEnglish;
        var stories = await content.EntriesAsync(ContentType.Story, FeedSize, english, ct);
        return Xml(w =>
        {
            w.WriteStartElement("rss");
            w.WriteAttributeString("version", "2.0");
            w.WriteAttributeString("xmlns", "atom", null, "http://www.w3.org/2005/Atom");
            w.WriteStartElement("channel");
            w.WriteElementString("title", FeedTitle(english));
            w.WriteElementString("link", site + "/tin-tuc");
            w.WriteElementString("description", FeedDescription(english));
            w.WriteElementString("language", english ? "en" : "vi");
            w.WriteStartElement("atom", "link", "http://www.w3.org/2005/Atom");
            w.WriteAttributeString("href", site + RssPath);
            w.WriteAttributeString("rel", "self");
            w.WriteAttributeString("type", "application/rss+xml");
            w.WriteEndElement();
            if (stories.Count > 0) w.WriteElementString("lastBuildDate", Utc(stories.Max(s => s.UpdatedAt)).ToString("R", CultureInfo.InvariantCulture));
            foreach (var s in stories)
            {
                w.WriteStartElement("item");
                w.WriteElementString("title", s.Title);
                w.WriteElementString("link", site + s.Path);
                w.WriteStartElement("guid");
                w.WriteAttributeString("isPermaLink", "true");
                w.WriteString(site + s.Path);
                w.WriteEndElement();
                w.WriteElementString("description", s.Summary);
                w.WriteElementString("pubDate", Utc(s.PublishedAt).ToString("R", CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }, "application/rss+xml; charset=utf-8");
    }

    private static async Task<IResult> AtomAsync(HttpContext context, PublishedContentQuery content, CancellationToken ct)
    {
        const string ns = "http://www.w3.org/2005/Atom";
        var site = PublicUrls.Base(context);
        var english = Cultures.IsEnglish;
        var stories = await content.EntriesAsync(ContentType.Story, FeedSize, english, ct);
        var updated = stories.Count > 0 ? stories.Max(s => s.UpdatedAt) : new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return Xml(w =>
        {
            w.WriteStartElement("feed", ns);
            w.WriteAttributeString("xml", "lang", null, english ? "en" : "vi");
            w.WriteElementString("id", ns, site + AtomPath);
            w.WriteElementString("title", ns, FeedTitle(english));
            w.WriteElementString("subtitle", ns, FeedDescription(english));
            w.WriteElementString("updated", ns, Iso(updated));
            Link(w, site + "/tin-tuc", "alternate");
            Link(w, site + AtomPath, "self");
            w.WriteStartElement("author", ns);
            w.WriteElementString("name", ns, "ChildAid");
            w.WriteEndElement();
            foreach (var s in stories)
            {
                w.WriteStartElement("entry", ns);
                w.WriteElementString("id", ns, site + s.Path);
                w.WriteElementString("title", ns, s.Title);
                Link(w, site + s.Path, "alternate");
                w.WriteElementString("published", ns, Iso(s.PublishedAt));
                w.WriteElementString("updated", ns, Iso(s.UpdatedAt));
                w.WriteElementString("summary", ns, s.Summary);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }, "application/atom+xml; charset=utf-8");

        static void Link(XmlWriter w, string href, string rel)
        {
            w.WriteStartElement("link", ns);
            w.WriteAttributeString("href", href);
            w.WriteAttributeString("rel", rel);
            w.WriteEndElement();
        }
    }

    private static string FeedTitle(bool english) => english ? "ChildAid — News and updates" : "ChildAid — Tin tức";

    private static string FeedDescription(bool english) => english
        ? "News from the campaigns for children in the poorest communes"
        : "Tin tức và cập nhật từ các chiến dịch hỗ trợ trẻ em các xã đặc biệt khó khăn";

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static string Iso(DateTime value) => Utc(value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IResult Xml(Action<XmlWriter> write, string contentType = "application/xml; charset=utf-8")
    {
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(text, new XmlWriterSettings { Indent = false, Encoding = Encoding.UTF8, OmitXmlDeclaration = true }))
        {
            write(w);
        }
        return Results.Text("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + text, contentType, Encoding.UTF8);
    }
}
