using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Checkups;

/// <summary>
/// One check-up round at one site (a school or a health station) on one day, by a team. It belongs to the site's unit,
/// and to the site and the organising health station: a health worker reads only sessions that name their station.
/// </summary>
public class CheckupSession : Security.IUnitOwned, Security.IOrganisationOwned
{
    public int Id { get; set; }
    public DateOnly HeldOn { get; set; }
    /// <summary>Where the children were measured: a school or a health station.</summary>
    public int SiteId { get; set; }
    public Organisation? Site { get; set; }
    /// <summary>The health station whose team ran it, when the site is a school.</summary>
    public int? HealthStationId { get; set; }
    public Organisation? HealthStation { get; set; }
    /// <summary>The site's unit (the scope).</summary>
    public int AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
    /// <summary>Who measured, in words ("Trạm y tế xã Ia Đal: y sĩ Hoa, điều dưỡng Tâm").</summary>
    public string Team { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public bool IsDemo { get; set; }
    public List<Measurement> Measurements { get; set; } = [];
}

public class CheckupSessionConfiguration : IEntityTypeConfiguration<CheckupSession>
{
    public void Configure(EntityTypeBuilder<CheckupSession> b)
    {
        b.Property(s => s.Team).HasMaxLength(300);
        b.Property(s => s.CreatedBy).HasMaxLength(256);
        b.HasIndex(s => new { s.SiteId, s.HeldOn });
        b.HasIndex(s => s.AdminUnitId);
        b.HasOne(s => s.Site).WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.HealthStation).WithMany().HasForeignKey(s => s.HealthStationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.AdminUnit).WithMany().HasForeignKey(s => s.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
