using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Needs;

/// <summary>What a criterion looks at. The code knows how to test each; admins set the weights and which are used.</summary>
public enum PriorityCriterionKind
{
    OrphanBothParents = 1,
    OrphanOneParent = 2,
    Disability = 3,
    PoorHousehold = 4,
    NearPoorHousehold = 5,
    WithoutCare = 6,
    AffectedByHiv = 7,
    EthnicMinority = 8,
    /// <summary>The child lives in (or the school or commune is in) a cold highland zone.</summary>
    ColdHighland = 20,
    /// <summary>The village (or commune) was hit by a natural disaster in the review's year or the year before.</summary>
    DisasterAffected = 21,
    /// <summary>The child is under 6 at the start of the need's period.</summary>
    YoungChild = 30,
}

/// <summary>
/// One published criterion of the priority assessment (đánh giá cấp độ ưu tiên): its weight in points, and the plain
/// Vietnamese that the public needs list shows. Public reference data, edited by admins (audited).
/// </summary>
public class PriorityCriterion
{
    public int Id { get; set; }
    public PriorityCriterionKind Kind { get; set; }
    public required string NameVi { get; set; }
    public required string NameEn { get; set; }
    /// <summary>What it means, in words a parent understands.</summary>
    public required string ExplanationVi { get; set; }
    public required string ExplanationEn { get; set; }
    public int Weight { get; set; }
    public bool IsActive { get; set; } = true;

    public const int MaxWeight = 100;
}

/// <summary>
/// How points become a level: a score at or above <see cref="Level1From"/> is level 1 (most urgent), at or above
/// <see cref="Level2From"/> level 2, at or above <see cref="Level3From"/> level 3, otherwise level 4. One row.
/// </summary>
public class PriorityScale
{
    public const int SingletonId = 1;
    public const int LowestLevel = 4;

    public int Id { get; set; } = SingletonId;
    public int Level1From { get; set; }
    public int Level2From { get; set; }
    public int Level3From { get; set; }

    public int LevelFor(int score) => score >= Level1From ? 1 : score >= Level2From ? 2 : score >= Level3From ? 3 : LowestLevel;

    /// <summary>Why these thresholds cannot be kept (Vietnamese), or null.</summary>
    public string? Refusal() =>
        Level3From < 1 ? "Ngưỡng cấp 3 phải từ 1 điểm trở lên."
        : !(Level1From > Level2From && Level2From > Level3From) ? "Ngưỡng phải giảm dần: cấp 1 > cấp 2 > cấp 3."
        : null;

    public static string FormatReasons(IEnumerable<PriorityCriterionKind> fired) => string.Join(',', fired.Select(k => k.ToString()));

    public static IEnumerable<PriorityCriterionKind> ParseReasons(string reasons) =>
        reasons.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => Enum.TryParse<PriorityCriterionKind>(r, out var k) ? k : (PriorityCriterionKind?)null)
            .Where(k => k is not null).Select(k => k!.Value);
}

public class PriorityCriterionConfiguration : IEntityTypeConfiguration<PriorityCriterion>
{
    public void Configure(EntityTypeBuilder<PriorityCriterion> b)
    {
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.NameVi).HasMaxLength(100);
        b.Property(c => c.NameEn).HasMaxLength(100);
        b.Property(c => c.ExplanationVi).HasMaxLength(500);
        b.Property(c => c.ExplanationEn).HasMaxLength(500);
        b.HasIndex(c => c.Kind).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("ck_priority_criteria_weight", $"weight BETWEEN 0 AND {PriorityCriterion.MaxWeight}"));
        b.HasData(Defaults);
    }

    /// <summary>The criteria as first published: the Law on Children's groups weigh most, then place, then age.</summary>
    public static readonly PriorityCriterion[] Defaults =
    [
        C(1, PriorityCriterionKind.OrphanBothParents, 40, "Mồ côi cả cha và mẹ", "Orphaned of both parents",
            "Trẻ mất cả cha và mẹ được ưu tiên cao nhất.", "A child who has lost both parents comes first."),
        C(2, PriorityCriterionKind.WithoutCare, 40, "Bị bỏ rơi, không nơi nương tựa", "Abandoned or without care",
            "Trẻ bị bỏ rơi hoặc không có người chăm sóc.", "A child who was abandoned or has nobody to care for them."),
        C(3, PriorityCriterionKind.Disability, 30, "Khuyết tật", "Disability",
            "Trẻ khuyết tật cần hỗ trợ nhiều hơn.", "A child with a disability needs more support."),
        C(4, PriorityCriterionKind.AffectedByHiv, 30, "Nhiễm hoặc bị ảnh hưởng bởi HIV/AIDS", "Living with or affected by HIV/AIDS",
            "Trẻ nhiễm HIV hoặc có cha mẹ nhiễm HIV.", "A child living with HIV or whose parents do."),
        C(5, PriorityCriterionKind.OrphanOneParent, 20, "Mồ côi cha hoặc mẹ", "Orphaned of one parent",
            "Trẻ mất cha hoặc mẹ.", "A child who has lost a father or a mother."),
        C(6, PriorityCriterionKind.PoorHousehold, 20, "Hộ nghèo", "Poor household",
            "Gia đình thuộc hộ nghèo theo danh sách của xã.", "The family is on the commune's list of poor households."),
        C(7, PriorityCriterionKind.NearPoorHousehold, 10, "Hộ cận nghèo", "Near-poor household",
            "Gia đình thuộc hộ cận nghèo.", "The family is on the list of near-poor households."),
        C(8, PriorityCriterionKind.EthnicMinority, 5, "Dân tộc thiểu số", "Ethnic minority",
            "Trẻ là người dân tộc thiểu số.", "The child belongs to an ethnic minority."),
        C(9, PriorityCriterionKind.ColdHighland, 15, "Vùng cao lạnh giá", "Cold highland zone",
            "Nơi ở hoặc trường học thuộc vùng cao, mùa đông rét đậm.", "The home or school is in a highland zone with a cold winter."),
        C(10, PriorityCriterionKind.DisasterAffected, 20, "Thôn bị thiên tai", "Village hit by a disaster",
            "Thôn bị lũ, lũ quét, sạt lở hoặc rét hại trong năm rà soát hoặc năm trước.", "The village was hit by a flood, landslide or severe cold in the review's year or the year before."),
        C(11, PriorityCriterionKind.YoungChild, 15, "Trẻ dưới 6 tuổi", "Under 6 years old",
            "Trẻ nhỏ dễ bị ảnh hưởng hơn bởi đói rét và bệnh tật.", "Young children suffer most from hunger, cold and illness."),
    ];

    private static PriorityCriterion C(int id, PriorityCriterionKind kind, int weight, string vi, string en, string explanationVi, string explanationEn) =>
        new() { Id = id, Kind = kind, Weight = weight, NameVi = vi, NameEn = en, ExplanationVi = explanationVi, ExplanationEn = explanationEn };
}

public class PriorityScaleConfiguration : IEntityTypeConfiguration<PriorityScale>
{
    public void Configure(EntityTypeBuilder<PriorityScale> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Level1From).HasColumnName("level1_from");
        b.Property(s => s.Level2From).HasColumnName("level2_from");
        b.Property(s => s.Level3From).HasColumnName("level3_from");
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_priority_scale_singleton", "id = 1");
            t.HasCheckConstraint("ck_priority_scale_order", "level1_from > level2_from AND level2_from > level3_from AND level3_from >= 1");
        });
        b.HasData(new PriorityScale { Level1From = 50, Level2From = 30, Level3From = 15 });
    }
}
