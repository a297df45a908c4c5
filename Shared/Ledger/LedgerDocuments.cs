using System.Security.Cryptography;

namespace ChildAid.Shared.Ledger;

/// <summary>
/// The <c>documents</c> field of a ledger entry: the SHA-256 of each original document (an expense's invoice, its proof
/// of payment), 64 lower-case hex digits each, distinct, sorted (ordinal), joined by commas without spaces. The
/// originals are stored privately; anyone shown one later can hash it and find it here.
/// </summary>
public static class LedgerDocuments
{
    /// <summary>At most this many documents per entry (the column holds 20 × 65 characters).</summary>
    public const int MaxCount = 20;
    public const int MaxLength = MaxCount * 65;

    /// <summary>The field for these hashes (any case, any order, repeats dropped); null for none.</summary>
    public static string? Format(IEnumerable<string> sha256Hex)
    {
        var hashes = sha256Hex.Select(h => h.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (hashes.Any(h => !IsHash(h))) throw new ArgumentException("A document hash is 64 hex digits (SHA-256).", nameof(sha256Hex));
        if (hashes.Count > MaxCount) throw new ArgumentException($"At most {MaxCount} documents per ledger entry.", nameof(sha256Hex));
        return hashes.Count == 0 ? null : string.Join(',', hashes);
    }

    /// <summary>The field for these files' bytes.</summary>
    public static string? Of(IEnumerable<byte[]> originals) => Format(originals.Select(b => Convert.ToHexStringLower(SHA256.HashData(b))));

    /// <summary>The hashes a field lists (none for null or empty).</summary>
    public static IReadOnlyList<string> Parse(string? field) =>
        string.IsNullOrEmpty(field) ? [] : field.Split(',');

    /// <summary>Whether a field is in its one written form (what <see cref="Format"/> returns).</summary>
    public static bool IsCanonical(string? field)
    {
        if (string.IsNullOrEmpty(field)) return true;
        var parts = field.Split(',');
        return parts.Length <= MaxCount && parts.All(IsHash) && string.Join(',', parts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) == field;
    }

    private static bool IsHash(string h) => h.Length == 64 && h.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
