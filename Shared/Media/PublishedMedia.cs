using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Media;

/// <summary>
/// What PublicSite needs to show a published image (<c>&lt;img srcset&gt;</c> and share cards): written when content
/// using the image is published, with its files copied to the store's public area; removed, files and all, when no
/// published content uses it any more or its consent ends. Nothing here says who uploaded it or whom it shows.
/// </summary>
public class PublishedMedia
{
    public int MediaItemId { get; set; }
    public required string FileKey { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public decimal FocalX { get; set; }
    public decimal FocalY { get; set; }
    public required string Alt { get; set; }
    public string? AltEn { get; set; }
    public DateTime PublishedAt { get; set; }
}

public class PublishedMediaConfiguration : IEntityTypeConfiguration<PublishedMedia>
{
    public void Configure(EntityTypeBuilder<PublishedMedia> b)
    {
        b.HasKey(m => m.MediaItemId);
        b.Property(m => m.MediaItemId).ValueGeneratedNever();
        b.Property(m => m.FileKey).HasMaxLength(MediaItem.FileKeyLength);
        b.Property(m => m.FocalX).HasPrecision(5, 4);
        b.Property(m => m.FocalY).HasPrecision(5, 4);
        b.Property(m => m.Alt).HasMaxLength(MediaItem.AltLength);
        b.Property(m => m.AltEn).HasMaxLength(MediaItem.AltLength);
        b.HasIndex(m => m.FileKey).IsUnique();
    }
}
