using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.BankStatements;

public class BankStatementLineConfiguration : IEntityTypeConfiguration<BankStatementLine>
{
    public void Configure(EntityTypeBuilder<BankStatementLine> b)
    {
        b.ToTable("bank_statement_lines");
        b.Property(l => l.TransactionId).HasMaxLength(StatementParser.MaxTransactionIdLength);
        b.Property(l => l.DedupeKey).HasMaxLength(BankStatementLine.MaxDedupeKeyLength);
        // The same transaction of one account is stored once, whatever file or import brings it again.
        b.HasIndex(l => new { l.BankAccountId, l.DedupeKey }).IsUnique();
        b.Property(l => l.Description).HasMaxLength(StatementParser.MaxDescriptionLength);
        b.Property(l => l.Counterparty).HasMaxLength(StatementParser.MaxCounterpartyLength);
        b.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.FoundReference).HasMaxLength(Pledges.PledgeReference.Length);
        b.HasIndex(l => new { l.Status, l.BankAccountId });
        b.HasIndex(l => l.ImportId);
        b.HasOne<BankAccount>().WithMany().HasForeignKey(l => l.BankAccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<BankStatementImport>().WithMany().HasForeignKey(l => l.ImportId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Pledges.Pledge>().WithMany().HasForeignKey(l => l.PledgeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Contributions.Contribution>().WithMany().HasForeignKey(l => l.ContributionId).OnDelete(DeleteBehavior.Restrict);
        // One line per receipt: two lines racing to link the same hand-recorded transfer cannot both win.
        b.HasIndex(l => l.ContributionId).IsUnique();
    }
}

public class BankStatementImportConfiguration : IEntityTypeConfiguration<BankStatementImport>
{
    public void Configure(EntityTypeBuilder<BankStatementImport> b)
    {
        b.ToTable("bank_statement_imports");
        b.Property(i => i.FileName).HasMaxLength(260);
        b.Property(i => i.ImportedBy).HasMaxLength(256);
        b.HasOne<BankAccount>().WithMany().HasForeignKey(i => i.BankAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
