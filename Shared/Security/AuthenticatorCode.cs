using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChildAid.Shared.Security;

/// <summary>
/// Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) as authenticator apps and Identity's
/// authenticator token provider compute them. Used to confirm a key that is not stored yet (enrolment).
/// </summary>
public static class AuthenticatorCode
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>True when <paramref name="code"/> is the key's code at <paramref name="now"/>, one step either side (a phone's clock drifts).</summary>
    public static bool Verify(string base32Key, string code, DateTimeOffset now)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return false;
        var key = FromBase32(base32Key);
        var step = now.ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        var match = false;
        for (var i = -1; i <= 1; i++)
            match |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(key, step + i)), Encoding.ASCII.GetBytes(code));
        return match;
    }

    public static string Compute(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32 (A–Z, 2–7), case and spaces ignored, no padding needed.</summary>
    public static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var ch in text.ToUpperInvariant())
        {
            if (ch is ' ' or '=') continue;
            var index = alphabet.IndexOf(ch, StringComparison.Ordinal);
            if (index < 0) throw new FormatException("Not a base32 key.");
            buffer = (buffer << 5) | index;
            bits += 5;
            if (bits < 8) continue;
            bits -= 8;
            bytes.Add((byte)(buffer >> bits));
            buffer &= (1 << bits) - 1;
        }
        return [.. bytes];
    }
}
