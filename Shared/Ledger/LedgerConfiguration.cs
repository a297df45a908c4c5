using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Ledger;

public class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        // Stored by enum name; a name this code does not know reads as Unknown, for the verifier to report rather than throw.
        b.Property(e => e.Kind).HasConversion(k => k.ToString(), s => KindFromStored(s)).HasMaxLength(20);
        b.Property(e => e.FormatVersion).HasDefaultValue(1).ValueGeneratedNever();
        b.Property(e => e.Currency).HasMaxLength(3);
        b.Property(e => e.OriginalAmount).HasPrecision(18, 2);
        b.Property(e => e.ExchangeRate).HasPrecision(18, 6);
        b.Property(e => e.ReceiptNumber).HasMaxLength(20);
        b.Property(e => e.Description).HasMaxLength(500);
        b.Property(e => e.DonorDisplay).HasMaxLength(300);
        b.Property(e => e.DonorSalt).HasMaxLength(64);
        b.Property(e => e.DonorCommitment).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.UnitCode).HasMaxLength(20);
        b.Property(e => e.Item).HasMaxLength(200);
        b.Property(e => e.Quantity).HasPrecision(18, 3);
        b.Property(e => e.UnitOfMeasure).HasMaxLength(30);
        b.Property(e => e.NeedReference).HasMaxLength(50);
        b.Property(e => e.Documents).HasMaxLength(LedgerDocuments.MaxLength);
        b.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.SearchText).HasMaxLength(1000);
        b.HasIndex(e => e.CampaignId);
        b.HasIndex(e => e.ValueDate);
        // The public page of one receipt (/sao-ke/{receipt number}) looks entries up by number.
        b.HasIndex(e => e.ReceiptNumber);
        // An entry is reversed at most once (a receipt, an allocation): a second reversal of the same entry is refused.
        b.HasIndex(e => e.ReversesSequence).IsUnique();
    }

    private static LedgerEntryKind KindFromStored(string stored) =>
        Enum.TryParse<LedgerEntryKind>(stored, ignoreCase: false, out var kind) && Enum.IsDefined(kind) ? kind : LedgerEntryKind.Unknown;
}

public class LedgerHeadConfiguration : IEntityTypeConfiguration<LedgerHead>
{
    public void Configure(EntityTypeBuilder<LedgerHead> b)
    {
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.LastHash).HasMaxLength(64).IsFixedLength();
        b.HasData(new LedgerHead { Id = 1, LastSequence = 0, LastHash = LedgerCanonicalForm.GenesisHash });
    }
}
