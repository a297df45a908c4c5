using ChildAid.Shared.AdminUnits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Children;

/// <summary>What a merge moved from the merged record to the kept one, row by row, so that the merge can be undone.</summary>
public enum MergedRow { Measurement = 1, Enrolment = 2, Consent = 3, NeedLine = 4, DeclaredSupport = 5, EarlierMerge = 6 }

/// <summary>
/// One merge of a duplicate record into the kept one (<see cref="ChildDuplicates.MergeAsync"/>) and what it moved, so that
/// a merge made by mistake (twins, two children with one name) can be undone (<see cref="ChildDuplicates.UndoMergeAsync"/>).
/// Belongs to the kept child's unit. Undoing stamps it; it is never deleted.
/// </summary>
public class ChildMerge : Security.IUnitOwned
{
    public int Id { get; set; }
    public int KeptChildId { get; set; }
    public int MergedChildId { get; set; }
    public int AdminUnitId { get; set; }
    public required string MergedBy { get; set; }
    public DateTime MergedAt { get; set; }
    public string? UndoneBy { get; set; }
    public DateTime? UndoneAt { get; set; }
    public List<ChildMergeMove> Moves { get; set; } = [];
}

/// <summary>
/// One row a merge moved: the row's id (for an enrolment, the intervention's), and for an enrolment whether the kept child
/// was already enrolled (then the merge only removed the merged child's enrolment, and undoing leaves the kept one's).
/// </summary>
public class ChildMergeMove
{
    public int Id { get; set; }
    public int ChildMergeId { get; set; }
    public MergedRow Row { get; set; }
    /// <summary>The moved row's id (a measurement's is a long), or the intervention's for an enrolment.</summary>
    public long RowId { get; set; }
    public bool KeptHadIt { get; set; }
}

public class ChildMergeConfiguration : IEntityTypeConfiguration<ChildMerge>
{
    public void Configure(EntityTypeBuilder<ChildMerge> b)
    {
        b.Property(m => m.MergedBy).HasMaxLength(200);
        b.Property(m => m.UndoneBy).HasMaxLength(200);
        b.HasIndex(m => m.MergedChildId);
        b.HasIndex(m => m.KeptChildId);
        b.HasIndex(m => m.AdminUnitId);
        b.HasOne<Child>().WithMany().HasForeignKey(m => m.KeptChildId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Child>().WithMany().HasForeignKey(m => m.MergedChildId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AdminUnit>().WithMany().HasForeignKey(m => m.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Moves).WithOne().HasForeignKey(x => x.ChildMergeId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("ck_child_merges_two_records", "kept_child_id <> merged_child_id"));
    }
}

public class ChildMergeMoveConfiguration : IEntityTypeConfiguration<ChildMergeMove>
{
    public void Configure(EntityTypeBuilder<ChildMergeMove> b)
    {
        b.ToTable("child_merge_moves");
        b.Property(x => x.Row).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.ChildMergeId, x.Row, x.RowId }).IsUnique();
    }
}
