using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Content;

/// <summary>
/// The public copy of a published content item in one language ("vi" always; "en" only when the English title was
/// given — PublicSite falls back to Vietnamese). Written only by publishing, deleted by unpublishing, so PublicSite
/// (which reads nothing else of the content module) can never show a draft. The body is HTML rendered from Markdown
/// and sanitised at publish time.
/// </summary>
public class PublishedContent
{
    public int ContentItemId { get; set; }
    public required string Language { get; set; }
    public ContentType Type { get; set; }
    public required string Path { get; set; }
    public int? CampaignId { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public string? SeoTitle { get; set; }
    public string? SeoDescription { get; set; }
    public int? HeroMediaId { get; set; }
    /// <summary>When it was first published (stories are dated by it).</summary>
    public DateTime PublishedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public const int BodyHtmlLength = 400_000;
}

public class PublishedContentConfiguration : IEntityTypeConfiguration<PublishedContent>
{
    public void Configure(EntityTypeBuilder<PublishedContent> b)
    {
        b.HasKey(p => new { p.ContentItemId, p.Language });
        b.Property(p => p.Language).HasMaxLength(2);
        b.Property(p => p.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Path).HasMaxLength(ContentItem.PathLength);
        b.Property(p => p.Title).HasMaxLength(ContentVersion.TitleLength);
        b.Property(p => p.Summary).HasMaxLength(ContentVersion.SummaryLength);
        b.Property(p => p.BodyHtml).HasMaxLength(PublishedContent.BodyHtmlLength);
        b.Property(p => p.SeoTitle).HasMaxLength(ContentVersion.SeoTitleLength);
        b.Property(p => p.SeoDescription).HasMaxLength(ContentVersion.SeoDescriptionLength);
        // No foreign keys: the public reader sees this table alone, and unpublishing deletes the row anyway.
        b.HasIndex(p => new { p.Path, p.Language }).IsUnique();
        b.HasIndex(p => new { p.Type, p.Language, p.PublishedAt });
        b.HasIndex(p => p.CampaignId);
        b.ToTable(t => t.HasCheckConstraint("ck_published_content_language", "language IN ('vi', 'en')"));
    }
}
