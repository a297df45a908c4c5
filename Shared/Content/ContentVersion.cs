using ChildAid.Shared.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Content;

/// <summary>
/// One save of a content item: every typed field, in Vietnamese and optionally English. Never changed after it is
/// written (a rollback writes a new version with the old words), so any two versions can be compared.
/// </summary>
public class ContentVersion
{
    public int Id { get; set; }
    public int ContentItemId { get; set; }
    public ContentItem? ContentItem { get; set; }
    public int Number { get; set; }

    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    public required string Slug { get; set; }
    public string Summary { get; set; } = "";
    public string? SummaryEn { get; set; }
    /// <summary>Markdown. Images only from the media library (ContentMarkdown).</summary>
    public string Body { get; set; } = "";
    public string? BodyEn { get; set; }
    public string? SeoTitle { get; set; }
    public string? SeoTitleEn { get; set; }
    public string? SeoDescription { get; set; }
    public string? SeoDescriptionEn { get; set; }
    public int? HeroMediaId { get; set; }
    public MediaItem? HeroMedia { get; set; }

    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Why this version exists when it is not a plain save, e.g. "Khôi phục từ phiên bản 3".</summary>
    public string? Note { get; set; }

    public const int TitleLength = 200;
    public const int SummaryLength = 1000;
    public const int BodyLength = 100_000;
    public const int SeoTitleLength = 70;
    public const int SeoDescriptionLength = 200;
    public const int NoteLength = 300;
}

public class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> b)
    {
        b.Property(v => v.Title).HasMaxLength(ContentVersion.TitleLength);
        b.Property(v => v.TitleEn).HasMaxLength(ContentVersion.TitleLength);
        b.Property(v => v.Slug).HasMaxLength(ContentItem.SlugLength);
        b.Property(v => v.Summary).HasMaxLength(ContentVersion.SummaryLength);
        b.Property(v => v.SummaryEn).HasMaxLength(ContentVersion.SummaryLength);
        b.Property(v => v.Body).HasMaxLength(ContentVersion.BodyLength);
        b.Property(v => v.BodyEn).HasMaxLength(ContentVersion.BodyLength);
        b.Property(v => v.SeoTitle).HasMaxLength(ContentVersion.SeoTitleLength);
        b.Property(v => v.SeoTitleEn).HasMaxLength(ContentVersion.SeoTitleLength);
        b.Property(v => v.SeoDescription).HasMaxLength(ContentVersion.SeoDescriptionLength);
        b.Property(v => v.SeoDescriptionEn).HasMaxLength(ContentVersion.SeoDescriptionLength);
        b.Property(v => v.CreatedBy).HasMaxLength(256);
        b.Property(v => v.Note).HasMaxLength(ContentVersion.NoteLength);
        b.HasOne(v => v.ContentItem).WithMany(c => c.Versions).HasForeignKey(v => v.ContentItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(v => v.HeroMedia).WithMany().HasForeignKey(v => v.HeroMediaId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => new { v.ContentItemId, v.Number }).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("ck_content_versions_number", "number >= 1"));
    }
}
