using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ChildAid.PublicSite;

/// <summary>
/// Limits per client address on what costs the database something: statement searches — every statement API call
/// and the statement page when it carries words (q), counted together — and the CSV download. Other pages are not
/// limited: they are cached and cost nothing. Limits come from "PublicSite:RateLimits".
/// Behind a load balancer, configure forwarded headers so the client's address is the one counted.
/// </summary>
public static class PublicRateLimits
{
    public const string Api = "public-api";
    public const string Download = "public-download";
    /// <summary>Posts of the public forms (the pledge form): a person sends a few a minute, a script hundreds.</summary>
    public const string Form = "public-form";
    /// <summary>The transparency log under /log/: every answer is a database read (a proof, several).</summary>
    public const string Log = "public-log";

    public static void Configure(RateLimiterOptions o, PublicSiteOptions.RateLimitOptions limits)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = async (context, ct) =>
        {
            var http = context.HttpContext;
            http.Response.Headers.RetryAfter = "60";
            const string message = "Quá nhiều yêu cầu, vui lòng thử lại sau một phút. / Too many requests, please retry in a minute.";
            if (ChildAid.PublicSite.Api.PublicApi.IsApiRequest(http))
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Quá nhiều yêu cầu / Too many requests", Detail = message },
                });
            else
                await http.Response.WriteAsync(message, ct);
        };
        o.AddPolicy(Api, http => IsPageWithoutSearch(http) ? RateLimitPartition.GetNoLimiter("") : PerClient(http, limits.ApiPerMinute));
        o.AddPolicy(Download, http => PerClient(http, limits.DownloadsPerMinute));
        // Only the post costs anything (a row in pledge_intake); showing the form again after a refusal stays free.
        o.AddPolicy(Log, http => PerClient(http, limits.LogPerMinute));
        o.AddPolicy(Form, http => HttpMethods.IsPost(http.Request.Method) ? PerClient(http, limits.FormPostsPerMinute) : RateLimitPartition.GetNoLimiter(""));
    }

    /// <summary>
    /// Whether a limiter counted this request (its endpoint carries a policy that limits it). The front cache keeps only
    /// responses no limiter counted, so serving them again early skips no limit.
    /// </summary>
    public static bool IsLimited(HttpContext http)
    {
        var metadata = http.GetEndpoint()?.Metadata;
        if (metadata is null || metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute>() is not null) return false;
        return metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>() is { } limited &&
               (limited.PolicyName != Api || !IsPageWithoutSearch(http));
    }

    /// <summary>The statement page (which carries the Api policy) browsed or filtered without words: a cached, indexed read.</summary>
    private static bool IsPageWithoutSearch(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(http.Request.Query["q"]);

    private static RateLimitPartition<string> PerClient(HttpContext http, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
