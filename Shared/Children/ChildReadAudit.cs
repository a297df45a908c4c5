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

    public Task RecordAsync(Child child, string shown, CancellationToken ct = default) =>
        RecordAsync([(child.Id, child.AdminUnitId, child.FullName)], shown, ct);

    /// <summary>Several children shown at once (a list that names them, such as a distribution's hand-over list): one row each.</summary>
    public async Task RecordAsync(IEnumerable<(int Id, int AdminUnitId, string FullName)> children, string shown, CancellationToken ct = default)
    {
        if (actor.Suppressed) return;
        foreach (var child in children)
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow().UtcDateTime, UserId = actor.UserId, Actor = actor.Name, EntityType = nameof(Child),
                EntityKey = child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Action = ReadAction,
                AdminUnitId = child.AdminUnitId, Label = child.FullName, After = JsonSerializer.Serialize(new { Shown = shown }),
            });
        await db.SaveChangesAsync(ct);
    }
}
