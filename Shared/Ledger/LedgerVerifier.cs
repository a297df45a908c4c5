namespace ChildAid.Shared.Ledger;

/// <summary>The result of re-computing the chain: how many entries held, and the first one that does not.</summary>
public sealed record LedgerVerification(long EntriesChecked, long? FirstBrokenSequence, string? Problem)
{
    public bool IsIntact => FirstBrokenSequence is null && Problem is null;
}

/// <summary>
/// Re-computes every hash in order and checks each entry chains to the one before. The same code checks the
/// database and a downloaded statement CSV, so "verified" means the same thing for staff and the public.
/// </summary>
public static class LedgerVerifier
{
    public static async Task<LedgerVerification> VerifyAsync(IAsyncEnumerable<LedgerEntry> entriesInOrder, string? expectedLastHash = null, CancellationToken ct = default)
    {
        long expectedSequence = 1;
        var previousHash = LedgerCanonicalForm.GenesisHash;
        long count = 0;
        await foreach (var e in entriesInOrder.WithCancellation(ct))
        {
            if (e.Sequence != expectedSequence)
                return new(count, e.Sequence, $"expected sequence {expectedSequence}, found {e.Sequence} (an entry is missing or out of order)");
            if (!string.Equals(e.PreviousHash.Trim(), previousHash, StringComparison.Ordinal))
                return new(count, e.Sequence, "previous_hash does not match the hash of the entry before it");
            var recomputed = LedgerCanonicalForm.ComputeHash(e);
            if (!string.Equals(recomputed, e.Hash.Trim(), StringComparison.Ordinal))
                return new(count, e.Sequence, $"content does not match its hash (stored {e.Hash.Trim()}, recomputed {recomputed})");
            previousHash = recomputed;
            expectedSequence++;
            count++;
        }
        if (expectedLastHash is not null && !string.Equals(expectedLastHash.Trim(), previousHash, StringComparison.Ordinal))
            return new(count, count + 1, "the ledger head points past the last entry: entries were removed from the end");
        return new(count, null, null);
    }
}
