using System.Globalization;

namespace ChildAid.Shared.Media;

/// <summary>
/// Where PublicSite serves a published image's files, under <c>/media/{FileKey}/</c>: widths <c>w480.webp</c> /
/// <c>w480.jpg</c> … up to the image's own width (never upscaled, at most 1600), and the 1200×630 share card
/// <c>share.jpg</c>. The same names the media store gives the files in its public area (<c>{PublicRoot}/{FileKey}/…</c>),
/// so a URL is a file path and nothing else.
/// </summary>
public static class MediaUrls
{
    public const string RequestPath = "/media";

    public static readonly int[] StandardWidths = [480, 960, 1600];

    public const int ShareWidth = 1200;
    public const int ShareHeight = 630;

    /// <summary>Widths made for an image this wide: the standard widths below it and its own width up to 1600.</summary>
    public static IReadOnlyList<int> WidthsFor(int width)
    {
        var largest = Math.Min(width, StandardWidths[^1]);
        return [.. StandardWidths.Where(w => w < largest), largest];
    }

    public static string Width(string fileKey, int width, string extension) =>
        $"{RequestPath}/{fileKey}/w{width.ToString(CultureInfo.InvariantCulture)}.{extension}";

    /// <summary>"…/w480.webp 480w, …/w960.webp 960w, …" for a <c>srcset</c>.</summary>
    public static string SrcSet(string fileKey, int width, string extension) =>
        string.Join(", ", WidthsFor(width).Select(w => $"{Width(fileKey, w, extension)} {w.ToString(CultureInfo.InvariantCulture)}w"));

    /// <summary>The middle width, a sensible <c>src</c> for browsers that ignore <c>srcset</c>.</summary>
    public static string Fallback(string fileKey, int width)
    {
        var widths = WidthsFor(width);
        return Width(fileKey, widths[Math.Min(1, widths.Count - 1)], "jpg");
    }

    /// <summary>The Open Graph / Zalo card (JPEG: Facebook and Zalo do not read WebP).</summary>
    public static string Share(string fileKey) => $"{RequestPath}/{fileKey}/share.jpg";

    /// <summary>The folder of an item's files inside a media area (the key is generated, never user input, but checked anyway).</summary>
    public static string Folder(string root, string fileKey)
    {
        if (fileKey.Length == 0 || fileKey.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException("Not a media file key.", nameof(fileKey));
        return Path.Combine(root, fileKey);
    }
}
