using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Interventions;

/// <summary>
/// Meals a school served on one day for a school meal programme, and what one meal cost (whole đồng). One row per
/// intervention, school and day (unique index); the school must be one of the intervention's sites (a foreign key to
/// the site row, so the database refuses anything else). Belongs to the school's unit, and to the school and the
/// programme's health station (copied onto the row, so the organisation filter needs no join through the programme,
/// whose own filter would hide it from school staff): school staff read their own school's days, a health worker their
/// station's programmes.
/// Distributions (issue 10) count these as a service delivered.
/// </summary>
public class MealDay : Security.IUnitOwned, Security.IOrganisationOwned
{
    public int Id { get; set; }
    public int InterventionId { get; set; }
    public Intervention? Intervention { get; set; }
    public int SchoolId { get; set; }
    public Organisation? School { get; set; }
    /// <summary>The programme's organising health station when the day was entered (its health workers read the day).</summary>
    public int? HealthStationId { get; set; }
    public Organisation? HealthStation { get; set; }
    /// <summary>The school's unit (the scope).</summary>
    public int AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
    public DateOnly ServedOn { get; set; }
    public int Meals { get; set; }
    /// <summary>Cost of one meal in đồng (whole VND).</summary>
    public long CostPerMealVnd { get; set; }
    /// <summary>Who entered or last changed the day, and when (the audit keeps every earlier value).</summary>
    public string EnteredBy { get; set; } = "";
    public DateTime EnteredAt { get; set; }
    public bool IsDemo { get; set; }
}

public class MealDayConfiguration : IEntityTypeConfiguration<MealDay>
{
    public void Configure(EntityTypeBuilder<MealDay> b)
    {
        b.Property(m => m.EnteredBy).HasMaxLength(256);
        b.HasIndex(m => new { m.InterventionId, m.SchoolId, m.ServedOn }).IsUnique();
        b.HasIndex(m => m.AdminUnitId);
        b.HasIndex(m => m.SchoolId);
        b.HasOne(m => m.Intervention).WithMany().HasForeignKey(m => m.InterventionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.School).WithMany().HasForeignKey(m => m.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.HealthStation).WithMany().HasForeignKey(m => m.HealthStationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.AdminUnit).WithMany().HasForeignKey(m => m.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        // The school is one of the intervention's sites: the site row cannot go while it has meal days.
        b.HasOne<InterventionSite>().WithMany().HasForeignKey(m => new { m.InterventionId, m.SchoolId }).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_meal_days_meals", "meals >= 0 AND meals <= 100000");
            t.HasCheckConstraint("ck_meal_days_cost", "cost_per_meal_vnd >= 0 AND cost_per_meal_vnd <= 10000000");
        });
    }
}
