using System.Globalization;
using System.Text;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>A tile or entry bundle named by a tlog-tiles path: level (−1 for entries), index, and width when partial.</summary>
public readonly record struct TileName(int Level, long Index, int? PartialWidth)
{
    public const int EntriesLevel = -1;
    public bool IsEntries => Level == EntriesLevel;
    public int Width => PartialWidth ?? LogTile.Width;
}

/// <summary>
/// The tlog-tiles arithmetic: which tiles a tree of a size has, how a tile index is written in a path
/// (<c>x001/x234/067</c>), and how a complete subtree's hash is read from a tile.
/// </summary>
public static class TileMath
{
    /// <summary>How many hashes the tree of <paramref name="treeSize"/> has at tile level <paramref name="level"/> (full subtrees of 256^level leaves).</summary>
    public static long HashesAtLevel(long treeSize, int level) => treeSize >> (LogTile.Height * level);

    /// <summary>"1234067" → "x001/x234/067"; "5" → "005".</summary>
    public static string FormatIndex(long index)
    {
        var groups = new List<string>();
        do
        {
            groups.Add((index % 1000).ToString("000", CultureInfo.InvariantCulture));
            index /= 1000;
        } while (index > 0);
        groups.Reverse();
        var sb = new StringBuilder();
        for (var i = 0; i < groups.Count; i++)
        {
            if (i > 0) sb.Append('/');
            if (i < groups.Count - 1) sb.Append('x');
            sb.Append(groups[i]);
        }
        return sb.ToString();
    }

    /// <summary>The path under the log prefix: <c>tile/0/x001/067.p/23</c>, <c>tile/entries/005</c>.</summary>
    public static string Path(TileName name) =>
        "tile/" + (name.IsEntries ? "entries" : name.Level.ToString(CultureInfo.InvariantCulture)) + "/" + FormatIndex(name.Index) +
        (name.PartialWidth is { } w ? ".p/" + w.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>
    /// Parses what follows <c>tile/</c> strictly as tlog-tiles writes it (no leading zeros in the level or width,
    /// three digits per group, <c>x</c> on every group but the last); null for anything else.
    /// </summary>
    public static TileName? Parse(string path)
    {
        var parts = path.Split('/');
        if (parts.Length < 2) return null;
        int level;
        if (parts[0] == "entries") level = TileName.EntriesLevel;
        else if (!TryPlainNumber(parts[0], 63, out level)) return null;

        int? width = null;
        var groups = parts.AsSpan(1);
        if (groups.Length >= 2 && groups[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!TryPlainNumber(groups[^1], LogTile.Width - 1, out var w) || w == 0) return null;
            width = w;
            groups[^2] = groups[^2][..^2];
            groups = groups[..^1];
        }
        long index = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var g = groups[i];
            var last = i == groups.Length - 1;
            if (!last)
            {
                if (!g.StartsWith('x')) return null;
                g = g[1..];
            }
            if (g.Length != 3 || !g.All(char.IsAsciiDigit)) return null;
            if (index > (long.MaxValue - 999) / 1000) return null;
            index = index * 1000 + int.Parse(g, CultureInfo.InvariantCulture);
        }
        // One spelling per tile: no leading "x000/" groups.
        if (groups.Length > 1 && groups[0] == "x000") return null;
        return new TileName(level, index, width);
    }

    private static bool TryPlainNumber(string s, int max, out int value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > 3 || !s.All(char.IsAsciiDigit) || (s.Length > 1 && s[0] == '0')) return false;
        value = int.Parse(s, CultureInfo.InvariantCulture);
        return value <= max;
    }

    /// <summary>The tile that holds the complete subtree (<paramref name="level"/>, <paramref name="index"/>), and where in it.</summary>
    public static (int TileLevel, long TileIndex, int Offset, int Count) Locate(int level, long index)
    {
        var tileLevel = level / LogTile.Height;
        var below = level % LogTile.Height;
        var first = index << below;
        return (tileLevel, first / LogTile.Width, (int)(first % LogTile.Width), 1 << below);
    }

    /// <summary>MTH of <paramref name="count"/> (a power of two) consecutive hashes of a tile starting at <paramref name="offset"/>.</summary>
    public static byte[] HashWithin(byte[] tileHashes, int offset, int count)
    {
        if ((offset + count) * MerkleTree.HashSize > tileHashes.Length)
            throw new InvalidOperationException("The tile does not hold that subtree yet: the tree is smaller than asked.");
        var level = new byte[count][];
        for (var i = 0; i < count; i++) level[i] = tileHashes.AsSpan((offset + i) * MerkleTree.HashSize, MerkleTree.HashSize).ToArray();
        while (level.Length > 1)
        {
            var up = new byte[level.Length / 2][];
            for (var i = 0; i < up.Length; i++) up[i] = MerkleTree.NodeHash(level[2 * i], level[2 * i + 1]);
            level = up;
        }
        return level[0];
    }
}
