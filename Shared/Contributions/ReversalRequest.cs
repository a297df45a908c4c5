using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Contributions;

public enum ReversalRequestStatus { Pending = 1, Approved = 2, Rejected = 3 }

/// <summary>
/// A staff member asks for a receipt to be reversed, with the reason. Nothing is booked until a second person
/// approves (<see cref="RefusalFor"/>): never the one who recorded the receipt, never the one who asked, and for
/// an amount at or above the threshold only an accountant or an admin. Approving books the reversal
/// (<see cref="ContributionReversal"/> and its ledger entry) in the same transaction.
/// </summary>
public class ReversalRequest
{
    public int Id { get; set; }
    public int ContributionId { get; set; }
    public Contribution? Contribution { get; set; }
    public required string Reason { get; set; }
    public required string RequestedById { get; set; }
    public DateTime RequestedAt { get; set; }
    public ReversalRequestStatus Status { get; private set; } = ReversalRequestStatus.Pending;
    public string? DecidedById { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    /// <summary>Why <paramref name="approverId"/> may not approve this request (Vietnamese), or null when they may.</summary>
    /// <param name="approvesLargeAmounts">The approver is an accountant or an admin (<see cref="Security.Roles.ApproveLargeReversals"/>).</param>
    public string? RefusalFor(Contribution receipt, string approverId, bool approvesLargeAmounts, long thresholdVnd)
    {
        if (Status != ReversalRequestStatus.Pending) return "Yêu cầu hủy này đã được xử lý.";
        if (receipt.Id != ContributionId) throw new ArgumentException("Not the receipt of this request.", nameof(receipt));
        if (approverId == receipt.RecordedById)
            return "Bạn là người đã lập phiếu thu này nên không được duyệt hủy nó. Cần một cán bộ khác duyệt.";
        if (approverId == RequestedById)
            return "Bạn là người đã yêu cầu hủy phiếu thu này nên không được tự duyệt. Cần một cán bộ khác duyệt.";
        if (receipt.AmountVnd >= thresholdVnd && !approvesLargeAmounts)
            return $"Phiếu thu từ {VietnameseFormat.Vnd(thresholdVnd)} trở lên chỉ kế toán quỹ hoặc quản trị hệ thống được duyệt hủy.";
        return null;
    }

    public void Approve(string approverId, DateTime at) => Decide(ReversalRequestStatus.Approved, approverId, at);

    public void Reject(string deciderId, DateTime at) => Decide(ReversalRequestStatus.Rejected, deciderId, at);

    private void Decide(ReversalRequestStatus status, string by, DateTime at)
    {
        if (Status != ReversalRequestStatus.Pending) throw new InvalidOperationException($"Reversal request {Id} was already decided.");
        Status = status;
        DecidedById = by;
        DecidedAt = at;
    }
}

public class ReversalRequestConfiguration : IEntityTypeConfiguration<ReversalRequest>
{
    public void Configure(EntityTypeBuilder<ReversalRequest> b)
    {
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.RequestedById).HasMaxLength(450);
        b.Property(r => r.DecidedById).HasMaxLength(450);
        b.HasOne(r => r.Contribution).WithMany().HasForeignKey(r => r.ContributionId).OnDelete(DeleteBehavior.Restrict);
        // At most one pending request per receipt, even when two people ask at the same moment.
        b.HasIndex(r => r.ContributionId).IsUnique().HasFilter("status = 1").HasDatabaseName("ix_reversal_requests_one_pending");
        b.HasIndex(r => r.Status);
    }
}

/// <summary>Settings under "Reversals".</summary>
public class ReversalOptions
{
    public const string Section = "Reversals";
    /// <summary>From this amount (đồng) on, only an accountant or an admin may approve a reversal.</summary>
    public long ApprovalThresholdVnd { get; set; } = 10_000_000;
}
