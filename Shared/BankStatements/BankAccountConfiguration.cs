using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.BankStatements;

public class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> b)
    {
        b.ToTable("bank_accounts");
        b.Property(a => a.Code).HasMaxLength(BankAccount.MaxCodeLength);
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.BankName).HasMaxLength(200);
        b.Property(a => a.Bin).HasMaxLength(6);
        b.Property(a => a.AccountNumber).HasMaxLength(30);
        b.Property(a => a.AccountName).HasMaxLength(200);
        b.Property(a => a.Preset).HasMaxLength(20);
        b.Property(a => a.CustomMappingJson).HasMaxLength(2000);
        b.HasOne<AdminUnits.AdminUnit>().WithMany().HasForeignKey(a => a.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Campaigns.Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}
