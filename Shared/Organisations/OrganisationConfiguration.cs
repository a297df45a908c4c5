using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Organisations;

public class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(300);
        b.Property(o => o.Type).HasConversion<string>().HasMaxLength(40);
        b.Property(o => o.SchoolLevel).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(o => o.Name).IsUnique();
        b.HasOne(o => o.AdminUnit).WithMany().HasForeignKey(o => o.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
