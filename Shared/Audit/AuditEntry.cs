using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Audit;

/// <summary>Who changed what, when, with the values before and after (JSON). Written by <see cref="AuditInterceptor"/>.</summary>
public class AuditEntry : Security.IUnitOwnedOrGlobal
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string Actor { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityKey { get; set; } = "";
    public string Action { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    /// <summary>
    /// The unit of the changed record (a donor's, a receipt's), so the trail is read within the same scope as the
    /// records; null for global things (campaigns, staff accounts), which only admins read.
    /// </summary>
    public int? AdminUnitId { get; set; }
    /// <summary>A few words that name the record for people (a donor's name, a receipt number), kept at the time of the change.</summary>
    public string? Label { get; set; }
}

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(e => e.UserId).HasMaxLength(450);
        b.Property(e => e.Actor).HasMaxLength(256);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityKey).HasMaxLength(200);
        b.Property(e => e.Action).HasMaxLength(20);
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.EntityType, e.EntityKey });
        b.Property(e => e.Label).HasMaxLength(300);
        b.HasIndex(e => e.AdminUnitId);
    }
}

/// <summary>Who is acting in this scope: a signed-in staff member, or a named CLI verb.</summary>
public class AuditActor
{
    public string? UserId { get; set; }
    public string Name { get; set; } = "system";
    /// <summary>Bulk loads of synthetic demo data are not staff changes and are not audited.</summary>
    public bool Suppressed { get; set; }
}
