using ChildAid.Shared.Data;
using ChildAid.Shared.Text;

namespace ChildAid.Shared.Ledger;

/// <summary>The place in the chain an appender holds: its sequence number and the hash it must chain to.</summary>
public readonly record struct LedgerSlot(long Sequence, string PreviousHash);

/// <summary>
/// Appends entries to the hash chain. <see cref="ReserveSlotAsync"/> must run first inside the caller's
/// transaction: its UPDATE takes the head row's lock (PostgreSQL) or the write lock (SQLite), so every
/// appender waits its turn and no two entries share a sequence or a previous hash.
/// </summary>
public class LedgerWriter(ChildAidDbContext db, TimeProvider clock)
{
    public async Task<LedgerSlot> ReserveSlotAsync(CancellationToken ct = default)
    {
        await using var cmd = db.Command(
            "UPDATE ledger_heads SET last_sequence = last_sequence + 1 WHERE id = 1 RETURNING last_sequence, last_hash");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The ledger head row is missing: run the migrations.");
        return new LedgerSlot(reader.GetInt64(0), reader.GetString(1).Trim());
    }

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive places at once for a batch (one UPDATE, same lock as
    /// <see cref="ReserveSlotAsync"/>): the first place's slot; the batch chains the rest itself with <see cref="Seal"/>
    /// and ends with <see cref="MoveHeadAsync"/>.
    /// </summary>
    public async Task<LedgerSlot> ReserveSlotsAsync(int count, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        await using var cmd = db.Command(
            "UPDATE ledger_heads SET last_sequence = last_sequence + @count WHERE id = 1 RETURNING last_sequence, last_hash", ("@count", count));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The ledger head row is missing: run the migrations.");
        return new LedgerSlot(reader.GetInt64(0) - count + 1, reader.GetString(1).Trim());
    }

    /// <summary>Takes the head's lock without taking a place (a run that may book nothing, or many, later in its transaction).</summary>
    public async Task LockAsync(CancellationToken ct = default)
    {
        await using var cmd = db.Command("UPDATE ledger_heads SET last_sequence = last_sequence WHERE id = 1");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The head's hash after a batch: the last sealed entry's.</summary>
    public async Task MoveHeadAsync(string hash, CancellationToken ct = default)
    {
        await using var cmd = db.Command("UPDATE ledger_heads SET last_hash = @hash WHERE id = 1", ("@hash", hash));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Fills in the chain fields of <paramref name="entry"/>, adds it to the context and moves the head. The caller saves and commits.</summary>
    public async Task<LedgerEntry> WriteAsync(LedgerSlot slot, LedgerEntry entry, CancellationToken ct = default)
    {
        Seal(slot, entry);
        db.LedgerEntries.Add(entry);
        await MoveHeadAsync(entry.Hash, ct);
        return entry;
    }

    /// <summary>
    /// Fills in the chain fields of <paramref name="entry"/> at <paramref name="slot"/> without adding it anywhere: the
    /// batch path writes the entries itself. The next entry's slot is (Sequence + 1, this entry's Hash).
    /// </summary>
    public LedgerEntry Seal(LedgerSlot slot, LedgerEntry entry)
    {
        if (entry.Quantity is { } q && decimal.Round(q, 3) != q)
            throw new ArgumentException("A ledger quantity has at most 3 decimals (what both databases store).", nameof(entry));
        if (!LedgerDocuments.IsCanonical(entry.Documents))
            throw new ArgumentException("Ledger documents are written by LedgerDocuments.Format (sorted lower-case SHA-256 hex, commas).", nameof(entry));
        if (entry.Documents is { Length: 0 }) entry.Documents = null;
        entry.Sequence = slot.Sequence;
        entry.PreviousHash = slot.PreviousHash;
        entry.FormatVersion = LedgerCanonicalForm.CurrentVersion;
        entry.RecordedAt = LedgerCanonicalForm.TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime);
        entry.Description = entry.Description.Normalize();
        entry.DonorDisplay = (entry.DonorDisplay ?? "").Normalize();
        // The name is hashed as a salted commitment, so it can later be erased without breaking the chain.
        entry.DonorSalt = entry.DonorDisplay.Length == 0 ? null : LedgerNameCommitment.NewSalt();
        entry.DonorCommitment = entry.DonorSalt is null ? null : LedgerNameCommitment.Compute(entry.DonorSalt, entry.DonorDisplay);
        entry.Hash = LedgerCanonicalForm.ComputeHash(entry);
        entry.SearchText = SearchTextOf(entry);
        return entry;
    }

    /// <summary>What statement search matches: the shown name (if any), the description and the receipt number, folded.</summary>
    public static string SearchTextOf(LedgerEntry entry) =>
        TextFolding.Fold($"{entry.DonorDisplay} {entry.Description} {entry.ReceiptNumber}");
}
