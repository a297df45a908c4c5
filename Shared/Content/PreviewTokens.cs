using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChildAid.Shared.Content;

/// <summary>Section "Preview", the same in BackOffice and PublicSite.</summary>
public sealed class PreviewOptions
{
    public const string Section = "Preview";

    /// <summary>The shared secret (at least 32 characters) both apps sign and check preview links with. Unset: no previews.</summary>
    public string? Key { get; set; }

    /// <summary>PublicSite: where BackOffice answers <c>/api/preview/{token}</c> (server to server).</summary>
    public string? BackOfficeUrl { get; set; }

    /// <summary>BackOffice: the public site's address, to build the link an editor opens.</summary>
    public string? PublicSiteUrl { get; set; }

    public int LifetimeMinutes { get; set; } = 60;
}

/// <summary>What a valid preview link names: one version of one item, until a moment.</summary>
public sealed record PreviewTicket(int ItemId, int Version, DateTime ExpiresAt);

/// <summary>A draft rendered for preview (BackOffice → PublicSite): sanitised HTML, as publishing would write it.</summary>
public sealed record PreviewPage(int ItemId, int Version, ContentType Type, string Path, string Title, string Summary, string BodyHtml,
    string? SeoTitle, string? SeoDescription, int? HeroMediaId, PreviewImage? Hero = null);

/// <summary>A draft's hero image as the public page draws it (WebP sizes, JPEG fallback), at signed, expiring preview addresses.</summary>
public sealed record PreviewImage(string WebpSrcset, string JpgSrcset, string Src, int Width, int Height, string Alt);

/// <summary>
/// Signed, expiring preview links: "{item}-{version}-{expiry}-{HMAC-SHA256}" with a key both apps read from
/// configuration. PublicSite cannot read drafts (its database role sees only published tables), so it checks the
/// link, then asks BackOffice for the rendered draft with the same token; BackOffice checks it again.
/// </summary>
public sealed class PreviewTokens(IOptions<PreviewOptions> options, TimeProvider clock)
{
    public const int MinimumKeyLength = 32;

    public bool Enabled => options.Value.Key is { Length: >= MinimumKeyLength };

    public TimeSpan Lifetime => TimeSpan.FromMinutes(Math.Clamp(options.Value.LifetimeMinutes, 1, 24 * 60));

    public string Create(int itemId, int version)
    {
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var payload = Payload(itemId, version, expires);
        return $"{payload}-{Sign(payload)}";
    }

    /// <summary>The ticket of a genuine, unexpired token; null for anything else.</summary>
    public PreviewTicket? Read(string? token)
    {
        if (!Enabled || string.IsNullOrEmpty(token) || token.Length > 200) return null;
        var parts = token.Split('-');
        if (parts.Length != 4) return null;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var itemId)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)) return null;
        var payload = Payload(itemId, version, expires);
        // Compared in constant time, and on the canonical payload: "007" or "+7" never verify.
        if (!string.Equals(payload, $"{parts[0]}-{parts[1]}-{parts[2]}", StringComparison.Ordinal)) return null;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(payload)), Encoding.ASCII.GetBytes(parts[3]))) return null;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires);
        if (expiresAt <= clock.GetUtcNow()) return null;
        return new PreviewTicket(itemId, version, expiresAt.UtcDateTime);
    }

    /// <summary>
    /// Where the preview shows one file of a draft's image that is not public yet: PublicSite's
    /// <c>/xem-truoc/anh/{expiry}/{signature}/{fileKey}/{file}</c>, signed with the same key and expiring with the preview
    /// link that rendered it. The signature covers the file key and the expiry only, so it opens that one image's
    /// renditions and nothing else (no folder is ever listed), and never after the expiry.
    /// </summary>
    public string MediaPath(string fileKey, string fileName, DateTime expiresAt)
    {
        var expires = new DateTimeOffset(DateTime.SpecifyKind(expiresAt, DateTimeKind.Utc)).ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"{expires}/{Sign(MediaPayload(fileKey, expires))}/{fileKey}/{fileName}");
    }

    /// <summary>True when a preview image address is genuine and not expired (checked by PublicSite and again by BackOffice).</summary>
    public bool ReadMedia(long expires, string? signature, string? fileKey)
    {
        if (!Enabled || string.IsNullOrEmpty(signature) || signature.Length > 100 || !Media.MediaStore.IsFileKey(fileKey)) return false;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(MediaPayload(fileKey!, expires))), Encoding.ASCII.GetBytes(signature)))
            return false;
        return expires > clock.GetUtcNow().ToUnixTimeSeconds();
    }

    // Its own prefix inside the signed text: an image signature can never pass for a preview token, nor the reverse.
    private static string MediaPayload(string fileKey, long expires) =>
        string.Create(CultureInfo.InvariantCulture, $"media:{fileKey}-{expires}");

    private static string Payload(int itemId, int version, long expires) =>
        string.Create(CultureInfo.InvariantCulture, $"{itemId}-{version}-{expires}");

    private string Sign(string payload)
    {
        var key = Encoding.UTF8.GetBytes(options.Value.Key ?? throw new InvalidOperationException("Preview:Key is not configured."));
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("childaid-preview:" + payload));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '_').Replace('/', '.');
    }
}
