using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>
/// Roots and proofs of the tree stored as tiles, from either context (BackOffice's or PublicSite's). A proof touches
/// a few tiles only: the computation is run once to learn which (it depends on sizes, never on hash values), those
/// tiles are read in one query per level, and the computation runs again on them.
/// </summary>
public sealed class StoredTree(IQueryable<LogTile> tiles)
{
    public Task<byte[]> RootAsync(long treeSize, CancellationToken ct = default) =>
        RunAsync(hashes => MerkleTree.Root(treeSize, hashes), ct);

    public Task<List<byte[]>> InclusionProofAsync(long index, long treeSize, CancellationToken ct = default) =>
        RunAsync(hashes => MerkleTree.InclusionProof(index, treeSize, hashes), ct);

    public Task<List<byte[]>> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken ct = default) =>
        RunAsync(hashes => MerkleTree.ConsistencyProof(oldSize, newSize, hashes), ct);

    private async Task<T> RunAsync<T>(Func<SubtreeHash, T> compute, CancellationToken ct)
    {
        var needed = new HashSet<(int Level, long Index)>();
        compute((level, index) =>
        {
            var (tileLevel, tileIndex, _, _) = TileMath.Locate(level, index);
            needed.Add((tileLevel, tileIndex));
            return new byte[MerkleTree.HashSize];
        });
        var loaded = new Dictionary<(int, long), byte[]>();
        foreach (var group in needed.GroupBy(n => n.Level))
        {
            var level = group.Key;
            var indexes = group.Select(n => n.Index).ToList();
            foreach (var tile in await tiles.AsNoTracking().Where(t => t.Level == level && indexes.Contains(t.TileIndex)).ToListAsync(ct))
                loaded[(tile.Level, tile.TileIndex)] = tile.Hashes;
        }
        return compute((level, index) =>
        {
            var (tileLevel, tileIndex, offset, count) = TileMath.Locate(level, index);
            if (!loaded.TryGetValue((tileLevel, tileIndex), out var hashes))
                throw new InvalidOperationException($"Tile {tileLevel}/{tileIndex} is missing: the stored tree is smaller than asked.");
            return TileMath.HashWithin(hashes, offset, count);
        });
    }
}
