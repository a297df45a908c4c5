using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Distributions;

public class DistributionConfiguration : IEntityTypeConfiguration<Distribution>
{
    public void Configure(EntityTypeBuilder<Distribution> b)
    {
        b.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Recipient).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Place).HasMaxLength(Distribution.TextLength);
        b.Property(d => d.Carrier).HasMaxLength(Distribution.TextLength);
        b.Property(d => d.ReceiverName).HasMaxLength(Distribution.TextLength);
        b.Property(d => d.ReceiverRole).HasMaxLength(Distribution.TextLength);
        b.Property(d => d.ProofFileName).HasMaxLength(Expenses.ExpenseDocument.FileNameLength);
        b.Property(d => d.ProofSha256).HasMaxLength(64);
        b.Property(d => d.CancelReason).HasMaxLength(Distribution.ReasonLength);
        foreach (var who in new[] { nameof(Distribution.CreatedById), nameof(Distribution.ConfirmedById), nameof(Distribution.DepartedById),
                     nameof(Distribution.ArrivedById), nameof(Distribution.DeliveryConfirmedById), nameof(Distribution.CancelledById) })
            b.Property(who).HasMaxLength(450);
        b.HasOne<AdminUnits.AdminUnit>().WithMany().HasForeignKey(d => d.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Allocation).WithMany().HasForeignKey(d => d.AllocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.StockLot).WithMany().HasForeignKey(d => d.StockLotId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(d => d.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DistributionProof>().WithOne().HasForeignKey<DistributionProof>(p => p.DistributionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.State, d.AdminUnitId });
        b.HasIndex(d => d.AllocationId);
        b.HasIndex(d => d.StockLotId);
        b.HasIndex(d => d.DepartureSequence).IsUnique();
        b.HasIndex(d => d.DistributionSequence).IsUnique();
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_distributions_quantity", "quantity > 0");
            t.HasCheckConstraint("ck_distributions_recipient",
                "(recipient = 'School' AND school_id IS NOT NULL) OR (recipient = 'Children' AND children_count > 0) OR recipient = 'Commune'");
            // Each state has what its steps recorded; nothing leaves the stock before confirmation, nothing is delivered before
            // departure. A lot's goods leave by a stock movement (departure_sequence) and come back by one (return_sequence);
            // purchased goods (no lot) were never in our stock and have neither.
            t.HasCheckConstraint("ck_distributions_state",
                "(state = 'Draft' AND confirmed_by_id IS NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR " +
                "(state = 'Confirmed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR " +
                "(state = 'Departed' AND confirmed_by_id IS NOT NULL AND departed_by_id IS NOT NULL AND arrived_by_id IS NULL AND delivered_quantity IS NULL) OR " +
                "(state = 'Arrived' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NULL) OR " +
                "(state = 'Delivered' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NOT NULL " +
                "AND delivered_quantity >= 0 AND delivered_quantity <= quantity AND receiver_name IS NOT NULL AND receiver_role IS NOT NULL " +
                "AND proof_sha256 IS NOT NULL AND delivery_confirmed_by_id IS NOT NULL " +
                "AND (delivered_quantity = 0 OR distribution_sequence IS NOT NULL) AND (delivered_quantity = quantity OR return_sequence IS NOT NULL OR stock_lot_id IS NULL)) OR " +
                // Called off before delivery: nothing delivered; what left the lot came back (a departure has its return, and only then).
                "(state = 'Cancelled' AND cancelled_by_id IS NOT NULL AND cancel_reason IS NOT NULL AND delivered_quantity IS NULL " +
                "AND distribution_sequence IS NULL AND (departure_sequence IS NULL) = (return_sequence IS NULL))");
            t.HasCheckConstraint("ck_distributions_cancelled", "(state = 'Cancelled') = (cancelled_by_id IS NOT NULL)");
            t.HasCheckConstraint("ck_distributions_stock_movements",
                "(stock_lot_id IS NULL AND departure_sequence IS NULL AND return_sequence IS NULL) OR " +
                "(stock_lot_id IS NOT NULL AND (state IN ('Draft', 'Confirmed', 'Cancelled') OR departure_sequence IS NOT NULL))");
            // The receiver confirms, never the dispatcher.
            t.HasCheckConstraint("ck_distributions_four_eyes", "delivery_confirmed_by_id IS NULL OR delivery_confirmed_by_id <> departed_by_id");
        });
    }
}

public class DistributionChildConfiguration : IEntityTypeConfiguration<DistributionChild>
{
    public void Configure(EntityTypeBuilder<DistributionChild> b)
    {
        // One row per child and distribution: a child is named once.
        b.HasKey(c => new { c.DistributionId, c.ChildId });
        b.HasOne(c => c.Distribution).WithMany(d => d.Children).HasForeignKey(c => c.DistributionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Child).WithMany().HasForeignKey(c => c.ChildId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.ChildId);
    }
}

public class DistributionProofConfiguration : IEntityTypeConfiguration<DistributionProof>
{
    public void Configure(EntityTypeBuilder<DistributionProof> b)
    {
        b.HasKey(p => p.DistributionId);
        b.Property(p => p.DistributionId).ValueGeneratedNever();
    }
}
