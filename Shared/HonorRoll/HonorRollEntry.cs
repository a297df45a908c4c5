using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.HonorRoll;

/// <summary>
/// The public face of one receipt or reversal on the honor roll (bảng vàng), written with it and already
/// filtered by the donor's display choice: no contact data, no receipt number (which would tie a name-only
/// donor to an amount on the statement). Public data.
/// </summary>
public class HonorRollEntry
{
    public long Id { get; set; }
    public long LedgerSequence { get; set; }
    public int? CampaignId { get; set; }
    /// <summary>The donor's opaque public key: groups a donor's gifts without naming them.</summary>
    public Guid DonorKey { get; set; }
    /// <summary>Empty: anonymous.</summary>
    public string DisplayName { get; set; } = "";
    public string DonorKind { get; set; } = "";
    /// <summary>Signed amount; null when the donor does not show amounts.</summary>
    public long? AmountVnd { get; set; }
    public string? Message { get; set; }
    /// <summary>+1 for a receipt, −1 for its reversal.</summary>
    public int GiftDelta { get; set; }
    public DateOnly ReceivedOn { get; set; }
}

public class HonorRollEntryConfiguration : IEntityTypeConfiguration<HonorRollEntry>
{
    public void Configure(EntityTypeBuilder<HonorRollEntry> b)
    {
        b.Property(e => e.DisplayName).HasMaxLength(300);
        b.Property(e => e.DonorKind).HasMaxLength(20);
        b.Property(e => e.Message).HasMaxLength(500);
        b.HasIndex(e => e.LedgerSequence).IsUnique();
        b.HasIndex(e => new { e.CampaignId, e.DonorKey });
    }
}
