using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Stock;

public class StockLotConfiguration : IEntityTypeConfiguration<StockLot>
{
    public void Configure(EntityTypeBuilder<StockLot> b)
    {
        b.Property(l => l.State).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.GoodsKind).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.SizeBand).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.RejectedFate).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Item).HasMaxLength(200);
        b.Property(l => l.Unit).HasMaxLength(50);
        b.Property(l => l.LotNumber).HasMaxLength(StockLot.LotNumberLength);
        b.Property(l => l.InspectionNote).HasMaxLength(StockLot.NoteLength);
        b.Property(l => l.RejectionReason).HasMaxLength(StockLot.NoteLength);
        foreach (var who in new[] { nameof(StockLot.AnnouncedById), nameof(StockLot.ReceivedById), nameof(StockLot.InspectedById), nameof(StockLot.StockedById), nameof(StockLot.RejectedById) })
            b.Property(who).HasMaxLength(450);
        b.HasOne<AdminUnits.AdminUnit>().WithMany().HasForeignKey(l => l.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.Contribution).WithMany().HasForeignKey(l => l.ContributionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.GoodsLine).WithMany().HasForeignKey(l => l.GoodsLineId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(l => l.WriteOffs).WithOne(w => w.StockLot).HasForeignKey(w => w.StockLotId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(l => l.Photos).WithOne(p => p.StockLot).HasForeignKey(p => p.StockLotId).OnDelete(DeleteBehavior.Restrict);
        // One lot per goods line: the receipt's line is announced once.
        b.HasIndex(l => l.GoodsLineId).IsUnique();
        b.HasIndex(l => new { l.State, l.AdminUnitId });
        b.HasIndex(l => l.StockedSequence).IsUnique();
        // What a row must be, whoever writes it (the life between rows is the triggers' job: see migration Stock).
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_stock_lots_expected", "expected_quantity >= 0");
            t.HasCheckConstraint("ck_stock_lots_received",
                "(state = 'Announced' AND received_quantity IS NULL AND received_by_id IS NULL) OR " +
                "(state <> 'Announced' AND received_quantity IS NOT NULL AND received_quantity >= 0 AND received_on IS NOT NULL AND received_by_id IS NOT NULL)");
            // Nothing is stocked or rejected before inspection; an inspection's counts add up to what was received.
            t.HasCheckConstraint("ck_stock_lots_inspected",
                "(state IN ('Announced', 'Received') AND inspected_by_id IS NULL AND good_quantity IS NULL) OR " +
                "(state IN ('Inspected', 'Stocked', 'Rejected') AND inspected_by_id IS NOT NULL AND inspected_at IS NOT NULL AND goods_kind IS NOT NULL " +
                "AND good_quantity IS NOT NULL AND damaged_quantity IS NOT NULL AND expired_quantity IS NOT NULL AND good_quantity >= 0 AND damaged_quantity >= 0 AND expired_quantity >= 0 " +
                "AND good_quantity + damaged_quantity + expired_quantity = received_quantity)");
            // Four eyes: the one who received the goods never inspects them.
            t.HasCheckConstraint("ck_stock_lots_four_eyes", "inspected_by_id IS NULL OR inspected_by_id <> received_by_id");
            t.HasCheckConstraint("ck_stock_lots_clothes_size", "goods_kind IS NULL OR goods_kind <> 'Clothes' OR size_band IS NOT NULL");
            t.HasCheckConstraint("ck_stock_lots_food_expiry", "goods_kind IS NULL OR goods_kind <> 'Food' OR expiry_date IS NOT NULL");
            t.HasCheckConstraint("ck_stock_lots_stocked",
                "(state = 'Stocked' AND stocked_sequence IS NOT NULL AND lot_number IS NOT NULL AND stocked_by_id IS NOT NULL AND good_quantity > 0 " +
                "AND on_hand IS NOT NULL AND on_hand >= 0 AND on_hand <= good_quantity) OR " +
                "(state <> 'Stocked' AND stocked_sequence IS NULL AND on_hand IS NULL)");
            t.HasCheckConstraint("ck_stock_lots_rejected",
                "(state = 'Rejected' AND rejection_reason IS NOT NULL AND rejected_fate IS NOT NULL AND rejected_by_id IS NOT NULL) OR " +
                "(state <> 'Rejected' AND rejection_reason IS NULL AND rejected_fate IS NULL)");
        });
    }
}

public class StockWriteOffConfiguration : IEntityTypeConfiguration<StockWriteOff>
{
    public void Configure(EntityTypeBuilder<StockWriteOff> b)
    {
        b.Property(w => w.Reason).HasConversion<string>().HasMaxLength(20);
        b.Property(w => w.Note).HasMaxLength(StockLot.NoteLength);
        b.Property(w => w.WrittenOffById).HasMaxLength(450);
        b.HasIndex(w => w.StockLotId);
        b.HasIndex(w => w.LedgerSequence).IsUnique();
        b.HasIndex(w => w.IdempotencyKey).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("ck_stock_write_offs_quantity", "quantity > 0"));
    }
}

public class StockLotPhotoConfiguration : IEntityTypeConfiguration<StockLotPhoto>
{
    public void Configure(EntityTypeBuilder<StockLotPhoto> b)
    {
        b.Property(p => p.FileName).HasMaxLength(Expenses.ExpenseDocument.FileNameLength);
        b.Property(p => p.ContentType).HasMaxLength(50);
        b.Property(p => p.Sha256).HasMaxLength(64);
        b.Property(p => p.UploadedById).HasMaxLength(450);
        b.HasIndex(p => p.StockLotId);
        b.HasOne<StockLotPhotoContent>().WithOne().HasForeignKey<StockLotPhotoContent>(c => c.StockLotPhotoId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_stock_lot_photos_size", "size_bytes > 0");
            t.HasCheckConstraint("ck_stock_lot_photos_sha256", "length(sha256) = 64");
        });
    }
}

public class StockLotPhotoContentConfiguration : IEntityTypeConfiguration<StockLotPhotoContent>
{
    public void Configure(EntityTypeBuilder<StockLotPhotoContent> b)
    {
        b.HasKey(c => c.StockLotPhotoId);
        b.Property(c => c.StockLotPhotoId).ValueGeneratedNever();
    }
}
