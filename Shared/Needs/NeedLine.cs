using ChildAid.Shared.Children;
using ChildAid.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Needs;

/// <summary>
/// One need of a review (nhu cầu hỗ trợ): for a child, a school or the commune; what (item, size band), how many,
/// at what estimated cost, over which period; its priority level with the criteria that gave it; and how far it is
/// covered. Personal data when it names a child: BackOffice only, scoped by the review's commune.
/// </summary>
public class NeedLine : Security.IUnitOwned, Security.IOrganisationOwned, IVersioned
{
    public int Id { get; set; }
    /// <summary>
    /// The need itself, the same across revisions of a review: a new revision copies its lines with their keys, so
    /// what later pledges, allocations and distributions point at survives a revision.
    /// </summary>
    public Guid Key { get; set; } = Guid.NewGuid();
    public int NeedsReviewId { get; set; }
    public NeedsReview? NeedsReview { get; set; }
    /// <summary>The review's commune, repeated here so the unit scope filters lines without a join.</summary>
    public int AdminUnitId { get; set; }

    public NeedTarget Target { get; set; }
    public int? ChildId { get; set; }
    public Child? Child { get; set; }
    public int? SchoolId { get; set; }
    public Organisation? School { get; set; }

    public NeedCategory Category { get; set; }
    public int NeedItemId { get; set; }
    public NeedItem? Item { get; set; }
    public SizeBand? SizeBand { get; set; }
    public int Quantity { get; set; }
    public NeedUnit Unit { get; set; }
    /// <summary>Estimated cost of one unit, in đồng.</summary>
    public long EstimatedUnitCostVnd { get; set; }
    /// <summary>How many children the line serves: 1 for a child's line; for a school's or the commune's, as estimated.</summary>
    public int ChildrenCount { get; set; } = 1;
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public string? Note { get; set; }

    /// <summary>The level the published criteria give (1 = most urgent … 4), and the codes of the criteria that fired.</summary>
    public int ComputedLevel { get; set; } = PriorityScale.LowestLevel;
    public string PriorityReasons { get; set; } = "";
    public int? LevelOverride { get; set; }
    public string? OverrideReason { get; set; }
    public string? OverriddenById { get; set; }
    public DateTime? OverriddenAt { get; set; }

    /// <summary>Why the line was saved although the duplicate check found the same support (required then).</summary>
    public string? DuplicateReason { get; set; }

    /// <summary>
    /// Coverage, in the line's unit: promised by pledges, received, delivered to the child or school. Maintained by the
    /// pledge, allocation and distribution features from their ledger entries (zero until they exist).
    /// </summary>
    public int CommittedQuantity { get; set; }
    public int ReceivedQuantity { get; set; }
    public int DeliveredQuantity { get; set; }
    /// <summary>Goods on the road for this need: distributions dispatched and not yet confirmed delivered.</summary>
    public int InTransitQuantity { get; set; }
    /// <summary>The latest record behind the figures above (UTC), kept by <see cref="NeedFulfilment"/>; null when none yet.</summary>
    public DateTime? LastMovedAt { get; set; }

    public int Version { get; set; }

    public int Level => LevelOverride ?? ComputedLevel;
    public long EstimatedCostVnd => checked(Quantity * EstimatedUnitCostVnd);
    public IEnumerable<PriorityCriterionKind> FiredCriteria => PriorityScale.ParseReasons(PriorityReasons);

    public const int NoteLength = 500;
    public const int ReasonLength = 500;
}

public class NeedLineConfiguration : IEntityTypeConfiguration<NeedLine>
{
    public void Configure(EntityTypeBuilder<NeedLine> b)
    {
        b.Property(l => l.Target).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.SizeBand).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Unit).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Note).HasMaxLength(NeedLine.NoteLength);
        b.Property(l => l.PriorityReasons).HasMaxLength(300);
        b.Property(l => l.OverrideReason).HasMaxLength(NeedLine.ReasonLength);
        b.Property(l => l.OverriddenById).HasMaxLength(450);
        b.Property(l => l.DuplicateReason).HasMaxLength(NeedLine.ReasonLength);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasOne(l => l.NeedsReview).WithMany(r => r.Lines).HasForeignKey(l => l.NeedsReviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(l => l.Child).WithMany().HasForeignKey(l => l.ChildId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.School).WithMany().HasForeignKey(l => l.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.Item).WithMany().HasForeignKey(l => l.NeedItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => new { l.NeedsReviewId, l.Key }).IsUnique();
        b.HasIndex(l => l.Key);
        b.HasIndex(l => new { l.ChildId, l.Category });
        b.HasIndex(l => new { l.SchoolId, l.Category });
        b.HasIndex(l => l.AdminUnitId);
        // What must never be stored, whoever writes: the database says no too.
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_need_lines_quantity", "quantity > 0 AND quantity <= 1000000");
            t.HasCheckConstraint("ck_need_lines_unit_cost", "estimated_unit_cost_vnd >= 0 AND estimated_unit_cost_vnd <= 10000000000");
            t.HasCheckConstraint("ck_need_lines_children", "children_count >= 1 AND children_count <= 100000");
            t.HasCheckConstraint("ck_need_lines_period", "period_start <= period_end");
            t.HasCheckConstraint("ck_need_lines_level", "computed_level BETWEEN 1 AND 4 AND (level_override IS NULL OR level_override BETWEEN 1 AND 4)");
            t.HasCheckConstraint("ck_need_lines_override_reason", "level_override IS NULL OR override_reason IS NOT NULL");
            t.HasCheckConstraint("ck_need_lines_target",
                "(target = 'Child' AND child_id IS NOT NULL AND children_count = 1) OR " +
                "(target = 'School' AND child_id IS NULL AND school_id IS NOT NULL) OR " +
                "(target = 'Commune' AND child_id IS NULL AND school_id IS NULL)");
            t.HasCheckConstraint("ck_need_lines_coverage",
                "committed_quantity >= 0 AND received_quantity >= 0 AND delivered_quantity >= 0");
        });
    }
}
