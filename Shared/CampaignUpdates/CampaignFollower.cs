using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.CampaignUpdates;

public enum FollowerState { Pending = 1, Confirmed = 2, Unsubscribed = 3 }

/// <summary>
/// Someone who asked for a campaign's news (the "follow" form, or the pledge form's tick). Double opt-in: nothing is
/// sent until they open the confirm link mailed to them (valid <see cref="ConfirmDays"/> days); every update carries
/// the one-click unsubscribe link. Both tokens are 256 random bits that open only this row's confirm or unsubscribe;
/// the unsubscribe token is kept as it is because every update mail carries it again.
/// </summary>
public class CampaignFollower
{
    public const int TokenLength = 43;
    public const int ConfirmDays = 7;

    public int Id { get; set; }
    public int CampaignId { get; set; }
    /// <summary>Lower case, trimmed: one row per address and campaign (UNIQUE), so a second follow never duplicates.</summary>
    public required string Email { get; set; }
    public string? Name { get; set; }
    /// <summary>"vi" or "en" (donors abroad).</summary>
    public string Culture { get; set; } = "vi";
    /// <summary>The donor, when the request came with a pledge (their donor page lists it).</summary>
    public int? DonorId { get; set; }
    public FollowerState State { get; private set; } = FollowerState.Pending;
    public required string ConfirmToken { get; set; }
    public required string UnsubscribeToken { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the current confirm link was mailed: it works for <see cref="ConfirmDays"/> days.</summary>
    public DateTime ConfirmRequestedAt { get; set; }
    public DateTime? ConfirmedAt { get; private set; }
    public DateTime? UnsubscribedAt { get; private set; }

    public bool IsActive => State == FollowerState.Confirmed;

    public bool ConfirmLinkWorks(DateTime now) => State != FollowerState.Unsubscribed && now < ConfirmRequestedAt.AddDays(ConfirmDays);

    /// <summary>Confirming twice is harmless; an expired link or an address that unsubscribed does not confirm.</summary>
    public bool Confirm(DateTime now)
    {
        if (State == FollowerState.Confirmed) return true;
        if (!ConfirmLinkWorks(now)) return false;
        (State, ConfirmedAt) = (FollowerState.Confirmed, now);
        return true;
    }

    public void Unsubscribe(DateTime now)
    {
        if (State == FollowerState.Unsubscribed) return;
        (State, UnsubscribedAt) = (FollowerState.Unsubscribed, now);
    }

    /// <summary>A new request after unsubscribing (or after the link expired) starts the double opt-in again.</summary>
    public void AskAgain(string confirmToken, DateTime now) =>
        (State, ConfirmToken, ConfirmRequestedAt, ConfirmedAt, UnsubscribedAt) = (FollowerState.Pending, confirmToken, now, null, null);
}

public class CampaignFollowerConfiguration : IEntityTypeConfiguration<CampaignFollower>
{
    public void Configure(EntityTypeBuilder<CampaignFollower> b)
    {
        b.ToTable("campaign_followers");
        b.Property(f => f.Email).HasMaxLength(254);
        b.Property(f => f.Name).HasMaxLength(200);
        b.Property(f => f.Culture).HasMaxLength(5);
        b.Property(f => f.State).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.ConfirmToken).HasMaxLength(CampaignFollower.TokenLength);
        b.Property(f => f.UnsubscribeToken).HasMaxLength(CampaignFollower.TokenLength);
        b.HasIndex(f => new { f.CampaignId, f.Email }).IsUnique();
        b.HasIndex(f => f.ConfirmToken).IsUnique();
        b.HasIndex(f => f.UnsubscribeToken).IsUnique();
        b.HasIndex(f => f.DonorId);
        b.HasOne<Campaigns.Campaign>().WithMany().HasForeignKey(f => f.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Donors.Donor>().WithMany().HasForeignKey(f => f.DonorId).OnDelete(DeleteBehavior.Restrict);
    }
}
