using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Consent;
using ChildAid.Shared.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Content;

public enum ContentType { Page = 1, CampaignPage = 2, Story = 3, HonorRollPage = 4, NeedsListPage = 5 }

/// <summary>Draft → Submitted (by a writer) → Published ⇄ Unpublished. Editing a published item keeps it public
/// (the published version stays) until the new version is published.</summary>
public enum ContentState { Draft = 1, Submitted = 2, Published = 3, Unpublished = 4 }

/// <summary>
/// A piece of public content (trang, tin bài, trang chiến dịch…) the media team edits in BackOffice. Its words live in
/// <see cref="ContentVersion"/>s (one per save); the public copy is <see cref="PublishedContent"/>, written only by
/// publishing, so drafts never sit where PublicSite can read them.
/// </summary>
public class ContentItem : IVersioned
{
    public int Id { get; set; }
    public ContentType Type { get; set; }
    /// <summary>Required for a campaign page; optional for a story (a campaign update).</summary>
    public int? CampaignId { get; set; }
    public Campaign? Campaign { get; set; }
    /// <summary>Pages only: the page this one sits under (its path starts with the parent's).</summary>
    public int? ParentId { get; set; }
    public ContentItem? Parent { get; set; }
    /// <summary>The last segment of the path, from the latest version's slug.</summary>
    public required string Slug { get; set; }
    /// <summary>The public URL path, e.g. "/tin-tuc/ao-am-den-ban-phang" (ContentPaths); unique.</summary>
    public required string Path { get; set; }
    public ContentState State { get; set; } = ContentState.Draft;
    public int LatestVersion { get; set; }
    /// <summary>The version the public sees; null while nothing is public.</summary>
    public int? PublishedVersion { get; set; }
    /// <summary>UTC instants; the forms enter Vietnam time.</summary>
    public DateTime? ScheduledPublishAt { get; set; }
    public DateTime? ScheduledUnpublishAt { get; set; }
    /// <summary>The last scheduled step that failed, and why, shown in the schedule list until it succeeds.</summary>
    public string? ScheduleError { get; set; }
    /// <summary>Why an editor returned the item to its writer (shown on the edit page until the next submit).</summary>
    public string? ReturnComment { get; set; }
    /// <summary>The story or its images show a child: publishing needs a valid <see cref="ConsentRecordId"/>.</summary>
    public bool ShowsChild { get; set; }
    public int? ConsentRecordId { get; set; }
    public ConsentRecord? ConsentRecord { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<ContentVersion> Versions { get; set; } = [];

    public const int SlugLength = 80;
    public const int PathLength = 300;
    public const int ScheduleErrorLength = 500;
    public const int ReturnCommentLength = 1000;
}

public class ContentItemConfiguration : IEntityTypeConfiguration<ContentItem>
{
    public void Configure(EntityTypeBuilder<ContentItem> b)
    {
        b.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Slug).HasMaxLength(ContentItem.SlugLength);
        b.Property(c => c.Path).HasMaxLength(ContentItem.PathLength);
        b.Property(c => c.ScheduleError).HasMaxLength(ContentItem.ScheduleErrorLength);
        b.Property(c => c.ReturnComment).HasMaxLength(ContentItem.ReturnCommentLength);
        b.Property(c => c.CreatedBy).HasMaxLength(256);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne(c => c.Campaign).WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.ConsentRecord).WithMany().HasForeignKey(c => c.ConsentRecordId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.Path).IsUnique();
        b.HasIndex(c => new { c.Type, c.State });
        b.HasIndex(c => c.ScheduledPublishAt);
        b.HasIndex(c => c.ScheduledUnpublishAt);
        b.HasIndex(c => c.ConsentRecordId);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_content_items_campaign_page", "type <> 'CampaignPage' OR campaign_id IS NOT NULL");
            t.HasCheckConstraint("ck_content_items_parent", "parent_id IS NULL OR type = 'Page'");
            t.HasCheckConstraint("ck_content_items_published_version",
                "published_version IS NULL OR (published_version >= 1 AND published_version <= latest_version)");
            t.HasCheckConstraint("ck_content_items_published_state", "state <> 'Published' OR published_version IS NOT NULL");
        });
    }
}
