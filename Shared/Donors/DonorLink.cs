using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Donors;

/// <summary>
/// A private link mailed to a donor (<c>/nha-tai-tro/{token}</c> on BackOffice): whoever holds the token sees that
/// donor's pledges and receipts. Only the SHA-256 of the token is stored, so the table alone opens nothing; a new
/// link is issued with each mail and each expires (<see cref="DonorLinkOptions.LinkDays"/>).
/// </summary>
public class DonorLink
{
    public long Id { get; set; }
    public int DonorId { get; set; }
    public Donor? Donor { get; set; }
    public byte[] TokenHash { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

public class DonorLinkConfiguration : IEntityTypeConfiguration<DonorLink>
{
    public void Configure(EntityTypeBuilder<DonorLink> b)
    {
        b.ToTable("donor_links");
        b.Property(l => l.TokenHash).HasMaxLength(32);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasOne(l => l.Donor).WithMany().HasForeignKey(l => l.DonorId).OnDelete(DeleteBehavior.Restrict);
    }
}
