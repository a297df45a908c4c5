using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.CampaignUpdates;

/// <summary>
/// "This story goes to its campaign's followers": written by the first publish of a story bound to a campaign, in the
/// publish's own transaction (UNIQUE per story, so a re-publish after an edit or an unpublish adds nothing). The
/// worker then queues one mail per active follower (<see cref="CampaignUpdateMails"/>), outside the editor's request.
/// </summary>
public class CampaignUpdateRun
{
    public int Id { get; set; }
    public int ContentItemId { get; set; }
    public int CampaignId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Set when the worker has queued every follower's mail.</summary>
    public DateTime? QueuedAt { get; set; }
    public int MailsQueued { get; set; }
}

public class CampaignUpdateRunConfiguration : IEntityTypeConfiguration<CampaignUpdateRun>
{
    public void Configure(EntityTypeBuilder<CampaignUpdateRun> b)
    {
        b.ToTable("campaign_update_runs");
        b.HasIndex(r => r.ContentItemId).IsUnique();
        b.HasOne<Content.ContentItem>().WithMany().HasForeignKey(r => r.ContentItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Campaigns.Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}
