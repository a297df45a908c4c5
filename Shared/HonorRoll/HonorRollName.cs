using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.HonorRoll;

/// <summary>
/// A donor who shows only their name, on the honor roll of one campaign (or of unrestricted gifts): the name and
/// how many of their gifts there still stand. Kept apart from <see cref="HonorRollEntry"/> because a name-only
/// donor's name must never sit beside a date, an amount, a ledger key or a gift order that leads to their amount.
/// The public never reads this table: only the view <see cref="PublicTables.NameOnlyView"/>, which groups it by
/// name (no row, key, order or row version survives the grouping).
/// </summary>
public class HonorRollName
{
    public long Id { get; set; }
    /// <summary>The donor's opaque key, to count their gifts; never published from this table.</summary>
    public Guid DonorKey { get; set; }
    public int? CampaignId { get; set; }
    public string DisplayName { get; set; } = "";
    /// <summary>Receipts minus reversals: the name is listed while this is above zero.</summary>
    public int NetGifts { get; set; }
}

/// <summary>One line of the public view of name-only donors: a name on the whole roll or on one campaign's, and how many standing donors carry it.</summary>
public class HonorRollNameListing
{
    public bool WholeRoll { get; set; }
    public int? CampaignId { get; set; }
    public string DisplayName { get; set; } = "";
    public int Donors { get; set; }
}

public class HonorRollNameConfiguration : IEntityTypeConfiguration<HonorRollName>
{
    public void Configure(EntityTypeBuilder<HonorRollName> b)
    {
        b.ToTable("honor_roll_names");
        b.Property(n => n.DisplayName).HasMaxLength(300);
        b.HasIndex(n => new { n.DonorKey, n.CampaignId });
    }
}
