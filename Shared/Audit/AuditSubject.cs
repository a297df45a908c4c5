using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Children;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ChildAid.Shared.Audit;

/// <summary>
/// What an audit row is about, for scope and for people: the unit of the changed record (its own, or its parent's
/// for a goods line or a reversal) and a short label (a donor's name, a receipt number).
/// </summary>
public static class AuditSubject
{
    public static int? Unit(EntityEntry entry) => entry.Entity switch
    {
        IUnitOwned owned => owned.AdminUnitId,
        IUnitOwnedOrGlobal owned => owned.AdminUnitId,
        _ => Parent(entry) switch
        {
            IUnitOwned parent => parent.AdminUnitId,
            _ => null,
        },
    };

    public static string? Label(EntityEntry entry) => Cut(entry.Entity switch
    {
        Donor d => d.Name,
        Contribution c => c.ReceiptNumber,
        Campaign c => c.Title,
        Child c => c.FullName,
        Needs.NeedsReview r => $"năm học {r.YearLabel}, lần {r.Revision}",
        Needs.PriorityCriterion c => c.NameVi,
        StaffUser u => u.FullName.Length > 0 ? u.FullName : u.UserName,
        Media.MediaItem m => m.OriginalFileName,
        Media.MediaFolder f => f.Name,
        Consent.ConsentRecord c => c.GuardianName is { } guardian ? $"người giám hộ {guardian}" : "không có trẻ em nhận diện được",
        Content.ContentItem c => c.Path,
        Mail.MailOutboxMessage m => m.Subject,
        Pledges.Pledge p => p.Reference,
        Interventions.Intervention i => i.Name,
        Interventions.MealDay m => $"suất ăn ngày {Text.VietnameseFormat.Date(m.ServedOn)}",
        Content.ContentVersion v => $"{v.Title} (phiên bản {v.Number})",
        Content.ContentRedirect r => $"{r.FromPath} → {r.ToPath}",
        ContributionGoodsLine or ContributionReversal or ReversalRequest => (Parent(entry) as Contribution)?.ReceiptNumber,
        _ => null,
    });

    /// <summary>The record this one hangs off (a goods line's receipt), when it is in the same unit of work.</summary>
    private static object? Parent(EntityEntry entry)
    {
        foreach (var fk in entry.Metadata.GetForeignKeys())
        {
            if (!typeof(IUnitOwned).IsAssignableFrom(fk.PrincipalEntityType.ClrType)) continue;
            var value = entry.Property(fk.Properties[0].Name).CurrentValue;
            var parent = entry.Context.ChangeTracker.Entries()
                .FirstOrDefault(e => e.Metadata == fk.PrincipalEntityType && Equals(e.Property(fk.PrincipalKey.Properties[0].Name).CurrentValue, value));
            if (parent is not null) return parent.Entity;
        }
        return null;
    }

    private static string? Cut(string? s) => s is null ? null : s.Length <= 300 ? s : s[..300];
}
