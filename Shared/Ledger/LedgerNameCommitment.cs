using System.Security.Cryptography;
using System.Text;

namespace ChildAid.Shared.Ledger;

/// <summary>
/// A public name enters the hash chain as a salted commitment: hex SHA-256(salt bytes ‖ UTF-8 NFC name), with
/// 16 random salt bytes published (hex) beside the name. Publishing name and salt lets anyone check the name;
/// erasing both (a donor's right under Vietnam's Personal Data Protection Law) leaves a commitment nobody can
/// reverse by guessing names, and every hash still verifies.
/// </summary>
public static class LedgerNameCommitment
{
    public const int SaltBytes = 16;

    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SaltBytes));

    public static string Compute(string saltHex, string name)
    {
        var salt = Convert.FromHexString(saltHex);
        var nameBytes = Encoding.UTF8.GetBytes(name.Normalize(NormalizationForm.FormC));
        return Convert.ToHexStringLower(SHA256.HashData([.. salt, .. nameBytes]));
    }

    /// <summary>True when <paramref name="saltHex"/> is hex of at least 16 bytes and the commitment matches.</summary>
    public static bool Matches(string saltHex, string name, string commitment) =>
        saltHex.Length >= SaltBytes * 2 && saltHex.Length % 2 == 0 && saltHex.All(Uri.IsHexDigit) &&
        string.Equals(Compute(saltHex, name), commitment.Trim(), StringComparison.Ordinal);
}
