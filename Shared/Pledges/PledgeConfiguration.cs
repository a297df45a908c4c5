using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Pledges;

public class PledgeIntakeConfiguration : IEntityTypeConfiguration<PledgeIntake>
{
    public const string Table = "pledge_intake";

    public void Configure(EntityTypeBuilder<PledgeIntake> b)
    {
        b.ToTable(Table, t =>
        {
            // Money, or a business's goods alone (amount 0 with goods lines): never a pledge of nothing.
            t.HasCheckConstraint("ck_pledge_intake_amount_positive", "amount_vnd > 0 OR (amount_vnd = 0 AND in_kind_lines_json IS NOT NULL AND currency = 'VND' AND instalments_json IS NULL)");
            t.HasCheckConstraint("ck_pledge_intake_currency", "currency IN ('VND', 'USD', 'EUR')");
            t.HasCheckConstraint("ck_pledge_intake_foreign_amount",
                "(currency = 'VND' AND original_amount IS NULL AND exchange_rate IS NULL) OR (currency <> 'VND' AND original_amount IS NOT NULL AND exchange_rate IS NOT NULL AND original_amount > 0 AND exchange_rate > 0)");
        });
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Reference).HasMaxLength(PledgeReference.Length);
        b.HasIndex(p => p.Reference).IsUnique();
        b.Property(p => p.IdempotencyKeyHash).HasMaxLength(64);
        b.HasIndex(p => p.IdempotencyKeyHash).IsUnique();
        b.Property(p => p.CampaignSlug).HasMaxLength(80);
        b.Property(p => p.NeedReference).HasMaxLength(80);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Property(p => p.OriginalAmount).HasPrecision(18, 2);
        b.Property(p => p.ExchangeRate).HasPrecision(18, 6);
        b.Property(p => p.Display).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Message).HasMaxLength(PledgeIntake.MaxMessageLength);
        b.Property(p => p.DonorKind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.DonorName).HasMaxLength(200);
        b.Property(p => p.DonorEmail).HasMaxLength(254);
        b.Property(p => p.DonorPhone).HasMaxLength(30);
        b.Property(p => p.DonorTaxCode).HasMaxLength(20);
        b.Property(p => p.DonorAddress).HasMaxLength(300);
        b.Property(p => p.Origin).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.InstalmentsJson).HasMaxLength(4000);
        b.Property(p => p.InKindLinesJson).HasMaxLength(8000);
        b.HasIndex(p => p.ReceivedAt);
        // PublicSite inserts without it: the database starts the count (and keeps the default through a SQLite table rebuild).
        b.Property(p => p.Attempts).HasDefaultValue(0);
        b.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Failure).HasMaxLength(PledgeIntakeProcessor.MaxFailureLength);
        // The processor's queue: only rows still waiting, in arrival order, stay in this index.
        b.HasIndex(p => p.ReceivedAt, "ix_pledge_intake_waiting").HasDatabaseName("ix_pledge_intake_waiting").HasFilter("processed_at IS NULL");
    }
}

public class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> b)
    {
        b.ToTable("pledges", t =>
        {
            t.HasCheckConstraint("ck_pledges_amount_positive", "amount_vnd > 0 OR (amount_vnd = 0 AND in_kind_lines_json IS NOT NULL AND currency = 'VND' AND instalments_json IS NULL)");
            t.HasCheckConstraint("ck_pledges_paid_not_negative", "paid_vnd >= 0");
        });
        b.Property(p => p.Reference).HasMaxLength(PledgeReference.Length);
        b.HasIndex(p => p.Reference).IsUnique();
        // One pledge per intake row, however many processors run at once.
        b.HasIndex(p => p.IntakeId).IsUnique();
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Property(p => p.OriginalAmount).HasPrecision(18, 2);
        b.Property(p => p.ExchangeRate).HasPrecision(18, 6);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.InstalmentsJson).HasMaxLength(4000);
        b.Property(p => p.InKindLinesJson).HasMaxLength(8000);
        b.Property(p => p.Message).HasMaxLength(PledgeIntake.MaxMessageLength);
        b.HasOne(p => p.Donor).WithMany().HasForeignKey(p => p.DonorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Campaign).WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AdminUnits.AdminUnit>().WithMany().HasForeignKey(p => p.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.Status, p.CampaignId });
    }
}

public class PledgeStatusConfiguration : IEntityTypeConfiguration<PledgeStatus>
{
    public void Configure(EntityTypeBuilder<PledgeStatus> b)
    {
        b.HasNoKey().ToView(PledgeStatus.View);
        b.Ignore(s => s.OutstandingVnd);
        b.Ignore(s => s.Instalments);
        b.Ignore(s => s.DueNowVnd);
        b.Property(s => s.OriginalAmount).HasPrecision(18, 2);
        b.Property(s => s.ExchangeRate).HasPrecision(18, 6);
    }
}
