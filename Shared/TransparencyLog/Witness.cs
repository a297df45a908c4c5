using System.Globalization;
using NSec.Cryptography;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>What a witness answers to <c>add-checkpoint</c>: the HTTP status, content type and body.</summary>
public sealed record WitnessReply(int Status, string ContentType, string Body);

/// <summary>
/// The witness side of C2SP tlog-witness <c>add-checkpoint</c>, for one log: it trusts one log key, remembers the
/// latest size and root it cosigned, and cosigns a checkpoint only when it is signed by that key and proved consistent
/// with what it cosigned before — 404 for another origin, 403 without a valid log signature, 400 when old &gt; size,
/// 409 (<c>text/x.tlog.size</c>, the size it holds) when old is not that size, 422 when the proof fails. The check and
/// the update of its state are one atomic step. The demo (<c>run</c>) hosts one so a newcomer sees cosignatures; a
/// real witness is run by someone else (a province office, a university), with software of their choice.
/// </summary>
public sealed class Witness(NoteVerifier log, string name, Key key, TimeProvider clock)
{
    public const string SizeType = "text/x.tlog.size";
    private readonly Lock _gate = new();
    private long _size;
    private byte[] _root = MerkleTree.EmptyRoot();

    public WitnessKey CosignerKey { get; } = new(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    public (long Size, byte[] Root) State
    {
        get { lock (_gate) return (_size, _root); }
    }

    /// <summary>Restores the state a witness kept (it must persist what it cosigned; the demo's restarts from nothing).</summary>
    public void Restore(long size, byte[] root)
    {
        lock (_gate) (_size, _root) = (size, root);
    }

    public WitnessReply AddCheckpoint(string body)
    {
        var lines = body.Split('\n');
        if (!lines[0].StartsWith("old ", StringComparison.Ordinal) || !IsDecimal(lines[0][4..]) ||
            !long.TryParse(lines[0][4..], NumberStyles.None, CultureInfo.InvariantCulture, out var old))
            return Text(400, "the first line is not \"old SIZE\"");
        var proof = new List<byte[]>();
        var i = 1;
        try
        {
            for (; i < lines.Length && lines[i].Length > 0; i++) proof.Add(Convert.FromBase64String(lines[i]));
        }
        catch (FormatException) { return Text(400, "a proof line is not base64"); }
        if (proof.Count > 63 || proof.Any(p => p.Length != MerkleTree.HashSize)) return Text(400, "bad consistency proof lines");
        if (i >= lines.Length) return Text(400, "no checkpoint after the proof");
        var note = string.Join('\n', lines[(i + 1)..]);
        if (!note.StartsWith(log.Name + "\n", StringComparison.Ordinal)) return Text(404, "unknown log origin");
        var opened = SignedNote.Open(note, log);
        if (!opened.Verified || Checkpoint.Parse(opened.Text!) is not { } checkpoint) return Text(403, "no valid signature by the log's key");
        if (old > checkpoint.TreeSize) return Text(400, "old size is larger than the checkpoint's");
        if (checkpoint.TreeSize == 0 && !checkpoint.RootHash.AsSpan().SequenceEqual(MerkleTree.EmptyRoot())) return Text(422, "not the empty tree's root");
        lock (_gate)
        {
            if (old != _size) return new WitnessReply(409, SizeType, _size.ToString(CultureInfo.InvariantCulture) + "\n");
            if (old == 0 && proof.Count > 0) return Text(422, "a proof from the empty tree must be empty");
            if (old == checkpoint.TreeSize && !_root.AsSpan().SequenceEqual(checkpoint.RootHash)) return Text(422, "same size, another root");
            if (old > 0 && old < checkpoint.TreeSize && !MerkleTree.VerifyConsistency(old, checkpoint.TreeSize, _root, checkpoint.RootHash, proof))
                return Text(422, "the consistency proof does not verify");
            (_size, _root) = (checkpoint.TreeSize, checkpoint.RootHash);
        }
        return Text(200, Cosignature.Sign(opened.Text!, name, key, clock.GetUtcNow().ToUnixTimeSeconds()) + "\n");
    }

    private static bool IsDecimal(string s) => s.Length > 0 && s.All(char.IsAsciiDigit) && (s == "0" || s[0] != '0');

    private static WitnessReply Text(int status, string body) => new(status, "text/plain; charset=utf-8", body.EndsWith('\n') ? body : body + "\n");
}
