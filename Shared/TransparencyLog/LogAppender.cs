using System.Globalization;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>What one catch-up did: the tree's size before and after, or why it stopped.</summary>
public sealed record LogCatchUp(long SizeBefore, long SizeAfter, string? Problem)
{
    public long Appended => SizeAfter - SizeBefore;
}

/// <summary>
/// Brings the Merkle tree up to the ledger: the entries after the tree's size, in sequence order, become leaves; only
/// the right-edge tiles change (a level-0 tile that fills up adds its hash to level 1, and so on), so appending never
/// rebuilds the tree. Runs under its own lock (the <c>log_heads</c> row), in batches, each batch one transaction, so
/// several BackOffice nodes and the CLI may run it at once. An entry whose content does not match its hash, or that
/// does not chain to the one before, is not logged: the log must never commit to a rewritten ledger.
/// </summary>
public sealed class LogAppender(ChildAidDbContext db)
{
    public const int DefaultBatch = 10_000;

    public async Task<LogCatchUp> CatchUpAsync(int batchSize = DefaultBatch, CancellationToken ct = default)
    {
        var start = await TreeSizeAsync(ct);
        var size = start;
        while (true)
        {
            var (after, problem, more) = await AppendBatchAsync(batchSize, ct);
            size = after;
            if (problem is not null || !more) return new LogCatchUp(start, size, problem);
        }
    }

    public async Task<long> TreeSizeAsync(CancellationToken ct = default) =>
        (await db.LogHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct)).TreeSize;

    private async Task<(long Size, string? Problem, bool More)> AppendBatchAsync(int batchSize, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        long size;
        await using (var lockHead = db.Command("UPDATE log_heads SET tree_size = tree_size WHERE id = 1 RETURNING tree_size"))
            size = Convert.ToInt64(await lockHead.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);

        var entries = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.Sequence > size).OrderBy(e => e.Sequence).Take(batchSize).ToListAsync(ct);
        if (entries.Count == 0) return (size, null, false);

        var previousHash = size == 0
            ? LedgerCanonicalForm.GenesisHash
            : (await db.LedgerEntries.AsNoTracking().Where(e => e.Sequence == size).Select(e => e.Hash).SingleAsync(ct)).Trim();
        var edge = await RightEdge.LoadAsync(db, size, ct);
        string? problem = null;
        foreach (var entry in entries)
        {
            if (CheckChain(entry, size + 1, previousHash) is { } why)
            {
                problem = $"ledger entry {entry.Sequence} is not logged: {why}";
                break;
            }
            var bytes = LogEntryBytes.Of(entry);
            edge.Append(MerkleTree.LeafHash(bytes));
            previousHash = entry.Hash.Trim();
            size++;
        }
        edge.SaveTo(db);
        await db.SaveChangesAsync(ct);
        await using (var move = db.Command("UPDATE log_heads SET tree_size = @size WHERE id = 1", ("@size", size)))
            await move.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (size, problem, problem is null && entries.Count == batchSize);
    }

    private static string? CheckChain(LedgerEntry entry, long expectedSequence, string previousHash)
    {
        if (entry.Sequence != expectedSequence) return $"expected sequence {expectedSequence} (an entry is missing)";
        if (!LedgerCanonicalForm.IsKnownVersion(entry.FormatVersion) || !LedgerCanonicalForm.IsKnownKind(entry.FormatVersion, entry.Kind))
            return "its format version or kind is unknown to this code";
        if (!string.Equals(entry.PreviousHash.Trim(), previousHash, StringComparison.Ordinal))
            return "previous_hash does not match the hash of the entry before it";
        if (!string.Equals(LedgerCanonicalForm.ComputeHash(entry), entry.Hash.Trim(), StringComparison.Ordinal))
            return "its content does not match its hash";
        return null;
    }

    /// <summary>The partial tile of each level of the tree (the only ones an append changes), grown in memory and saved once.</summary>
    private sealed class RightEdge
    {
        private readonly List<LogTile> _tiles = []; // index = tile level
        private readonly HashSet<LogTile> _existing = [];
        private readonly List<byte[]>[] _pending;
        private readonly HashSet<LogTile> _changed = [];

        private RightEdge(int levels) => _pending = new List<byte[]>[levels];

        public static async Task<RightEdge> LoadAsync(ChildAidDbContext db, long size, CancellationToken ct)
        {
            var edge = new RightEdge(8);
            for (var level = 0; level < 8; level++)
            {
                var count = TileMath.HashesAtLevel(size, level);
                var index = count / LogTile.Width;
                var tile = count % LogTile.Width == 0
                    ? null
                    : await db.LogTiles.SingleOrDefaultAsync(t => t.Level == level && t.TileIndex == index, ct);
                if (tile is not null) edge._existing.Add(tile);
                tile ??= new LogTile { Level = level, TileIndex = index };
                edge._tiles.Add(tile);
                edge._pending[level] = [];
            }
            return edge;
        }

        public void Append(byte[] leafHash) => Add(0, leafHash);

        private void Add(int level, byte[] hash)
        {
            var tile = _tiles[level];
            _pending[level].Add(hash);
            _changed.Add(tile);
            if (tile.HashCount + _pending[level].Count < LogTile.Width) return;

            Flush(level);
            // A full tile is hashed into the level above and never touched again.
            Add(level + 1, TileMath.HashWithin(tile.Hashes, 0, LogTile.Width));
            _tiles[level] = new LogTile { Level = level, TileIndex = tile.TileIndex + 1 };
        }

        private void Flush(int level)
        {
            var tile = _tiles[level];
            if (_pending[level].Count == 0) return;
            tile.Hashes = [.. tile.Hashes, .. _pending[level].SelectMany(h => h)];
            _pending[level].Clear();
        }

        public void SaveTo(ChildAidDbContext db)
        {
            for (var level = 0; level < _tiles.Count; level++) Flush(level);
            foreach (var tile in _changed)
                if (!_existing.Contains(tile)) db.LogTiles.Add(tile);
        }
    }
}
