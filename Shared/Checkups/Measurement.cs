using ChildAid.Shared.Children;
using ChildAid.Shared.Growth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Checkups;

/// <summary>Conditions the team ticks often (the exam's free text says the rest).</summary>
[Flags]
public enum CommonConditions
{
    None = 0,
    DentalCaries = 1,
    Anaemia = 2,
    SkinInfection = 4,
    EyeProblem = 8,
    EarInfection = 16,
    Worms = 32,
    RespiratoryInfection = 64,
    Goitre = 128,
}

/// <summary>
/// One child measured at one session, with the z-scores computed from it and the WHO reference version they came from
/// (null when the tables were not installed at the time: `growth recompute` fills them in later). Values as measured:
/// weight to 0.1 kg, length/height to 0.1 cm with the position, MUAC in whole mm, head circumference to 0.1 cm, triceps
/// and subscapular skinfolds to 0.1 mm.
/// </summary>
public class Measurement : Security.IUnitOwned
{
    public long Id { get; set; }
    public int SessionId { get; set; }
    public CheckupSession? Session { get; set; }
    public int ChildId { get; set; }
    public Child? Child { get; set; }
    /// <summary>The session's unit (the scope), copied so the filter needs no join.</summary>
    public int AdminUnitId { get; set; }

    public decimal? WeightKg { get; set; }
    public decimal? LengthCm { get; set; }
    public MeasuredPosition? Position { get; set; }
    public int? MuacMm { get; set; }
    public bool Oedema { get; set; }
    public decimal? HeadCm { get; set; }
    public decimal? TricepsSkinfoldMm { get; set; }
    public decimal? SubscapularSkinfoldMm { get; set; }
    public string? Findings { get; set; }
    public CommonConditions Conditions { get; set; }
    public string? Referral { get; set; }
    public string? Treatment { get; set; }

    // Computed from the values above, the child's sex and birth date and the session date (GrowthScores.Apply).
    public int? AgeDays { get; set; }
    public decimal? WeightForAge { get; set; }
    public decimal? LengthForAge { get; set; }
    public decimal? WeightForLength { get; set; }
    public WeightForLengthTable WeightForLengthTable { get; set; }
    public decimal? BmiForAge { get; set; }
    public decimal? HeadForAge { get; set; }
    public decimal? ArmForAge { get; set; }
    /// <summary>Null also when a skinfold was measured outside WHO's 3 months–5 years (<see cref="GrowthCalculator.SkinfoldAgeProblem"/>).</summary>
    public decimal? TricepsSkinfoldForAge { get; set; }
    public decimal? SubscapularSkinfoldForAge { get; set; }
    public GrowthFlags Flags { get; set; }
    public NutritionStatus Status { get; set; }
    /// <summary><see cref="GrowthTables.Version"/> of the tables used; null: not computed yet.</summary>
    public string? ReferenceVersion { get; set; }

    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

public class MeasurementConfiguration : IEntityTypeConfiguration<Measurement>
{
    public void Configure(EntityTypeBuilder<Measurement> b)
    {
        b.Property(m => m.WeightKg).HasPrecision(4, 1);
        b.Property(m => m.LengthCm).HasPrecision(4, 1);
        b.Property(m => m.HeadCm).HasPrecision(3, 1);
        b.Property(m => m.TricepsSkinfoldMm).HasPrecision(3, 1);
        b.Property(m => m.SubscapularSkinfoldMm).HasPrecision(3, 1);
        foreach (var z in new[] { nameof(Measurement.WeightForAge), nameof(Measurement.LengthForAge), nameof(Measurement.WeightForLength),
                     nameof(Measurement.BmiForAge), nameof(Measurement.HeadForAge), nameof(Measurement.ArmForAge),
                     nameof(Measurement.TricepsSkinfoldForAge), nameof(Measurement.SubscapularSkinfoldForAge) })
            b.Property(z).HasPrecision(4, 2);
        b.Property(m => m.Position).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.WeightForLengthTable).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.Findings).HasMaxLength(2000);
        b.Property(m => m.Referral).HasMaxLength(500);
        b.Property(m => m.Treatment).HasMaxLength(500);
        b.Property(m => m.ReferenceVersion).HasMaxLength(64);
        b.Property(m => m.RecordedBy).HasMaxLength(256);
        b.HasIndex(m => new { m.SessionId, m.ChildId }).IsUnique();
        b.HasIndex(m => m.ChildId);
        b.HasIndex(m => m.ReferenceVersion);
        b.HasIndex(m => m.AdminUnitId);
        b.HasOne(m => m.Session).WithMany(s => s.Measurements).HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Child).WithMany().HasForeignKey(m => m.ChildId).OnDelete(DeleteBehavior.Restrict);
        // Impossible values never reach the table, whichever program writes it. CAST: SQLite keeps decimals as text,
        // and text compares as text.
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_measurements_weight", "weight_kg IS NULL OR CAST(weight_kg AS REAL) BETWEEN 0.5 AND 150");
            t.HasCheckConstraint("ck_measurements_length", "length_cm IS NULL OR CAST(length_cm AS REAL) BETWEEN 35 AND 220");
            t.HasCheckConstraint("ck_measurements_position", "(length_cm IS NULL) = (position IS NULL)");
            t.HasCheckConstraint("ck_measurements_muac", "muac_mm IS NULL OR muac_mm BETWEEN 50 AND 400");
            t.HasCheckConstraint("ck_measurements_head", "head_cm IS NULL OR CAST(head_cm AS REAL) BETWEEN 25 AND 65");
            // Skinfolds: 1–50 mm holds every child WHO's tables score within ±5 SD (2.0–31.8 mm) and the school-age children
            // they do not; a caliper reads to 0.1–0.2 mm.
            t.HasCheckConstraint("ck_measurements_triceps_skinfold", "triceps_skinfold_mm IS NULL OR CAST(triceps_skinfold_mm AS REAL) BETWEEN 1 AND 50");
            t.HasCheckConstraint("ck_measurements_subscapular_skinfold", "subscapular_skinfold_mm IS NULL OR CAST(subscapular_skinfold_mm AS REAL) BETWEEN 1 AND 50");
            t.HasCheckConstraint("ck_measurements_conditions", "conditions >= 0 AND conditions < 256");
            t.HasCheckConstraint("ck_measurements_something_measured",
                "weight_kg IS NOT NULL OR length_cm IS NOT NULL OR muac_mm IS NOT NULL OR head_cm IS NOT NULL OR oedema");
        });
    }
}

/// <summary>The common conditions' words for people (Vietnamese; BackOffice translates them through its resources).</summary>
public static class CommonConditionNames
{
    public static readonly IReadOnlyList<(CommonConditions Condition, string Vietnamese)> All =
    [
        (CommonConditions.DentalCaries, "Sâu răng"),
        (CommonConditions.Anaemia, "Thiếu máu"),
        (CommonConditions.SkinInfection, "Bệnh ngoài da"),
        (CommonConditions.EyeProblem, "Bệnh về mắt"),
        (CommonConditions.EarInfection, "Viêm tai"),
        (CommonConditions.Worms, "Nhiễm giun"),
        (CommonConditions.RespiratoryInfection, "Viêm đường hô hấp"),
        (CommonConditions.Goitre, "Bướu cổ"),
    ];
}
