using System.Text.Json;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;

namespace ChildAid.Shared.Children;

/// <summary>
/// Children's personal data (Personal Data Protection Law): reading a child's record is audited as well as changing
/// it. One row per page that shows a record, with what was shown.
/// </summary>
public class ChildReadAudit(ChildAidDbContext db, AuditActor actor, TimeProvider clock)
{
    public const string ReadAction = "Read";

    public async Task RecordAsync(Child child, string shown, CancellationToken ct = default)
    {
        if (actor.Suppressed) return;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, UserId = actor.UserId, Actor = actor.Name, EntityType = nameof(Child),
            EntityKey = child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Action = ReadAction,
            AdminUnitId = child.AdminUnitId, Label = child.FullName, After = JsonSerializer.Serialize(new { Shown = shown }),
        });
        await db.SaveChangesAsync(ct);
    }
}
