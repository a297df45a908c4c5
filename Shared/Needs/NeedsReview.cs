using ChildAid.Shared.AdminUnits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Needs;

public enum NeedsReviewStatus
{
    Draft = 1,
    Submitted = 2,
    Returned = 3,
    Approved = 4,
    /// <summary>An approved revision that a later approved revision replaced; kept, frozen, for the record.</summary>
    Superseded = 5,
}

/// <summary>
/// The yearly review of one commune's needs (rà soát nhu cầu), revision by revision. The commune officer drafts and
/// submits it; the level above (the commune's parent unit in the map in force on the day it is submitted: the district
/// before 1 July 2025, the province after) returns it with comments or approves it. An approved revision is frozen:
/// a change starts a new revision (a copy of its lines) that goes through approval again, and replaces the old one only
/// when approved. The year Y covers the school year 1 September Y – 31 August Y+1, which holds winter Y–Y+1.
/// </summary>
public class NeedsReview : Security.IUnitOwned, IVersioned
{
    public int Id { get; set; }
    /// <summary>The commune (its row in force when the review was opened).</summary>
    public int AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
    public int Year { get; set; }
    /// <summary>1 for the first review of the year; a change to an approved review is revision 2, and so on.</summary>
    public int Revision { get; set; } = 1;
    public int? PreviousRevisionId { get; set; }
    public NeedsReview? PreviousRevision { get; set; }
    public NeedsReviewStatus Status { get; private set; } = NeedsReviewStatus.Draft;
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? SubmittedById { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    /// <summary>The unit whose programme staff decide: fixed at submission from the map in force that day.</summary>
    public int? ApprovingUnitId { get; private set; }
    public AdminUnit? ApprovingUnit { get; private set; }
    public string? DecidedById { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    /// <summary>What the level above asked to change when it returned the review (shown to the commune).</summary>
    public string? ReturnComment { get; private set; }
    public int Version { get; set; }
    public List<NeedLine> Lines { get; set; } = [];

    public const int CommentLength = 2000;

    public static DateOnly SchoolYearStart(int year) => new(year, 9, 1);
    public static DateOnly SchoolYearEnd(int year) => new(year + 1, 8, 31);

    /// <summary>
    /// A new revision of a commune's review of <paramref name="year"/>, a draft covering the whole school year: the one
    /// way a review comes to be (the workflow, the demo data, the tests and the benchmarks all open them here).
    /// </summary>
    public static NeedsReview Open(int communeId, int year, string by, DateTime at, int revision = 1, int? previousRevisionId = null) => new()
    {
        AdminUnitId = communeId, Year = year, Revision = revision, PreviousRevisionId = previousRevisionId,
        PeriodStart = SchoolYearStart(year), PeriodEnd = SchoolYearEnd(year), CreatedById = by, CreatedAt = at,
    };

    /// <summary>"2026–2027": the school year a review of <see cref="Year"/> covers.</summary>
    public string YearLabel => $"{Year}–{Year + 1}";

    /// <summary>Lines may be added, changed or removed: a draft, or a review returned for changes.</summary>
    public bool IsEditable => Status is NeedsReviewStatus.Draft or NeedsReviewStatus.Returned;

    public bool IsFrozen => Status is NeedsReviewStatus.Approved or NeedsReviewStatus.Superseded;

    /// <summary>Why it cannot be submitted now (Vietnamese), or null.</summary>
    public string? SubmitRefusal() =>
        !IsEditable ? "Chỉ gửi được bản rà soát đang soạn hoặc đã bị trả lại."
        : Lines.Count == 0 ? "Bản rà soát chưa có dòng nhu cầu nào."
        : null;

    public void Submit(string by, DateTime at, int approvingUnitId)
    {
        if (SubmitRefusal() is { } refusal) throw new InvalidOperationException(refusal);
        Status = NeedsReviewStatus.Submitted;
        SubmittedById = by;
        SubmittedAt = at;
        ApprovingUnitId = approvingUnitId;
        DecidedById = null;
        DecidedAt = null;
    }

    public void Return(string by, DateTime at, string comment)
    {
        if (Status != NeedsReviewStatus.Submitted) throw new InvalidOperationException("Only a submitted review can be returned.");
        if (string.IsNullOrWhiteSpace(comment)) throw new ArgumentException("A returned review needs a comment.", nameof(comment));
        Status = NeedsReviewStatus.Returned;
        ReturnComment = comment.Trim();
        DecidedById = by;
        DecidedAt = at;
    }

    public void Approve(string by, DateTime at)
    {
        if (Status != NeedsReviewStatus.Submitted) throw new InvalidOperationException("Only a submitted review can be approved.");
        Status = NeedsReviewStatus.Approved;
        DecidedById = by;
        DecidedAt = at;
    }

    /// <summary>Called on the previous approved revision when its successor is approved.</summary>
    public void Supersede()
    {
        if (Status != NeedsReviewStatus.Approved) throw new InvalidOperationException("Only an approved review can be superseded.");
        Status = NeedsReviewStatus.Superseded;
    }
}

/// <summary>A record changed by several people at once: the version is the concurrency token, bumped on every save.</summary>
public interface IVersioned
{
    int Version { get; set; }
}

public class NeedsReviewConfiguration : IEntityTypeConfiguration<NeedsReview>
{
    public void Configure(EntityTypeBuilder<NeedsReview> b)
    {
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.CreatedById).HasMaxLength(450);
        b.Property(r => r.SubmittedById).HasMaxLength(450);
        b.Property(r => r.DecidedById).HasMaxLength(450);
        b.Property(r => r.ReturnComment).HasMaxLength(NeedsReview.CommentLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.AdminUnit).WithMany().HasForeignKey(r => r.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.ApprovingUnit).WithMany().HasForeignKey(r => r.ApprovingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.PreviousRevision).WithMany().HasForeignKey(r => r.PreviousRevisionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.AdminUnitId, r.Year, r.Revision }).IsUnique();
        // The database refuses a second open revision (draft, submitted or returned) of one commune's year.
        b.HasIndex(r => new { r.AdminUnitId, r.Year }).IsUnique().HasFilter("status IN ('Draft', 'Submitted', 'Returned')")
            .HasDatabaseName("ix_needs_reviews_one_open_revision");
        // …and a second approved one: approving a revision supersedes the previous one in the same transaction.
        b.HasIndex(r => new { r.AdminUnitId, r.Year }).IsUnique().HasFilter("status = 'Approved'")
            .HasDatabaseName("ix_needs_reviews_one_approved_revision");
        b.HasIndex(r => new { r.Status, r.ApprovingUnitId });
        b.ToTable(t => t.HasCheckConstraint("ck_needs_reviews_year", "year BETWEEN 2015 AND 2100"));
    }
}
