namespace ChildAid.Shared.Ledger;

/// <summary>
/// The result of re-computing the chain: how many entries held, and the first one that does not. An entry in a
/// version or of a kind this code does not know is <see cref="IsUnknown"/>: not proven broken, but not verifiable here.
/// </summary>
public sealed record LedgerVerification(long EntriesChecked, long? FirstBrokenSequence, string? Problem, bool IsUnknown = false)
{
    public bool IsIntact => FirstBrokenSequence is null && Problem is null;
    /// <summary>Entries per format version, among those checked.</summary>
    public long V1Entries { get; init; }
    public long V2Entries { get; init; }
    /// <summary>v2 entries whose name and salt were erased: their commitment is still hashed.</summary>
    public long ErasedNames { get; init; }
}

/// <summary>
/// Re-computes every hash in order and checks each entry chains to the one before; on v2 entries also checks the
/// published name against its commitment. The same code checks the database and a downloaded statement CSV,
/// so "verified" means the same thing for staff and the public.
/// </summary>
public static class LedgerVerifier
{
    public static async Task<LedgerVerification> VerifyAsync(IAsyncEnumerable<LedgerEntry> entriesInOrder, string? expectedLastHash = null, CancellationToken ct = default)
    {
        long expectedSequence = 1;
        var previousHash = LedgerCanonicalForm.GenesisHash;
        long count = 0, v1 = 0, v2 = 0, erased = 0;
        LedgerVerification Result(long? broken, string? problem, bool unknown = false) =>
            new(count, broken, problem, unknown) { V1Entries = v1, V2Entries = v2, ErasedNames = erased };

        await foreach (var e in entriesInOrder.WithCancellation(ct))
        {
            if (e.Sequence != expectedSequence)
                return Result(e.Sequence, $"expected sequence {expectedSequence}, found {e.Sequence} (an entry is missing or out of order)");
            if (!LedgerCanonicalForm.IsKnownVersion(e.FormatVersion))
                return Result(e.Sequence, $"unknown format version {e.FormatVersion}: this verifier knows versions 1 and 2", unknown: true);
            if (!LedgerCanonicalForm.IsKnownKind(e.FormatVersion, e.Kind))
                return Result(e.Sequence, $"unknown kind for format version {e.FormatVersion}: this verifier knows " +
                    (e.FormatVersion == 1 ? "receipt, reversal" : "receipt, reversal, allocation, expense, stock_movement, distribution"), unknown: true);
            if (!string.Equals(e.PreviousHash.Trim(), previousHash, StringComparison.Ordinal))
                return Result(e.Sequence, "previous_hash does not match the hash of the entry before it");
            var recomputed = LedgerCanonicalForm.ComputeHash(e);
            if (!string.Equals(recomputed, e.Hash.Trim(), StringComparison.Ordinal))
                return Result(e.Sequence, $"content does not match its hash (stored {e.Hash.Trim()}, recomputed {recomputed})");
            if (e.FormatVersion >= 2)
            {
                if (NameProblem(e) is { } problem) return Result(e.Sequence, problem);
                if (IsErased(e)) erased++;
                v2++;
            }
            else v1++;
            previousHash = recomputed;
            expectedSequence++;
            count++;
        }
        if (expectedLastHash is not null && !string.Equals(expectedLastHash.Trim(), previousHash, StringComparison.Ordinal))
            return Result(count + 1, "the ledger head points past the last entry: entries were removed from the end");
        return Result(null, null);
    }

    private static bool IsErased(LedgerEntry e) =>
        string.IsNullOrEmpty(e.DonorDisplay) && string.IsNullOrEmpty(e.DonorSalt) && !string.IsNullOrEmpty(e.DonorCommitment);

    /// <summary>A v2 name is published with its salt and must match the hashed commitment; an erased one has neither.</summary>
    private static string? NameProblem(LedgerEntry e)
    {
        var name = e.DonorDisplay ?? "";
        var salt = e.DonorSalt ?? "";
        var commitment = e.DonorCommitment ?? "";
        if (name.Length == 0 && salt.Length == 0) return null; // anonymous, or erased with the commitment kept
        if (name.Length == 0) return "a salt is published without its name";
        if (commitment.Length == 0) return "a name is published but the entry commits to none";
        if (salt.Length == 0) return "a name is published without its salt, so it cannot be checked against its commitment";
        return LedgerNameCommitment.Matches(salt, name, commitment) ? null : "the published name does not match its commitment";
    }
}
