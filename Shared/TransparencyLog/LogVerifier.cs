using System.Security.Cryptography;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>One entry as a verifier reads it: its canonical bytes, and the hash the statement recorded for it when the source has one.</summary>
public readonly record struct LoggedEntry(long Sequence, byte[] Bytes, string? RecordedHash);

/// <summary>The verdict of <see cref="LogVerifier"/>: what was checked, or the first thing that failed.</summary>
public sealed record LogVerification(Checkpoint? Checkpoint, string? Problem, long? EarlierSize = null)
{
    public bool IsIntact => Problem is null;
}

/// <summary>
/// What <c>verify-log</c> checks, whoever serves the entries (the database or a site's entry bundles): the checkpoint
/// carries a valid signature by the trusted key; the entries, hashed as RFC 6962 leaves, give exactly its root; and an
/// earlier checkpoint the user saved is a prefix of it (its root is the root of the first entries: the log was only
/// ever appended to). Recomputing from the entries is a stronger check than a consistency proof and needs no trust in
/// the log's tiles.
/// </summary>
public static class LogVerifier
{
    public static async Task<LogVerification> VerifyAsync(string checkpointNote, NoteVerifier key, IAsyncEnumerable<LoggedEntry> entries,
        string? earlierNote = null, CancellationToken ct = default)
    {
        var opened = SignedNote.Open(checkpointNote, key);
        if (!opened.Verified) return new(null, $"checkpoint: {opened.Problem}");
        if (Checkpoint.Parse(opened.Text!) is not { } checkpoint) return new(null, "checkpoint: not a tlog-checkpoint (origin, size, base64 root)");

        Checkpoint? earlier = null;
        if (earlierNote is not null)
        {
            var earlierOpened = SignedNote.Open(earlierNote, key);
            if (!earlierOpened.Verified) return new(checkpoint, $"earlier checkpoint: {earlierOpened.Problem}");
            earlier = Checkpoint.Parse(earlierOpened.Text!);
            if (earlier is null) return new(checkpoint, "earlier checkpoint: not a tlog-checkpoint");
            if (earlier.Origin != checkpoint.Origin) return new(checkpoint, $"earlier checkpoint is of another log ({earlier.Origin})");
            if (earlier.TreeSize > checkpoint.TreeSize)
                return new(checkpoint, $"the log shrank: the earlier checkpoint has {earlier.TreeSize} entries, this one {checkpoint.TreeSize}");
        }

        var frontier = new MerkleFrontier();
        if (earlier is { TreeSize: 0 } && !earlier.RootHash.AsSpan().SequenceEqual(MerkleTree.EmptyRoot()))
            return new(checkpoint, "the earlier checkpoint's root is not the root of the empty tree");
        await foreach (var entry in entries.WithCancellation(ct))
        {
            if (frontier.Size == checkpoint.TreeSize) break;
            if (entry.Sequence != frontier.Size + 1) return new(checkpoint, $"entry {frontier.Size + 1} is missing (found {entry.Sequence})");
            if (entry.RecordedHash is { } recorded && !string.Equals(Convert.ToHexStringLower(SHA256.HashData(entry.Bytes)), recorded.Trim(), StringComparison.Ordinal))
                return new(checkpoint, $"entry {entry.Sequence} no longer hashes to the hash recorded for it: its content was changed");
            frontier.Append(MerkleTree.LeafHash(entry.Bytes));
            if (earlier is not null && frontier.Size == earlier.TreeSize && !frontier.Root().AsSpan().SequenceEqual(earlier.RootHash))
                return new(checkpoint, $"not consistent with the earlier checkpoint: the first {earlier.TreeSize} entries no longer give its root (history was rewritten)");
        }
        if (frontier.Size < checkpoint.TreeSize) return new(checkpoint, $"only {frontier.Size} of the checkpoint's {checkpoint.TreeSize} entries are there");
        if (!frontier.Root().AsSpan().SequenceEqual(checkpoint.RootHash))
            return new(checkpoint, $"the {checkpoint.TreeSize} entries do not give the checkpoint's root: an entry was changed, removed or reordered");
        return new(checkpoint, null, earlier?.TreeSize);
    }
}
