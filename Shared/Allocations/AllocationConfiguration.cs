using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Allocations;

public class AllocationConfiguration : IEntityTypeConfiguration<Allocation>
{
    public void Configure(EntityTypeBuilder<Allocation> b)
    {
        b.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Note).HasMaxLength(Allocation.NoteLength);
        b.Property(a => a.RejectionReason).HasMaxLength(Allocation.ReasonLength);
        b.Property(a => a.ProposedById).HasMaxLength(450);
        b.Property(a => a.DecidedById).HasMaxLength(450);
        b.Property(a => a.ReversalReason).HasMaxLength(Allocation.ReasonLength);
        b.Property(a => a.ReversedById).HasMaxLength(450);
        b.Property(a => a.DoubleSupportFindings).HasMaxLength(Allocation.FindingsLength);
        b.Property(a => a.DoubleSupportReason).HasMaxLength(Allocation.ReasonLength);
        b.Property(a => a.DoubleSupportAllowedById).HasMaxLength(450);
        b.HasOne(a => a.Contribution).WithMany().HasForeignKey(a => a.ContributionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.GoodsLine).WithMany().HasForeignKey(a => a.GoodsLineId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.NeedLine).WithMany().HasForeignKey(a => a.NeedLineId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AdminUnits.AdminUnit>().WithMany().HasForeignKey(a => a.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.State, a.AdminUnitId });
        b.HasIndex(a => a.ContributionId);
        b.HasIndex(a => a.NeedLineKey);
        b.HasIndex(a => a.LedgerSequence).IsUnique();
        b.HasIndex(a => a.ReversalSequence).IsUnique();
        b.Property(a => a.SuggestionKey).HasMaxLength(Allocation.SuggestionKeyLength);
        b.HasIndex(a => a.SuggestionKey).IsUnique();
        // What a row must be, whoever writes it (the sums across rows are the triggers' job: see the migration).
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_allocations_what",
                "(goods_line_id IS NULL AND quantity IS NULL AND amount_vnd > 0) OR " +
                "(goods_line_id IS NOT NULL AND quantity > 0 AND amount_vnd >= 0)");
            const string NotReversed = " AND reversal_reason IS NULL AND reversed_by_id IS NULL AND reversed_at IS NULL AND reversal_sequence IS NULL";
            t.HasCheckConstraint("ck_allocations_state",
                "(state = 'Proposed' AND decided_by_id IS NULL AND decided_at IS NULL AND ledger_sequence IS NULL AND rejection_reason IS NULL" + NotReversed + ") OR " +
                "(state = 'Approved' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NOT NULL AND rejection_reason IS NULL" + NotReversed + ") OR " +
                "(state = 'Rejected' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NULL AND rejection_reason IS NOT NULL" + NotReversed + ") OR " +
                "(state = 'Reversed' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NOT NULL AND rejection_reason IS NULL" +
                " AND reversal_reason IS NOT NULL AND reversed_by_id IS NOT NULL AND reversed_at IS NOT NULL AND reversal_sequence IS NOT NULL)");
            // Four eyes, in the database too: the one who proposed never approves.
            // An override is whole: what was found, why, and who allowed it — or none of them.
            t.HasCheckConstraint("ck_allocations_double_support",
                "(double_support_findings IS NULL AND double_support_reason IS NULL AND double_support_allowed_by_id IS NULL) OR " +
                "(double_support_findings IS NOT NULL AND double_support_reason IS NOT NULL AND double_support_allowed_by_id IS NOT NULL)");
            t.HasCheckConstraint("ck_allocations_four_eyes", "state NOT IN ('Approved', 'Reversed') OR decided_by_id <> proposed_by_id");
        });
    }
}
