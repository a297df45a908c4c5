using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.CampaignUpdates;

/// <summary>
/// A "follow this campaign" request as PublicSite took it: PublicSite may INSERT here and nothing else (as with
/// pledges), so it never reads an address back. BackOffice's worker turns each row into a pending
/// <see cref="CampaignFollower"/> and its confirmation mail (<see cref="CampaignFollowers.ProcessIntakeAsync"/>).
/// </summary>
public class CampaignFollowIntake
{
    public Guid Id { get; set; }
    public required string CampaignSlug { get; set; }
    public required string Email { get; set; }
    public string Culture { get; set; } = "vi";
    public DateTime ReceivedAt { get; set; }
    /// <summary>BackOffice's: when the row was worked (PublicSite neither writes nor reads it).</summary>
    public DateTime? ProcessedAt { get; set; }
}

public class CampaignFollowIntakeConfiguration : IEntityTypeConfiguration<CampaignFollowIntake>
{
    public void Configure(EntityTypeBuilder<CampaignFollowIntake> b)
    {
        b.ToTable("campaign_follow_intake");
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.CampaignSlug).HasMaxLength(200);
        b.Property(i => i.Email).HasMaxLength(254);
        b.Property(i => i.Culture).HasMaxLength(5);
        b.HasIndex(i => i.ReceivedAt).HasDatabaseName("ix_campaign_follow_intake_waiting").HasFilter("processed_at IS NULL");
    }
}
