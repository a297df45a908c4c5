using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Children;

public enum Sex { Female = 1, Male = 2 }

/// <summary>A child of the programme: personal data, BackOffice only, scoped by unit.</summary>
public class Child : Security.IUnitOwned, Security.IOrganisationOwned
{
    public int Id { get; set; }
    public required string FullName { get; set; }
    public string SearchText { get; set; } = "";
    public DateOnly DateOfBirth { get; set; }
    public Sex Sex { get; set; }
    public string EthnicGroup { get; set; } = "";
    /// <summary>Groups of children in special circumstances and household policy groups (the priority criteria read them).</summary>
    public Needs.CircumstanceGroups Circumstances { get; set; }
    /// <summary>The village or commune the child lives in.</summary>
    public int AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
    public int? SchoolId { get; set; }
    public Organisation? School { get; set; }
    /// <summary>The class at school ("3A"), for the check-up class list.</summary>
    public string? ClassName { get; set; }
    /// <summary>The health station that looks after the child: its health workers read the child's record.</summary>
    public int? HealthStationId { get; set; }
    public Organisation? HealthStation { get; set; }
    public string? GuardianName { get; set; }
    /// <summary>Recorded consent of the guardian (and of the child from age 7) to publish photo, name or story.</summary>
    public DateOnly? PublicationConsentOn { get; set; }
    public bool IsDemo { get; set; }
}

public class ChildConfiguration : IEntityTypeConfiguration<Child>
{
    public void Configure(EntityTypeBuilder<Child> b)
    {
        b.Property(c => c.FullName).HasMaxLength(200);
        b.Property(c => c.SearchText).HasMaxLength(200);
        b.Property(c => c.EthnicGroup).HasMaxLength(50);
        b.Property(c => c.GuardianName).HasMaxLength(200);
        b.Property(c => c.Sex).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(c => c.AdminUnitId);
        b.ToTable(t => t.HasCheckConstraint("ck_children_circumstances", "circumstances >= 0 AND circumstances < 256"));
        b.HasOne(c => c.AdminUnit).WithMany().HasForeignKey(c => c.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.School).WithMany().HasForeignKey(c => c.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.ClassName).HasMaxLength(20);
        b.HasOne(c => c.HealthStation).WithMany().HasForeignKey(c => c.HealthStationId).OnDelete(DeleteBehavior.Restrict);
    }
}
