using System.Security.Claims;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.BackOffice.Security;

/// <summary>
/// Runs after authentication, for every request: says who acts (for the audit trail), widens the request's unit
/// scope from empty to the signed-in user's units, and keeps an admin without two-factor on the enrolment page.
/// </summary>
public sealed class StaffRequestMiddleware(RequestDelegate next)
{
    public const string EnrolPath = "/Account/EnrolTwoFactor";
    private static readonly string[] AllowedBeforeEnrolment = [EnrolPath, "/Account/Logout", "/StatusCode", "/health", Shared.Localization.LanguageSwitch.Path];

    public async Task InvokeAsync(HttpContext http, ChildAidDbContext db, AuditActor actor, StaffScope scope)
    {
        var user = http.User;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user.Identity?.IsAuthenticated == true && userId is not null)
        {
            actor.UserId = userId;
            actor.Name = user.Identity.Name ?? userId;
            var isAdmin = user.IsInRole(Roles.Admin);
            await scope.ApplyAsync(userId, isAdmin, user.FindAll(ClaimTypes.Role).Select(c => c.Value), http.RequestAborted);

            if (isAdmin && !AllowedBeforeEnrolment.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
                && !await db.Users.AnyAsync(u => u.Id == userId && u.TwoFactorEnabled, http.RequestAborted))
            {
                http.Response.Redirect(EnrolPath);
                return;
            }
        }
        await next(http);
    }
}
