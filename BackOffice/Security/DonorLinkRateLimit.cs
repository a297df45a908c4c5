using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ChildAid.BackOffice.Security;

/// <summary>
/// Per client address, a cap on the donors' private pages (anonymous, token-gated): a token cannot be guessed, but
/// each request reads the database and a PDF download draws a receipt, so one address may not hammer them.
/// </summary>
public static class DonorLinkRateLimit
{
    public const string Policy = "donor-link";
    public const int RequestsPerMinute = 60;

    /// <summary>Adds the policy; call after <see cref="SignInRateLimit.Configure"/>, whose refusal text it keeps for sign-in pages.</summary>
    public static void Configure(RateLimiterOptions o)
    {
        var others = o.OnRejected;
        o.OnRejected = async (context, ct) =>
        {
            if (!context.HttpContext.Request.Path.StartsWithSegments("/nha-tai-tro"))
            {
                if (others is not null) await others(context, ct);
                return;
            }
            context.HttpContext.Response.Headers.RetryAfter = "60";
            await context.HttpContext.Response.WriteAsync("Quá nhiều yêu cầu từ địa chỉ này. Vui lòng thử lại sau một phút.", ct);
        };
        o.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }
}
