using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChildAid.Shared.Pledges;

/// <summary>
/// The short code a donor types into the bank transfer message, e.g. <c>CA7K3M9QX</c>: the prefix "CA", six random
/// characters and one check character, all from a 30-character alphabet without look-alikes (no 0/O, 1/I/L, U/V pairs).
/// The check is a weighted sum modulo 31 (a prime): with distinct non-zero weights it catches every single wrong
/// character and every swap of two adjacent characters (proved exhaustively in PledgeReferenceTests). ISO 7064's hybrid
/// MOD 31,30 was tried first: it lets some adjacent swaps through (62 of the 27,000 state/character-pair cases),
/// so it was not used.
/// A body whose check value would be 30 (no character for it) is never issued: <see cref="New"/> draws again.
/// </summary>
public static class PledgeReference
{
    public const string Prefix = "CA";
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int RandomLength = 6;
    /// <summary>Prefix + random characters + the check character.</summary>
    public const int Length = 2 + RandomLength + 1;
    private const int Modulus = 31;

    public static string New()
    {
        Span<char> body = stackalloc char[RandomLength];
        while (true)
        {
            for (var i = 0; i < body.Length; i++) body[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            var code = TryComplete(new string(body));
            if (code is not null) return code;
        }
    }

    /// <summary>The full code for six random characters, or null when their check value has no character (1 in 31).</summary>
    public static string? TryComplete(string body)
    {
        if (body.Length != RandomLength || !body.All(c => Alphabet.Contains(c, StringComparison.Ordinal)))
            throw new ArgumentException("Six characters of the alphabet expected.", nameof(body));
        // Σ (i+1)·value_i over the six characters + 7·check ≡ 0 (mod 31): multiply by the inverse of the check's weight.
        var sum = WeightedSum(body);
        var check = (Modulus - sum) % Modulus * Inverse(RandomLength + 1) % Modulus;
        return check < Alphabet.Length ? Prefix + body + Alphabet[check] : null;
    }

    /// <summary>Whether the text is a code (spaces, dashes, dots and case ignored).</summary>
    public static bool IsValid(string? text) => Normalize(text) is not null;

    /// <summary>The canonical upper-case code without separators, or null when the text is not a valid code.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null) return null;
        var compact = Compact(text);
        return compact.Length == Length && compact.StartsWith(Prefix, StringComparison.Ordinal) && ChecksOut(compact, 0)
            ? compact : null;
    }

    /// <summary>
    /// The code inside a bank's transfer description, however the bank dressed it: "MBVCB.123.CA 7K3M-9QX.CT tu ..." →
    /// "CA7K3M9QX". Separators, case and diacritics are ignored; every "CA" is tried and the first candidate whose check
    /// character holds wins (a random "CA" followed by seven alphabet characters passes the check 1 time in 31).
    /// </summary>
    public static string? FindIn(string? bankDescription)
    {
        if (string.IsNullOrEmpty(bankDescription)) return null;
        var compact = Compact(bankDescription);
        for (var at = compact.IndexOf(Prefix, StringComparison.Ordinal); at >= 0 && at + Length <= compact.Length;
             at = compact.IndexOf(Prefix, at + 1, StringComparison.Ordinal))
        {
            if (ChecksOut(compact, at)) return compact.Substring(at, Length);
        }
        return null;
    }

    /// <summary>Letters and digits only, upper case, diacritics removed (đ → D).</summary>
    private static string Compact(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is 'đ' or 'Đ') sb.Append('D');
            else if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }

    private static bool ChecksOut(string compact, int at)
    {
        var sum = 0;
        for (var i = 0; i < RandomLength + 1; i++)
        {
            var value = Alphabet.IndexOf(compact[at + Prefix.Length + i], StringComparison.Ordinal);
            if (value < 0) return false;
            sum += (i + 1) * value;
        }
        return sum % Modulus == 0;
    }

    private static int WeightedSum(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++) sum += (i + 1) * Alphabet.IndexOf(body[i], StringComparison.Ordinal);
        return sum % Modulus;
    }

    private static int Inverse(int weight)
    {
        for (var x = 1; x < Modulus; x++) if (weight * x % Modulus == 1) return x;
        throw new InvalidOperationException("No inverse.");
    }
}
