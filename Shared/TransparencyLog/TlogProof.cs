using System.Globalization;
using System.Text;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>A parsed C2SP tlog-proof@v1 file: the entry's index, its inclusion proof, and the checkpoint note it is proved against.</summary>
public sealed record TlogProof(long Index, IReadOnlyList<byte[]> Proof, string CheckpointNote, byte[]? Extra = null)
{
    public const string Header = "c2sp.org/tlog-proof@v1";

    public static string Format(long index, IReadOnlyList<byte[]> proof, string checkpointNote)
    {
        var sb = new StringBuilder().Append(Header).Append('\n').Append("index ").Append(index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in proof) sb.Append(Convert.ToBase64String(hash)).Append('\n');
        return sb.Append('\n').Append(checkpointNote).ToString();
    }

    public static TlogProof? Parse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 3 || lines[0] != Header) return null;
        var i = 1;
        byte[]? extra = null;
        try
        {
            if (lines[i].StartsWith("extra ", StringComparison.Ordinal)) extra = Convert.FromBase64String(lines[i++]["extra ".Length..]);
            if (!lines[i].StartsWith("index ", StringComparison.Ordinal) ||
                !long.TryParse(lines[i++]["index ".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                return null;
            var proof = new List<byte[]>();
            while (i < lines.Length && lines[i].Length > 0) proof.Add(Convert.FromBase64String(lines[i++]));
            if (i >= lines.Length || proof.Any(p => p.Length != MerkleTree.HashSize)) return null;
            return new TlogProof(index, proof, string.Join('\n', lines[(i + 1)..]), extra);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
