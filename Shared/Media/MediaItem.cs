using ChildAid.Shared.Consent;
using ChildAid.Shared.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Media;

public enum MediaFormat { Jpeg = 1, Png = 2, Webp = 3 }

/// <summary>
/// An image in the media library. The uploaded original is never kept: only its processed renditions (auto-oriented,
/// every metadata stripped), named by the unguessable <see cref="FileKey"/> in the media store's private area. The
/// public area gets copies only while published content uses the image (<see cref="PublishedMedia"/>).
/// </summary>
public class MediaItem : IVersioned
{
    public int Id { get; set; }
    public int? FolderId { get; set; }
    public MediaFolder? Folder { get; set; }
    /// <summary>Random, URL-safe; the only name files get (no user-supplied path ever reaches the store).</summary>
    public required string FileKey { get; set; }
    public required string OriginalFileName { get; set; }
    /// <summary>Detected from the bytes, never from the file name.</summary>
    public MediaFormat Format { get; set; }
    /// <summary>After auto-orientation.</summary>
    public int Width { get; set; }
    public int Height { get; set; }
    public long ByteSize { get; set; }
    /// <summary>Alternative text, required (WCAG): Vietnamese, and optionally English.</summary>
    public required string Alt { get; set; }
    public string? AltEn { get; set; }
    /// <summary>Where crops centre, as fractions of width and height (0–1).</summary>
    public decimal FocalX { get; set; } = 0.5m;
    public decimal FocalY { get; set; } = 0.5m;
    /// <summary>The image shows a child: it may be published only under a valid consent record.</summary>
    public bool ShowsChild { get; set; }
    public int? ConsentRecordId { get; set; }
    public ConsentRecord? ConsentRecord { get; set; }
    /// <summary>
    /// Set when a child's erasure kept this photo because content still used it (<see cref="Children.ChildErasure"/>):
    /// no longer public, listed at the top of the library until an editor replaces it and deletes it.
    /// </summary>
    public DateOnly? ErasedOn { get; set; }
    public required string UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }
    /// <summary>File name, alt texts and folder name folded (TextFolding) for search without diacritics.</summary>
    public string SearchText { get; set; } = "";
    public int Version { get; set; }

    public const int FileKeyLength = 32;
    public const int FileNameLength = 255;
    public const int AltLength = 300;
    public const int SearchTextLength = 1000;
}

public class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> b)
    {
        b.Property(m => m.FileKey).HasMaxLength(MediaItem.FileKeyLength);
        b.Property(m => m.OriginalFileName).HasMaxLength(MediaItem.FileNameLength);
        b.Property(m => m.Format).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.Alt).HasMaxLength(MediaItem.AltLength);
        b.Property(m => m.AltEn).HasMaxLength(MediaItem.AltLength);
        b.Property(m => m.FocalX).HasPrecision(5, 4);
        b.Property(m => m.FocalY).HasPrecision(5, 4);
        b.Property(m => m.UploadedBy).HasMaxLength(256);
        b.Property(m => m.SearchText).HasMaxLength(MediaItem.SearchTextLength);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne(m => m.Folder).WithMany().HasForeignKey(m => m.FolderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.ConsentRecord).WithMany().HasForeignKey(m => m.ConsentRecordId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.FileKey).IsUnique();
        b.HasIndex(m => new { m.FolderId, m.UploadedAt });
        b.HasIndex(m => m.UploadedAt);
        b.HasIndex(m => m.ConsentRecordId);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_media_items_focal", "focal_x BETWEEN 0 AND 1 AND focal_y BETWEEN 0 AND 1");
            t.HasCheckConstraint("ck_media_items_size", "width > 0 AND height > 0 AND byte_size > 0");
            t.HasCheckConstraint("ck_media_items_alt", "length(trim(alt)) > 0");
        });
    }
}

/// <summary>A folder of the media library (e.g. "Áo ấm 2026", under "Chiến dịch").</summary>
public class MediaFolder
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? ParentId { get; set; }
    public MediaFolder? Parent { get; set; }

    public const int NameLength = 100;
}

public class MediaFolderConfiguration : IEntityTypeConfiguration<MediaFolder>
{
    public void Configure(EntityTypeBuilder<MediaFolder> b)
    {
        b.Property(f => f.Name).HasMaxLength(MediaFolder.NameLength);
        b.HasOne(f => f.Parent).WithMany().HasForeignKey(f => f.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => new { f.ParentId, f.Name }).IsUnique();
    }
}
