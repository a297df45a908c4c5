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

    /// <summary>Requests per client address per minute.</summary>
    public class RateLimitOptions
    {
        public int ApiPerMinute { get; set; } = 120;
        public int DownloadsPerMinute { get; set; } = 10;
    }
}
