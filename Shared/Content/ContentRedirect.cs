using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Content;

/// <summary>
/// A permanent redirect from an old public path. Made automatically when a published item's slug or parent changes (so
/// shared Facebook and Zalo links keep working), or entered by staff. Public data: PublicSite answers 301 from it.
/// </summary>
public class ContentRedirect
{
    public int Id { get; set; }
    public required string FromPath { get; set; }
    public required string ToPath { get; set; }
    public bool Automatic { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

public class ContentRedirectConfiguration : IEntityTypeConfiguration<ContentRedirect>
{
    public void Configure(EntityTypeBuilder<ContentRedirect> b)
    {
        b.Property(r => r.FromPath).HasMaxLength(ContentItem.PathLength);
        b.Property(r => r.ToPath).HasMaxLength(ContentItem.PathLength);
        b.Property(r => r.CreatedBy).HasMaxLength(256);
        b.HasIndex(r => r.FromPath).IsUnique();
        b.ToTable(t => t.HasCheckConstraint("ck_content_redirects_not_self", "from_path <> to_path"));
    }
}
