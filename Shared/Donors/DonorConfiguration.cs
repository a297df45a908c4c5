using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Donors;

public class DonorConfiguration : IEntityTypeConfiguration<Donor>
{
    public void Configure(EntityTypeBuilder<Donor> b)
    {
        b.Property(d => d.Name).HasMaxLength(300);
        b.Property(d => d.SearchText).HasMaxLength(600);
        b.Property(d => d.Email).HasMaxLength(254);
        b.Property(d => d.Phone).HasMaxLength(30);
        b.Property(d => d.Address).HasMaxLength(500);
        b.Property(d => d.TaxCode).HasMaxLength(20);
        b.Property(d => d.Country).HasMaxLength(2);
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Origin).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.DisplayChoice).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(d => d.PublicKey).IsUnique();
        b.HasIndex(d => d.AdminUnitId);
        b.HasOne(d => d.AdminUnit).WithMany().HasForeignKey(d => d.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
