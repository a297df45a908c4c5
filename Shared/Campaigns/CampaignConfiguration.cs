using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Campaigns;

public class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.Property(c => c.Slug).HasMaxLength(80);
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.TitleEn).HasMaxLength(200);
        b.Property(c => c.Summary).HasMaxLength(2000);
        b.Property(c => c.SummaryEn).HasMaxLength(2000);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(c => c.Slug).IsUnique();
    }
}
