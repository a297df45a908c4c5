using ChildAid.Shared.Children;
using ChildAid.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Needs;

/// <summary>
/// Support another agency has declared for a child or a school ("Hội Chữ thập đỏ gives child X warm clothes for
/// winter 2026–27"), entered by that agency's staff or by the commune, so the duplicate check sees help that never
/// passes through ChildAid's books. Scoped by the commune it concerns.
/// </summary>
public class DeclaredSupport : Security.IUnitOwned, Security.IOrganisationOwned
{
    public int Id { get; set; }
    /// <summary>The agency that gives the support.</summary>
    public int AgencyId { get; set; }
    public Organisation? Agency { get; set; }
    /// <summary>The commune of the child or school.</summary>
    public int AdminUnitId { get; set; }
    public NeedTarget Target { get; set; }
    public int? ChildId { get; set; }
    public Child? Child { get; set; }
    public int? SchoolId { get; set; }
    public Organisation? School { get; set; }
    public NeedCategory Category { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public required string Description { get; set; }
    public required string RecordedById { get; set; }
    public DateTime RecordedAt { get; set; }

    public const int DescriptionLength = 300;
}

public class DeclaredSupportConfiguration : IEntityTypeConfiguration<DeclaredSupport>
{
    public void Configure(EntityTypeBuilder<DeclaredSupport> b)
    {
        b.Property(s => s.Target).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Description).HasMaxLength(DeclaredSupport.DescriptionLength);
        b.Property(s => s.RecordedById).HasMaxLength(450);
        b.HasOne(s => s.Agency).WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Child).WithMany().HasForeignKey(s => s.ChildId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.School).WithMany().HasForeignKey(s => s.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.ChildId, s.Category });
        b.HasIndex(s => new { s.SchoolId, s.Category });
        b.HasIndex(s => s.AdminUnitId);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_declared_supports_period", "period_start <= period_end");
            t.HasCheckConstraint("ck_declared_supports_target",
                "(target = 'Child' AND child_id IS NOT NULL) OR (target = 'School' AND child_id IS NULL AND school_id IS NOT NULL)");
        });
    }
}
