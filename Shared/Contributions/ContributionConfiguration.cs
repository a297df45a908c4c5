using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Contributions;

public class ContributionConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> b)
    {
        b.Property(c => c.ReceiptNumber).HasMaxLength(20);
        b.HasIndex(c => c.ReceiptNumber).IsUnique();
        b.HasIndex(c => new { c.FiscalYear, c.ReceiptSequence }).IsUnique();
        b.HasIndex(c => c.AdminUnitId);
        b.HasIndex(c => c.DonorId);
        b.HasIndex(c => c.IdempotencyKey).IsUnique();
        b.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.ExternalId).HasMaxLength(ContributionRules.MaxExternalIdLength);
        b.HasIndex(c => c.ExternalId).IsUnique();
        b.HasOne(c => c.Pledge).WithMany().HasForeignKey(c => c.PledgeId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Method).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.OriginalCurrency).HasMaxLength(3);
        b.Property(c => c.OriginalAmount).HasPrecision(18, 2);
        b.Property(c => c.ExchangeRate).HasPrecision(18, 6);
        b.Property(c => c.Message).HasMaxLength(500);
        b.Property(c => c.Note).HasMaxLength(1000);
        b.Property(c => c.RecordedById).HasMaxLength(450);
        b.HasOne(c => c.Donor).WithMany().HasForeignKey(c => c.DonorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Campaign).WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.AdminUnit).WithMany().HasForeignKey(c => c.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.GoodsLines).WithOne().HasForeignKey(l => l.ContributionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Reversal).WithOne().HasForeignKey<ContributionReversal>(r => r.ContributionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class ContributionGoodsLineConfiguration : IEntityTypeConfiguration<ContributionGoodsLine>
{
    public void Configure(EntityTypeBuilder<ContributionGoodsLine> b)
    {
        b.Property(l => l.Item).HasMaxLength(200);
        b.Property(l => l.Unit).HasMaxLength(30);
    }
}

public class ContributionReversalConfiguration : IEntityTypeConfiguration<ContributionReversal>
{
    public void Configure(EntityTypeBuilder<ContributionReversal> b)
    {
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.ReversedById).HasMaxLength(450);
        b.HasIndex(r => r.ContributionId).IsUnique();
    }
}

/// <summary>The last receipt number given in a fiscal year; incremented under a row lock so numbers stay gapless.</summary>
public class ReceiptCounter
{
    public int FiscalYear { get; set; }
    public int LastNumber { get; set; }
}

public class ReceiptCounterConfiguration : IEntityTypeConfiguration<ReceiptCounter>
{
    public void Configure(EntityTypeBuilder<ReceiptCounter> b)
    {
        b.HasKey(c => c.FiscalYear);
        b.Property(c => c.FiscalYear).ValueGeneratedNever();
    }
}
