using ChildAid.Shared.Interventions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.PublicNutrition;

/// <summary>What a public row counts: the children an intervention reached (and its meals), or the children measured
/// at both its baseline and endline (and the prevalence before and after).</summary>
public enum PublicNutritionPart { Reach = 1, Evaluation = 2 }

/// <summary>
/// One cell of the public nutrition figures: one intervention at one school (or "other sites", merged), describing at
/// least <see cref="PublicNutritionProjection.MinimumChildren"/> children, or a <see cref="Suppressed"/> remainder with
/// no figures. Built only by <see cref="PublicNutritionProjection"/>. It holds no child, measurement, class or date of a
/// visit: nothing here joins back to a person.
/// </summary>
public class PublicNutritionRow
{
    public int Id { get; set; }
    public int InterventionId { get; set; }
    public required string InterventionName { get; set; }
    public InterventionKind Kind { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    public int CommuneId { get; set; }
    public required string CommuneCode { get; set; }
    public required string CommuneName { get; set; }
    public string? ProvinceName { get; set; }

    public PublicNutritionPart Part { get; set; }
    /// <summary>Null: the intervention's other sites (and children without a school), merged.</summary>
    public int? SchoolId { get; set; }
    public string? SchoolName { get; set; }

    /// <summary>Fewer than ten children in all that was left after merging: shown as "&lt; 10", every figure null.</summary>
    public bool Suppressed { get; set; }
    /// <summary>Reach: children enrolled. Evaluation: children measured at both the baseline and the endline.</summary>
    public int? ChildrenCount { get; set; }

    // Reach only.
    public long? MealsServed { get; set; }
    public int? MealDays { get; set; }
    public long? MealCostVnd { get; set; }

    // Evaluation only: per condition, the children classifiable at both visits and how many had it before and after
    // (null when fewer than ten are classifiable: too few to publish).
    public int? StuntingChildren { get; set; }
    public int? StuntingBefore { get; set; }
    public int? StuntingAfter { get; set; }
    public int? UnderweightChildren { get; set; }
    public int? UnderweightBefore { get; set; }
    public int? UnderweightAfter { get; set; }
    public int? WastingChildren { get; set; }
    public int? WastingBefore { get; set; }
    public int? WastingAfter { get; set; }
    public int? OverweightChildren { get; set; }
    public int? OverweightBefore { get; set; }
    public int? OverweightAfter { get; set; }

    /// <summary>When these figures last changed (UTC).</summary>
    public DateTime RefreshedAt { get; set; }
}

public class PublicNutritionRowConfiguration : IEntityTypeConfiguration<PublicNutritionRow>
{
    public void Configure(EntityTypeBuilder<PublicNutritionRow> b)
    {
        b.Property(r => r.InterventionName).HasMaxLength(200);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.Part).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.CommuneCode).HasMaxLength(20);
        b.Property(r => r.CommuneName).HasMaxLength(200);
        b.Property(r => r.ProvinceName).HasMaxLength(200);
        b.Property(r => r.SchoolName).HasMaxLength(200);
        b.HasIndex(r => new { r.CommuneId, r.InterventionId, r.Part });
        var min = PublicNutritionProjection.MinimumChildren;
        // The database refuses a published cell of fewer than ten children, and a condition counted over fewer than ten.
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_public_nutrition_small_cells",
                "(suppressed AND children_count IS NULL AND meals_served IS NULL AND meal_days IS NULL AND meal_cost_vnd IS NULL " +
                "AND stunting_before IS NULL AND underweight_before IS NULL AND wasting_before IS NULL AND overweight_before IS NULL) OR " +
                $"(NOT suppressed AND children_count >= {min})");
            foreach (var c in new[] { "stunting", "underweight", "wasting", "overweight" })
                t.HasCheckConstraint($"ck_public_nutrition_{c}",
                    $"({c}_children IS NULL AND {c}_before IS NULL AND {c}_after IS NULL) OR " +
                    $"({c}_children >= {min} AND {c}_before BETWEEN 0 AND {c}_children AND {c}_after BETWEEN 0 AND {c}_children)");
        });
    }
}
