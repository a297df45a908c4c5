using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.AdminUnits;

public class AdminUnitConfiguration : IEntityTypeConfiguration<AdminUnit>
{
    public void Configure(EntityTypeBuilder<AdminUnit> b)
    {
        b.Property(u => u.Code).HasMaxLength(16);
        b.Property(u => u.Name).HasMaxLength(200);
        b.HasIndex(u => new { u.Code, u.Level, u.ValidFrom }).IsUnique();
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.MergedInto).WithMany().HasForeignKey(u => u.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}
