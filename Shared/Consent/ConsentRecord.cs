using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Children;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Consent;

[Flags]
public enum ConsentScope { None = 0, Website = 1, SocialMedia = 2 }

/// <summary>
/// Recorded consent to publish a child's image or story (DESIGN.md §5): the guardian's, and the child's own from age 7
/// (Law on Children, art. 33), with a scope and an expiry — or a record that no child can be identified. BackOffice
/// only, scoped to the commune the child lives in. Withdrawing or expiring it unpublishes everything that depends on it.
/// </summary>
public class ConsentRecord : Security.IUnitOwned
{
    public int Id { get; set; }
    /// <summary>The commune of the child (or where the photo was taken, when no child is identifiable).</summary>
    public int AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
    public int? ChildId { get; set; }
    public Child? Child { get; set; }
    /// <summary>The image or story shows no identifiable child (backs, hands, far away): no guardian consent needed.</summary>
    public bool NoIdentifiableChild { get; set; }
    public string? GuardianName { get; set; }
    public DateOnly? GuardianConsentOn { get; set; }
    /// <summary>Required when the child is 7 or older on the guardian's consent date.</summary>
    public DateOnly? ChildConsentOn { get; set; }
    public ConsentScope Scope { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }
    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }

    public const int GuardianNameLength = 200;
    public const int NoteLength = 500;
    public const int OwnConsentAge = 7;

    /// <summary>Whether publishing in this scope is allowed on this (Vietnam) date.</summary>
    public bool IsValidOn(DateOnly date, ConsentScope scope) =>
        WithdrawnAt is null
        && (ExpiresOn is null || date <= ExpiresOn)
        && (NoIdentifiableChild || (Scope & scope) == scope);
}

public class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.Property(c => c.GuardianName).HasMaxLength(ConsentRecord.GuardianNameLength);
        b.Property(c => c.Note).HasMaxLength(ConsentRecord.NoteLength);
        b.Property(c => c.RecordedBy).HasMaxLength(256);
        b.Property(c => c.WithdrawnBy).HasMaxLength(256);
        b.HasOne(c => c.AdminUnit).WithMany().HasForeignKey(c => c.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Child).WithMany().HasForeignKey(c => c.ChildId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.ChildId);
        b.HasIndex(c => c.AdminUnitId);
        b.ToTable(t => t.HasCheckConstraint("ck_consent_records_subject",
            "(no_identifiable_child AND child_id IS NULL) OR " +
            "(NOT no_identifiable_child AND child_id IS NOT NULL AND guardian_name IS NOT NULL AND guardian_consent_on IS NOT NULL AND scope > 0)"));
    }
}
