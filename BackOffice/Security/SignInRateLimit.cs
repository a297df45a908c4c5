using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ChildAid.BackOffice.Security;

/// <summary>
/// Per client address, a cap on the sign-in pages (password and two-factor code), on top of Identity's per-account
/// lock-out: guessing across many accounts from one address is slowed down too.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";
    public const int RequestsPerWindow = 60;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static void Configure(RateLimiterOptions o)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = async (context, ct) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await context.HttpContext.Response.WriteAsync("Quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng thử lại sau 5 phút.", ct);
        };
        o.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = RequestsPerWindow, Window = Window, QueueLimit = 0 }));
    }
}
