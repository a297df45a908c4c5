using ChildAid.Shared.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Content;

/// <summary>
/// A media item used by a content item's latest or published version (hero image or an image in the body). Kept by the
/// content service on every save and publish; the media library reads it to say where an item is used and to refuse
/// deleting it while it is.
/// </summary>
public class ContentMediaUse
{
    public int ContentItemId { get; set; }
    public ContentItem? ContentItem { get; set; }
    public int MediaItemId { get; set; }
    public MediaItem? MediaItem { get; set; }
}

public class ContentMediaUseConfiguration : IEntityTypeConfiguration<ContentMediaUse>
{
    public void Configure(EntityTypeBuilder<ContentMediaUse> b)
    {
        b.HasKey(u => new { u.ContentItemId, u.MediaItemId });
        b.HasOne(u => u.ContentItem).WithMany().HasForeignKey(u => u.ContentItemId).OnDelete(DeleteBehavior.Cascade);
        // Restrict: the database itself refuses to delete a media item while content uses it.
        b.HasOne(u => u.MediaItem).WithMany().HasForeignKey(u => u.MediaItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.MediaItemId);
    }
}
