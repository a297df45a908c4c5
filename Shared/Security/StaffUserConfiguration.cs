using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Security;

public class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> b)
    {
        b.Property(u => u.FullName).HasMaxLength(200);
        b.HasOne(u => u.Organisation).WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(u => u.Units).WithOne().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class StaffUserUnitConfiguration : IEntityTypeConfiguration<StaffUserUnit>
{
    public void Configure(EntityTypeBuilder<StaffUserUnit> b)
    {
        b.HasKey(u => new { u.UserId, u.AdminUnitId });
        b.HasOne(u => u.AdminUnit).WithMany().HasForeignKey(u => u.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
