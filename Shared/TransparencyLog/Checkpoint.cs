using System.Globalization;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>The note text of a C2SP tlog-checkpoint: origin, tree size, base64 root, each on its own line.</summary>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash)
{
    public string Text => $"{Origin}\n{TreeSize.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n";

    /// <summary>Parses a verified note's text; extension lines are allowed and ignored.</summary>
    public static Checkpoint? Parse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 4 || lines[^1] != "" || lines[..^1].Any(l => l.Length == 0)) return null;
        if (lines[1].Length == 0 || (lines[1].Length > 1 && lines[1][0] == '0') || !lines[1].All(char.IsAsciiDigit)
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            return null;
        byte[] root;
        try { root = Convert.FromBase64String(lines[2]); }
        catch (FormatException) { return null; }
        return root.Length == MerkleTree.HashSize ? new Checkpoint(lines[0], size, root) : null;
    }
}
