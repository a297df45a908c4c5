namespace ChildAid.PublicSite;

/// <summary>Section "PublicSite".</summary>
public class PublicSiteOptions
{
    public const string Section = "PublicSite";

    /// <summary>
    /// How often, at most, the public data version is read from the database (seconds). Output-cached pages are
    /// keyed by it, so this is the longest a gift recorded in BackOffice waits to show. 0 reads it on every request.
    /// </summary>
    public double DataVersionPollSeconds { get; set; } = 1;

    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Section "PublicSite:Giving": the account donors transfer to, shared with BackOffice (its pledge mails).</summary>
    public ChildAid.Shared.Payments.GivingAccountOptions Giving { get; set; } = new();

    /// <summary>Requests per client address per minute.</summary>
    public class RateLimitOptions
    {
        public int ApiPerMinute { get; set; } = 120;
        public int DownloadsPerMinute { get; set; } = 10;
        /// <summary>Pledge form posts (a donor who fixes a field posts again: a few a minute is normal).</summary>
        public int FormPostsPerMinute { get; set; } = 10;
        /// <summary>
        /// Reads of /log/ (tiles, entry bundles, checkpoints, proofs). A verifier fetches one tile per request and full
        /// tiles never change, so a mirror or CDN in front serves the rest; 600 lets `verify-log` walk a million entries
        /// (about 8,000 tiles and bundles) in a quarter of an hour.
        /// </summary>
        public int LogPerMinute { get; set; } = 600;
    }

    /// <summary>
    /// The site's public address ("https://childaid.vn"), for canonical URLs, share cards, sitemap.xml and the feeds,
    /// which must be absolute. Empty: the address the request came to (behind the configured forwarded headers).
    /// </summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>
    /// How long browsers and shared caches keep a published image (seconds). The bytes behind a file key never change,
    /// but a withdrawn consent must take the picture off the web: a day, not a year.
    /// </summary>
    public int MediaCacheSeconds { get; set; } = 86_400;
}
