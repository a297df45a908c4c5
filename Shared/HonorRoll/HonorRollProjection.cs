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
        db.HonorRollEntries.Add(EntryOf(donor, campaignId, message, entry, delta));
    }

    /// <summary>The public honor roll row of a donor who shows amounts or is anonymous (not a name-only donor).</summary>
    public static HonorRollEntry EntryOf(Donor donor, int? campaignId, string? message, LedgerEntry entry, int delta) =>
        new()
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
        };

    /// <summary>
    /// Writes the donor's rows again from their receipts and reversals, by their display choice now: after the donor
    /// changed it, the honor roll follows for past gifts too (the statement's names are hashed and stay as they were).
    /// Run inside the caller's transaction; saves as it goes.
    /// </summary>
    public static async Task ReprojectAsync(ChildAidDbContext db, Donor donor, CancellationToken ct)
    {
        await db.HonorRollEntries.Where(h => h.DonorKey == donor.PublicKey).ExecuteDeleteAsync(ct);
        await db.HonorRollNames.Where(n => n.DonorKey == donor.PublicKey).ExecuteDeleteAsync(ct);
        var gifts = await db.Contributions.IgnoreQueryFilters().AsNoTracking().Where(c => c.DonorId == donor.Id)
            .Select(c => new { c.CampaignId, c.Message, c.LedgerSequence, Reversed = c.Reversal != null ? (long?)c.Reversal.LedgerSequence : null })
            .ToListAsync(ct);
        var moves = gifts.Select(g => (g.CampaignId, g.Message, Sequence: g.LedgerSequence, Delta: +1))
            .Concat(gifts.Where(g => g.Reversed is not null).Select(g => (g.CampaignId, g.Message, Sequence: g.Reversed!.Value, Delta: -1)))
            .OrderBy(m => m.Sequence).ToList();
        var sequences = moves.Select(m => m.Sequence).ToList();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => sequences.Contains(e.Sequence)).ToDictionaryAsync(e => e.Sequence, ct);
        foreach (var m in moves)
        {
            await AddAsync(db, donor, m.CampaignId, m.Message, entries[m.Sequence], m.Delta, ct);
            await db.SaveChangesAsync(ct); // a name-only donor's second gift to a campaign finds the first one's row
        }
    }
}
