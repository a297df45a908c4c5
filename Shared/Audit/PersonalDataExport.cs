using System.Text.Json;
using ChildAid.Shared.Validation;

namespace ChildAid.Shared.Audit;

/// <summary>
/// The one rule for every file that carries children's personal data out of the system — the children's list, need lines
/// naming children, a check-up session's results, the needs template with a commune's children: a reason is asked (on
/// the form's "Reason" field), and an audit row with the reason and the number of children (never a name) is written
/// before the file leaves.
/// </summary>
public static class PersonalDataExport
{
    public const string Action = "Exported";
    public const int MaxReasonLength = 500;

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The trimmed reason; a missing one fails with <paramref name="missing"/>, a long one with the limit.</summary>
    public static Outcome<string> Reason(string? reason, string missing)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return Outcome<string>.Fail("Reason", missing);
        if (reason.Length > MaxReasonLength) return Outcome<string>.Fail("Reason", "Lý do tối đa 500 ký tự.");
        return Outcome<string>.Ok(reason);
    }

    /// <summary>The audit row of one export: what was exported (entity and key), its unit, a label, the reason and the count.</summary>
    public static AuditEntry AuditRow(AuditActor actor, TimeProvider clock, string entityType, string entityKey, int? unitId, string label,
        string reason, int count) => new()
    {
        At = clock.GetUtcNow().UtcDateTime, UserId = actor.UserId, Actor = actor.Name, EntityType = entityType, EntityKey = entityKey,
        AdminUnitId = unitId, Action = Action, Label = label, After = JsonSerializer.Serialize(new { Reason = reason, Count = count }, Json),
    };
}
