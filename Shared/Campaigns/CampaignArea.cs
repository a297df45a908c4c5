using ChildAid.Shared.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Campaigns;

/// <summary>
/// Where a campaign's money may go: a commune, and optionally one need category there ("áo ấm ở xã Ia Đal"). A gift
/// given to a campaign is allocated only to need lines inside one of its areas; a campaign with no area yet takes no
/// allocation at all, so a restricted gift can never drift outside what its donor chose.
/// </summary>
public class CampaignArea : Security.IUnitOwned
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    /// <summary>The commune.</summary>
    public int AdminUnitId { get; set; }
    /// <summary>Null: every category in the commune.</summary>
    public NeedCategory? Category { get; set; }

    /// <summary>Whether a need line of <paramref name="communeId"/> and <paramref name="category"/> lies inside this area.</summary>
    public bool Covers(int communeId, NeedCategory category) => AdminUnitId == communeId && (Category is null || Category == category);
}

public class CampaignAreaConfiguration : IEntityTypeConfiguration<CampaignArea>
{
    public void Configure(EntityTypeBuilder<CampaignArea> b)
    {
        b.Property(a => a.Category).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AdminUnits.AdminUnit>().WithMany().HasForeignKey(a => a.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.CampaignId, a.AdminUnitId, a.Category }).IsUnique();
    }
}
