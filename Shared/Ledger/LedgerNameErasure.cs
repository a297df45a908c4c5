using System.Text.Json;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.HonorRoll;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Ledger;

/// <summary>What an erasure did: v2 entries whose name and salt are gone, and v1 entries that had to keep theirs.</summary>
public sealed record NameErasure(int DonorId, IReadOnlyList<long> ErasedSequences, IReadOnlyList<long> KeptV1Sequences);

/// <summary>What an erasure would do now: v2 entries that still show the name, v1 entries that must keep it, entries already erased.</summary>
public sealed record NameErasurePreview(int Erasable, int KeptV1, int AlreadyErased);

/// <summary>
/// A donor's right to have their name erased (Vietnam's Personal Data Protection Law, Decree 13/2023): every v2
/// ledger entry of theirs loses its shown name and salt (set to NULL, the only UPDATE the database triggers allow),
/// keeping the commitment its hash covers, so the chain still verifies; their honor roll rows turn anonymous and
/// they stay anonymous from now on. v1 entries hashed the name itself and cannot lose it without breaking the chain.
/// The erasure is audited without the name.
/// </summary>
public class LedgerNameErasure(ChildAidDbContext db, AuditActor actor, TimeProvider clock)
{
    /// <summary>What <see cref="EraseDonorNameAsync"/> would do for this donor now; null when the donor is not found.</summary>
    public async Task<NameErasurePreview?> PreviewAsync(int donorId, CancellationToken ct = default)
    {
        if (!await db.Donors.AnyAsync(d => d.Id == donorId, ct)) return null;
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => DonorSequences(donorId).Contains(e.Sequence))
            .Select(e => new { e.FormatVersion, e.DonorDisplay, e.DonorCommitment }).ToListAsync(ct);
        return new NameErasurePreview(
            entries.Count(e => e.FormatVersion >= 2 && !string.IsNullOrEmpty(e.DonorDisplay)),
            entries.Count(e => e.FormatVersion < 2 && !string.IsNullOrEmpty(e.DonorDisplay)),
            entries.Count(e => e.DonorDisplay is null && e.DonorCommitment is not null));
    }

    /// <param name="reason">Why (e.g. "Đơn yêu cầu của nhà tài trợ ngày 01/12/2026"), kept in the audit row; staff must give one.</param>
    public async Task<NameErasure?> EraseDonorNameAsync(int donorId, string? reason = null, CancellationToken ct = default)
    {
        var donor = await db.Donors.FirstOrDefaultAsync(d => d.Id == donorId, ct);
        if (donor is null) return null;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Never tracked: the context refuses to save a changed ledger entry; this is the one permitted UPDATE.
        var named = await db.LedgerEntries.AsNoTracking()
            .Where(e => DonorSequences(donorId).Contains(e.Sequence) && e.DonorDisplay != null && e.DonorDisplay != "")
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var erased = new List<long>();
        foreach (var entry in named.Where(e => e.FormatVersion >= 2))
        {
            entry.DonorDisplay = null;
            var searchText = LedgerWriter.SearchTextOf(entry);
            await db.LedgerEntries.Where(e => e.Sequence == entry.Sequence).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.DonorDisplay, (string?)null)
                .SetProperty(e => e.DonorSalt, (string?)null)
                .SetProperty(e => e.SearchText, searchText), ct);
            erased.Add(entry.Sequence);
        }
        await db.HonorRollEntries.Where(h => h.DonorKey == donor.PublicKey)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.DisplayName, "").SetProperty(h => h.Message, (string?)null), ct);
        await db.HonorRollNames.Where(n => n.DonorKey == donor.PublicKey).ExecuteDeleteAsync(ct);

        donor.DisplayChoice = DisplayChoice.Anonymous;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = actor.UserId,
            Actor = actor.Name,
            EntityType = nameof(LedgerEntry),
            EntityKey = $"donor {donorId}",
            Action = EraseNameAction,
            // Read within the donor's unit like the rest of their trail; labelled by number, never by the erased name.
            AdminUnitId = donor.AdminUnitId,
            Label = $"số {donorId}",
            After = JsonSerializer.Serialize(new
            {
                erasedSequences = erased, keptV1Sequences = named.Where(e => e.FormatVersion < 2).Select(e => e.Sequence),
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            }),
        });
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE public_data_versions SET version = version + 1 WHERE id = 1", ct);
        await tx.CommitAsync(ct);
        return new NameErasure(donorId, erased, named.Where(e => e.FormatVersion < 2).Select(e => e.Sequence).ToList());
    }

    /// <summary>The audit action of an erasure (AuditEntry.Action).</summary>
    public const string EraseNameAction = "EraseName";

    /// <summary>The ledger entries of a donor's receipts and of their reversals, whichever unit received them.</summary>
    private IQueryable<long> DonorSequences(int donorId)
    {
        var receipts = db.Contributions.IgnoreQueryFilters().Where(c => c.DonorId == donorId);
        return receipts.Select(c => c.LedgerSequence)
            .Concat(db.ContributionReversals.Where(r => receipts.Any(c => c.Id == r.ContributionId)).Select(r => r.LedgerSequence));
    }
}
