using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>
/// A witness's Ed25519 cosigner key (C2SP tlog-cosignature): its name, key ID
/// SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key)[:4], and the verifier key text <c>name+hex(id)+base64(0x04 ‖ key)</c>.
/// </summary>
public sealed class WitnessKey
{
    public const byte CosignatureType = 0x04;

    public string Name { get; }
    public uint KeyId { get; }
    public byte[] PublicKey { get; }

    public WitnessKey(string name, byte[] publicKey)
    {
        if (!NoteVerifier.IsValidName(name)) throw new FormatException($"\"{name}\" is not a key name: it must be non-empty, without spaces or '+'.");
        if (publicKey.Length != 32) throw new FormatException("An Ed25519 public key is 32 bytes.");
        Name = name;
        PublicKey = publicKey;
        KeyId = VerifierKeyText.KeyId(name, CosignatureType, publicKey);
    }

    public string VerifierKey => $"{Name}+{KeyId:x8}+{Convert.ToBase64String([CosignatureType, .. PublicKey])}";

    /// <summary>Parses a cosigner verifier key; refuses another type (a log's 0x01 key is not a witness's), a bad encoding, or a wrong ID.</summary>
    public static WitnessKey Parse(string vkey)
    {
        var (name, key) = VerifierKeyText.Parse(vkey, CosignatureType, "A witness key is an Ed25519 cosignature key (type 0x04, 32 bytes).");
        return new WitnessKey(name, key);
    }
}

/// <summary>
/// Ed25519 cosignatures v1 (C2SP tlog-cosignature): a note signature line whose blob is key ID ‖ u64 timestamp ‖
/// signature, over <c>cosignature/v1\ntime T\n</c> followed by the checkpoint's note text. A witness says with it that,
/// at time T, this was the largest consistent tree it had seen for the log.
/// </summary>
public static class Cosignature
{
    private const string Dash = "\u2014 ";

    public static byte[] Message(string checkpointText, long timestamp) =>
        Encoding.UTF8.GetBytes($"cosignature/v1\ntime {timestamp.ToString(CultureInfo.InvariantCulture)}\n{checkpointText}");

    /// <summary>The signature line a witness holding <paramref name="key"/> returns (used by test witnesses; a real one is someone else's program).</summary>
    public static string Sign(string checkpointText, string name, Key key, long timestamp)
    {
        var witness = new WitnessKey(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var blob = new byte[4 + 8 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(blob, witness.KeyId);
        BinaryPrimitives.WriteUInt64BigEndian(blob.AsSpan(4), (ulong)timestamp);
        SignatureAlgorithm.Ed25519.Sign(key, Message(checkpointText, timestamp), blob.AsSpan(12));
        return $"{Dash}{name} {Convert.ToBase64String(blob)}";
    }

    /// <summary>
    /// The timestamp of <paramref name="line"/> when it is a valid cosignature by <paramref name="key"/> on the checkpoint
    /// text; null when the line is another key's, malformed, zero-timed, or does not verify.
    /// </summary>
    public static long? Verify(string line, string checkpointText, WitnessKey key)
    {
        if (!line.StartsWith(Dash, StringComparison.Ordinal)) return null;
        var fields = line[Dash.Length..].TrimEnd('\n').Split(' ');
        if (fields.Length != 2 || fields[0] != key.Name) return null;
        byte[] blob;
        try { blob = Convert.FromBase64String(fields[1]); }
        catch (FormatException) { return null; }
        if (blob.Length != 4 + 8 + 64 || BinaryPrimitives.ReadUInt32BigEndian(blob) != key.KeyId) return null;
        var timestamp = BinaryPrimitives.ReadUInt64BigEndian(blob.AsSpan(4));
        if (timestamp is 0 or > long.MaxValue) return null;
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, key.PublicKey, KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(publicKey, Message(checkpointText, (long)timestamp), blob.AsSpan(12)) ? (long)timestamp : null;
    }
}
