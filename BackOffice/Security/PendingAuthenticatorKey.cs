using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ChildAid.BackOffice.Security;

/// <summary>
/// The authenticator key a staff member is enrolling, kept in a protected cookie bound to their account until
/// they confirm a code from it. Showing the enrolment page therefore writes nothing to the database and leaves
/// the security stamp, and every other session, alone.
/// </summary>
public sealed class PendingAuthenticatorKey(IDataProtectionProvider protection)
{
    public const string Cookie = "childaid.2fa-enrol";
    private readonly IDataProtector _protector = protection.CreateProtector("ChildAid.EnrolTwoFactor.PendingKey.v1");

    /// <summary>The pending key of <paramref name="userId"/> in this browser, or a new one (then remembered).</summary>
    public string Get(HttpContext http, string userId, Func<string> newKey)
    {
        if (Read(http, userId) is { } key) return key;
        key = newKey();
        http.Response.Cookies.Append(Cookie, _protector.Protect(userId + "\n" + key), Options(http));
        return key;
    }

    public string? Read(HttpContext http, string userId)
    {
        if (!http.Request.Cookies.TryGetValue(Cookie, out var value)) return null;
        try
        {
            var parts = _protector.Unprotect(value).Split('\n');
            return parts.Length == 2 && parts[0] == userId ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public void Forget(HttpContext http) => http.Response.Cookies.Delete(Cookie, Options(http));

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/Account",
    };
}
