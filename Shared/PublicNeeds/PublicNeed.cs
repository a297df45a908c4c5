using ChildAid.Shared.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.PublicNeeds;

/// <summary>
/// One cell of the public needs list: approved needs of one commune and year, added up by period, school, priority
/// level, category, item and size band, and describing at least <see cref="PublicNeedsProjection.MinimumChildren"/>
/// children (smaller cells are merged upward; what is still too small is one <see cref="Suppressed"/> row with no
/// figures). Built only by <see cref="PublicNeedsProjection"/>. It holds no child, line, review or village: nothing
/// here joins back to a person. A null dimension means "merged": other sizes, other schools (or the commune as a whole),
/// other items, several levels, other needs.
/// </summary>
public class PublicNeed
{
    public int Id { get; set; }
    /// <summary>The commune row the approved review was made under: what a refresh replaces.</summary>
    public int ReviewUnitId { get; set; }
    public int Year { get; set; }

    /// <summary>The commune in the administrative map in force when the row was built, and its parents' names.</summary>
    public int CommuneId { get; set; }
    public required string CommuneCode { get; set; }
    public required string CommuneName { get; set; }
    /// <summary>Null after 1 July 2025, when the district level was abolished.</summary>
    public string? DistrictName { get; set; }
    public string? ProvinceName { get; set; }

    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public int? SchoolId { get; set; }
    public string? SchoolName { get; set; }
    public int? PriorityLevel { get; set; }
    public NeedCategory? Category { get; set; }
    public string? ItemCode { get; set; }
    public string? ItemNameVi { get; set; }
    public string? ItemNameEn { get; set; }
    public SizeBand? SizeBand { get; set; }
    public NeedUnit? Unit { get; set; }

    /// <summary>Fewer than five children in all that was left after merging: shown as "&lt; 5", every figure null.</summary>
    public bool Suppressed { get; set; }
    public int? ChildrenCount { get; set; }
    /// <summary>In <see cref="Unit"/>; null when the row mixes units (or is suppressed).</summary>
    public long? Quantity { get; set; }
    public long? EstimatedCostVnd { get; set; }
    public long? CommittedQuantity { get; set; }
    public long? ReceivedQuantity { get; set; }
    public long? DeliveredQuantity { get; set; }
    /// <summary>Goods dispatched for the row's needs and not yet confirmed delivered.</summary>
    public long? InTransitQuantity { get; set; }
    /// <summary>Coverage valued at each line's estimated unit cost: what the bars and the totals show.</summary>
    public long? CommittedVnd { get; set; }
    public long? ReceivedVnd { get; set; }
    public long? DeliveredVnd { get; set; }
    public long? InTransitVnd { get; set; }

    /// <summary>When the approval that built this row was made (UTC).</summary>
    public DateTime RefreshedAt { get; set; }
    /// <summary>The latest allocation, reversal, expense or distribution of any need in the row (UTC); null when none yet.</summary>
    public DateTime? LastMovedAt { get; set; }

    /// <summary>When the row last changed for the public: its latest movement, or its approval.</summary>
    public DateTime UpdatedAt => LastMovedAt is { } moved && moved > RefreshedAt ? moved : RefreshedAt;

    /// <summary>Not all delivered, and nothing moved for <see cref="Needs.NeedFulfilment.StaleAfterDays"/> days by <paramref name="now"/>.</summary>
    public bool IsStale(DateTime now) => !Suppressed && !FullyDelivered && now - UpdatedAt > TimeSpan.FromDays(Needs.NeedFulfilment.StaleAfterDays);

    private bool FullyDelivered => Quantity is { } q && DeliveredQuantity is { } d ? d >= q : (DeliveredVnd ?? 0) >= (EstimatedCostVnd ?? 0);
}

public class PublicNeedConfiguration : IEntityTypeConfiguration<PublicNeed>
{
    public void Configure(EntityTypeBuilder<PublicNeed> b)
    {
        b.Property(n => n.CommuneCode).HasMaxLength(20);
        b.Property(n => n.CommuneName).HasMaxLength(200);
        b.Property(n => n.DistrictName).HasMaxLength(200);
        b.Property(n => n.ProvinceName).HasMaxLength(200);
        b.Property(n => n.SchoolName).HasMaxLength(200);
        b.Property(n => n.ItemCode).HasMaxLength(NeedItem.CodeLength);
        b.Property(n => n.ItemNameVi).HasMaxLength(NeedItem.NameLength);
        b.Property(n => n.ItemNameEn).HasMaxLength(NeedItem.NameLength);
        b.Property(n => n.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.SizeBand).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Unit).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(n => new { n.ReviewUnitId, n.Year });
        b.HasIndex(n => new { n.CommuneName, n.CommuneId, n.Year, n.Id });
        b.HasIndex(n => new { n.CommuneId, n.Category, n.PriorityLevel });
        // The database refuses a published cell of fewer than five children, whoever writes.
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_public_needs_small_cells",
                $"(suppressed AND children_count IS NULL AND quantity IS NULL AND estimated_cost_vnd IS NULL AND committed_vnd IS NULL) OR " +
                $"(NOT suppressed AND children_count >= {PublicNeedsProjection.MinimumChildren})");
        });
    }
}
