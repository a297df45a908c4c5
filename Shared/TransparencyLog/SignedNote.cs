using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace ChildAid.Shared.TransparencyLog;

/// <summary>
/// A signed-note Ed25519 key that can verify (C2SP signed-note): its name, its key ID
/// (SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]) and the verifier key text <c>name+hex(id)+base64(0x01 ‖ key)</c>.
/// </summary>
public sealed class NoteVerifier
{
    public const byte Ed25519Type = 0x01;

    public string Name { get; }
    public uint KeyId { get; }
    public byte[] PublicKey { get; }

    public NoteVerifier(string name, byte[] publicKey)
    {
        if (!IsValidName(name)) throw new FormatException($"\"{name}\" is not a key name: it must be non-empty, without spaces or '+'.");
        if (publicKey.Length != 32) throw new FormatException("An Ed25519 public key is 32 bytes.");
        Name = name;
        PublicKey = publicKey;
        KeyId = KeyIdOf(name, publicKey);
    }

    public string VerifierKey => $"{Name}+{KeyId:x8}+{Convert.ToBase64String([Ed25519Type, .. PublicKey])}";

    public static bool IsValidName(string name) =>
        name.Length > 0 && !name.Contains('+') && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    public static uint KeyIdOf(string name, byte[] publicKey) => VerifierKeyText.KeyId(name, Ed25519Type, publicKey);

    /// <summary>Parses a verifier key; refuses another signature type, a bad encoding, or an ID that is not the key's.</summary>
    public static NoteVerifier Parse(string vkey)
    {
        var (name, key) = VerifierKeyText.Parse(vkey, Ed25519Type, "Only Ed25519 verifier keys (type 0x01, 32 bytes) are known here.");
        return new NoteVerifier(name, key);
    }

    public bool Verify(byte[] message, byte[] signature)
    {
        if (signature.Length != 64) return false;
        var key = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, PublicKey, KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(key, message, signature);
    }
}

/// <summary>
/// The signed-note verifier key text both key kinds share (C2SP signed-note): <c>name+hex(id)+base64(type ‖ key)</c>, with
/// id = SHA-256(name ‖ 0x0A ‖ type ‖ key)[:4]. The type tells a log's key (0x01) from a witness's cosigner key (0x04).
/// </summary>
internal static class VerifierKeyText
{
    public static uint KeyId(string name, byte type, byte[] publicKey) =>
        BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData([.. Encoding.UTF8.GetBytes(name), 0x0A, type, .. publicKey]));

    /// <summary>The name and 32-byte key of <paramref name="vkey"/>; throws when the type is not <paramref name="type"/> or the ID is wrong.</summary>
    public static (string Name, byte[] Key) Parse(string vkey, byte type, string wrongType)
    {
        var parts = vkey.Trim().Split('+', 3); // base64 may hold '+'; name and ID never do
        if (parts.Length != 3) throw new FormatException("A verifier key has three parts: name+id+key.");
        byte[] material;
        try { material = Convert.FromBase64String(parts[2]); }
        catch (FormatException) { throw new FormatException("The key part of the verifier key is not base64."); }
        if (material.Length != 33 || material[0] != type) throw new FormatException(wrongType);
        if (!NoteVerifier.IsValidName(parts[0])) throw new FormatException($"\"{parts[0]}\" is not a key name: it must be non-empty, without spaces or '+'.");
        if (parts[1].Length != 8 || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id)
            || id != KeyId(parts[0], type, material[1..]))
            throw new FormatException("The verifier key's ID does not match its name and key.");
        return (parts[0], material[1..]);
    }
}

/// <summary>
/// The log's private signing key, in the text form Go's note package uses:
/// <c>PRIVATE+KEY+name+hex(id)+base64(0x01 ‖ 32-byte Ed25519 seed)</c>. Configuration only, never committed.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private const string Prefix = "PRIVATE+KEY+";
    private readonly Key _key;

    public NoteVerifier Verifier { get; }
    public string Name => Verifier.Name;

    private NoteSigner(string name, Key key)
    {
        _key = key;
        Verifier = new NoteVerifier(name, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public static NoteSigner Generate(string name) =>
        new(name, Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    public static NoteSigner Parse(string privateKey)
    {
        var text = privateKey.Trim();
        if (!text.StartsWith(Prefix, StringComparison.Ordinal)) throw new FormatException("A signing key starts with PRIVATE+KEY+.");
        var parts = text[Prefix.Length..].Split('+', 3);
        if (parts.Length != 3) throw new FormatException("A signing key is PRIVATE+KEY+name+id+key.");
        byte[] material;
        try { material = Convert.FromBase64String(parts[2]); }
        catch (FormatException) { throw new FormatException("The key part of the signing key is not base64."); }
        if (material.Length != 33 || material[0] != NoteVerifier.Ed25519Type) throw new FormatException("Only Ed25519 signing keys are known here.");
        var signer = new NoteSigner(parts[0], Key.Import(SignatureAlgorithm.Ed25519, material[1..], KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
        if (!string.Equals(parts[1], signer.Verifier.KeyId.ToString("x8", CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            signer.Dispose();
            throw new FormatException("The signing key's ID does not match its name and key.");
        }
        return signer;
    }

    public string PrivateKeyText =>
        $"{Prefix}{Name}+{Verifier.KeyId:x8}+{Convert.ToBase64String([NoteVerifier.Ed25519Type, .. _key.Export(KeyBlobFormat.RawPrivateKey)])}";

    public byte[] Sign(byte[] message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    public void Dispose() => _key.Dispose();
}

/// <summary>The outcome of opening a signed note: its text when a known key's signature verified, else why not.</summary>
public sealed record OpenedNote(string? Text, string? Problem)
{
    public bool Verified => Text is not null;
}

/// <summary>C2SP signed-note: text ending in a newline, a blank line, then lines <c>— name base64(id ‖ signature)</c>.</summary>
public static class SignedNote
{
    private const string Dash = "\u2014 ";

    public static string Sign(string text, NoteSigner signer)
    {
        if (!text.EndsWith('\n')) throw new ArgumentException("The note text ends with a newline.", nameof(text));
        var signature = signer.Sign(Encoding.UTF8.GetBytes(text));
        var id = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(id, signer.Verifier.KeyId);
        return $"{text}\n{Dash}{signer.Name} {Convert.ToBase64String([.. id, .. signature])}\n";
    }

    /// <summary>The note's text: everything up to the blank line before its signatures (the whole note when it has none).</summary>
    public static string TextOf(string note)
    {
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        return split < 0 ? note : note[..(split + 1)];
    }

    /// <summary>
    /// Opens a note with the one key trusted: signatures of other keys are ignored (witnesses, other logs); one of the
    /// trusted key that fails rejects the note; none at all rejects it too.
    /// </summary>
    public static OpenedNote Open(string note, NoteVerifier trusted)
    {
        if (note.Any(c => c < ' ' && c != '\n')) return new(null, "the note holds control characters");
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n')) return new(null, "no signature block (a blank line, then signature lines)");
        var text = note[..(split + 1)];
        var verified = false;
        foreach (var line in note[(split + 2)..^1].Split('\n'))
        {
            if (!line.StartsWith(Dash, StringComparison.Ordinal)) return new(null, $"not a signature line: \"{line}\"");
            var fields = line[Dash.Length..].Split(' ');
            if (fields.Length != 2) return new(null, $"not a signature line: \"{line}\"");
            byte[] blob;
            try { blob = Convert.FromBase64String(fields[1]); }
            catch (FormatException) { return new(null, "a signature is not base64"); }
            if (blob.Length < 4) return new(null, "a signature is too short");
            if (fields[0] != trusted.Name || BinaryPrimitives.ReadUInt32BigEndian(blob) != trusted.KeyId) continue;
            if (!trusted.Verify(Encoding.UTF8.GetBytes(text), blob[4..]))
                return new(null, $"the signature of {trusted.Name} does not verify: the note was changed or forged");
            verified = true;
        }
        return verified ? new(text, null) : new(null, $"no signature by the trusted key {trusted.Name}+{trusted.KeyId:x8}");
    }
}
