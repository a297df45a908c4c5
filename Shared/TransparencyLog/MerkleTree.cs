using System.Numerics;
using System.Security.Cryptography;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>
/// The hash of the complete subtree of 2^<paramref name="level"/> leaves that starts at leaf
/// <paramref name="index"/> × 2^<paramref name="level"/> (level 0 = the leaf hashes). Tiles answer it from the
/// database; tests answer it from a list of leaves.
/// </summary>
public delegate byte[] SubtreeHash(int level, long index);

/// <summary>
/// The Merkle tree of RFC 6962 §2.1 (RFC 9162 §2.1): leaf hash SHA-256(0x00 ‖ entry), node hash SHA-256(0x01 ‖ left ‖ right),
/// a tree of n leaves split at the largest power of two below n. Proofs are built from complete subtrees only
/// (<see cref="SubtreeHash"/>), so a tree stored as tiles answers any of them without being rebuilt; the verifiers
/// are RFC 9162's algorithms (§2.1.3.2 and §2.1.4.2) and need nothing but the proof.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        var buffer = new byte[entry.Length + 1];
        entry.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * HashSize];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>SHA-256 of nothing: the root of the empty tree.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    public static byte[] Root(long treeSize, SubtreeHash hashes) =>
        treeSize == 0 ? EmptyRoot() : RangeHash(0, treeSize, hashes);

    /// <summary>RFC 6962 PATH(m, D[n]): from the leaf's sibling up to the root's child.</summary>
    public static List<byte[]> InclusionProof(long index, long treeSize, SubtreeHash hashes)
    {
        if (index < 0 || index >= treeSize) throw new ArgumentOutOfRangeException(nameof(index), index, $"not a leaf of a tree of {treeSize}");
        var proof = new List<byte[]>();
        Path(index, 0, treeSize, hashes, proof);
        return proof;
    }

    /// <summary>RFC 6962 PROOF(m, D[n]); empty when <paramref name="oldSize"/> is 0 or equals <paramref name="newSize"/>.</summary>
    public static List<byte[]> ConsistencyProof(long oldSize, long newSize, SubtreeHash hashes)
    {
        if (oldSize < 0 || oldSize > newSize) throw new ArgumentOutOfRangeException(nameof(oldSize), oldSize, $"not a size up to {newSize}");
        var proof = new List<byte[]>();
        if (oldSize > 0 && oldSize < newSize) SubProof(oldSize, 0, newSize, complete: true, hashes, proof);
        return proof;
    }

    /// <summary>MTH(D[start:end]) of a node of the tree: complete subtrees come from the store, the right edge is hashed here.</summary>
    public static byte[] RangeHash(long start, long end, SubtreeHash hashes)
    {
        var n = end - start;
        if (BitOperations.IsPow2(n) && start % n == 0) return hashes(BitOperations.Log2((ulong)n), start / n);
        var k = LargestPowerOfTwoBelow(n);
        return NodeHash(RangeHash(start, start + k, hashes), RangeHash(start + k, end, hashes));
    }

    private static void Path(long index, long start, long end, SubtreeHash hashes, List<byte[]> proof)
    {
        var n = end - start;
        if (n == 1) return;
        var k = LargestPowerOfTwoBelow(n);
        if (index - start < k)
        {
            Path(index, start, start + k, hashes, proof);
            proof.Add(RangeHash(start + k, end, hashes));
        }
        else
        {
            Path(index, start + k, end, hashes, proof);
            proof.Add(RangeHash(start, start + k, hashes));
        }
    }

    private static void SubProof(long m, long start, long end, bool complete, SubtreeHash hashes, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete) proof.Add(RangeHash(start, end, hashes));
            return;
        }
        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, hashes, proof);
            proof.Add(RangeHash(start + k, end, hashes));
        }
        else
        {
            SubProof(m - k, start + k, end, complete: false, hashes, proof);
            proof.Add(RangeHash(start, start + k, hashes));
        }
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2).</summary>
    public static long LargestPowerOfTwoBelow(long n) => 1L << BitOperations.Log2((ulong)(n - 1));

    /// <summary>RFC 9162 §2.1.3.2: does <paramref name="proof"/> bind the leaf at <paramref name="index"/> to <paramref name="root"/>?</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long treeSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= treeSize || leafHash.Length != HashSize || root.Length != HashSize) return false;
        long fn = index, sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (p.Length != HashSize || sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else r = NodeHash(r, p);
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>RFC 9162 §2.1.4.2: is the tree of <paramref name="newSize"/> an extension of the one of <paramref name="oldSize"/>?</summary>
    public static bool VerifyConsistency(long oldSize, long newSize, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot, IReadOnlyList<byte[]> proof)
    {
        if (oldSize < 0 || oldSize > newSize || oldRoot.Length != HashSize || newRoot.Length != HashSize) return false;
        if (oldSize == newSize) return proof.Count == 0 && oldRoot.SequenceEqual(newRoot);
        if (oldSize == 0) return proof.Count == 0 && oldRoot.SequenceEqual(EmptyRoot());
        if (proof.Count == 0 || proof.Any(p => p.Length != HashSize)) return false;

        List<byte[]> path = BitOperations.IsPow2(oldSize) ? [oldRoot.ToArray(), .. proof] : [.. proof];
        long fn = oldSize - 1, sn = newSize - 1;
        while ((fn & 1) == 1) { fn >>= 1; sn >>= 1; }
        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else sr = NodeHash(sr, c);
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, oldRoot) && CryptographicOperations.FixedTimeEquals(sr, newRoot);
    }

    /// <summary>A <see cref="SubtreeHash"/> over leaf hashes held in memory (tests, verifiers that fetched every entry).</summary>
    public static SubtreeHash Over(IReadOnlyList<byte[]> leafHashes) => (level, index) =>
    {
        var size = 1L << level;
        return Naive(leafHashes, index * size, index * size + size);
    };

    /// <summary>MTH straight from RFC 6962's recursive definition: the reference the stored tree is tested against.</summary>
    public static byte[] Naive(IReadOnlyList<byte[]> leafHashes, long start, long end)
    {
        var n = end - start;
        if (n == 0) return EmptyRoot();
        if (n == 1) return leafHashes[(int)start];
        var k = LargestPowerOfTwoBelow(n);
        return NodeHash(Naive(leafHashes, start, start + k), Naive(leafHashes, start + k, end));
    }
}
