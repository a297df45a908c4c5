using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Ledger;

/// <summary>
/// The public key to one booked receipt's verified-gift page (<c>/xac-minh/{token}</c> on PublicSite), written by the
/// booking core. It holds only the SHA-256 of the token and the receipt's ledger sequence: everything the page shows
/// is read from the public ledger itself, so it can show nothing the public statement hides, and without the token
/// (printed on the receipt, sent in the receipt mail) nobody finds the page. No listing exists.
/// </summary>
public class VerifiedGift
{
    public byte[] TokenHash { get; set; } = [];
    public long LedgerSequence { get; set; }

    public const string PathPrefix = "/xac-minh/";

    /// <summary>16 random bytes, base64url (22 characters).</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Null for anything that is not shaped like a token (the page answers 404 without asking the database).</summary>
    public static byte[]? HashOf(string? token) =>
        token is { Length: 22 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? SHA256.HashData(Encoding.ASCII.GetBytes(token))
            : null;
}

public class VerifiedGiftConfiguration : IEntityTypeConfiguration<VerifiedGift>
{
    public void Configure(EntityTypeBuilder<VerifiedGift> b)
    {
        b.HasKey(v => v.TokenHash);
        b.Property(v => v.TokenHash).HasMaxLength(32);
        b.HasIndex(v => v.LedgerSequence).IsUnique();
    }
}
