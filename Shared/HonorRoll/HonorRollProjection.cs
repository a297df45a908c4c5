using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.HonorRoll;

/// <summary>
/// Writes the honor roll's public projection with each receipt (+1) or reversal (−1), by the donor's display choice:
/// donors who show amounts and anonymous donors get an <see cref="HonorRollEntry"/> (anonymous ones without a name);
/// name-only donors only count in <see cref="HonorRollName"/>, which the public sees as a list of names without dates.
/// </summary>
public static class HonorRollProjection
{
    public static async Task AddAsync(ChildAidDbContext db, Donor donor, int? campaignId, string? message, LedgerEntry entry, int delta, CancellationToken ct)
    {
        if (donor.DisplayChoice == DisplayChoice.NameOnly)
        {
            var key = donor.PublicKey;
            var row = await db.HonorRollNames.FirstOrDefaultAsync(n => n.DonorKey == key && n.CampaignId == campaignId, ct);
            if (row is null)
                db.HonorRollNames.Add(new HonorRollName { DonorKey = key, CampaignId = campaignId, DisplayName = donor.Name.Trim(), NetGifts = delta });
            else
            {
                row.NetGifts += delta;
                row.DisplayName = donor.Name.Trim();
            }
            return;
        }
        db.HonorRollEntries.Add(new HonorRollEntry
        {
            LedgerSequence = entry.Sequence,
            CampaignId = campaignId,
            DonorKey = donor.PublicKey,
            DisplayName = DonorDisplay.HonorRollName(donor.DisplayChoice, donor.Name),
            DonorKind = donor.Kind.ToString(),
            AmountVnd = DonorDisplay.ShowsAmountOnHonorRoll(donor.DisplayChoice) ? entry.AmountVnd : null,
            Message = delta > 0 ? DonorDisplay.PublicMessage(donor.DisplayChoice, message) : null,
            GiftDelta = delta,
            ReceivedOn = entry.ValueDate,
        });
    }
}
