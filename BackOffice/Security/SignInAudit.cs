using System.Text.Encodings.Web;
using System.Text.Json;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;

namespace ChildAid.BackOffice.Security;

/// <summary>Writes sign-in events (<see cref="SignInEvents"/>) as ordinary audit rows, at once, in their own save.</summary>
public sealed class SignInAudit(ChildAidDbContext db, TimeProvider clock)
{
    private const int LongestName = 100;
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="userId">The account, or null when the name typed matches none.</param>
    /// <param name="userName">The account's name, or the name typed (never the password).</param>
    public async Task WriteAsync(HttpContext http, string action, string? userId, string? userName)
    {
        var name = Shorten(userName);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = userId,
            Actor = name ?? "",
            EntityType = SignInEvents.EntityType,
            EntityKey = userId ?? "",
            Action = action,
            After = JsonSerializer.Serialize(new SortedDictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Address"] = ClientAddress.Of(http),
                ["UserName"] = name,
            }, JsonOptions),
        });
        await db.SaveChangesAsync(http.RequestAborted);
    }

    private static string? Shorten(string? s) => s is { Length: > LongestName } ? s[..LongestName] : s;
}
