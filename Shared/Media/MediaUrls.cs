using System.Globalization;

namespace ChildAid.Shared.Media;

/// <summary>
/// Where PublicSite serves a published image's files, under <c>/media/{FileKey}/</c>: widths <c>w480.webp</c> /
/// <c>w480.jpg</c> … up to the image's own width (never upscaled, at most 1600), and the 1200×630 share card
/// <c>share.jpg</c> — the names <see cref="MediaRenditions"/> gives the files and <see cref="MediaStore"/> keeps in its
/// public area (<c>{PublicRoot}/{FileKey}/…</c>), so a URL is a file path and nothing else.
/// </summary>
public static class MediaUrls
{
    public const string RequestPath = "/media";

    public static int ShareWidth => MediaRenditions.Share.Width;
    public static int ShareHeight => MediaRenditions.Share.Height;

    /// <summary>Widths made for an image this wide (<see cref="MediaRenditions.WidthsFor"/>).</summary>
    public static IReadOnlyList<int> WidthsFor(int width) => MediaRenditions.WidthsFor(width);

    public static string Width(string fileKey, int width, string extension) =>
        $"{RequestPath}/{fileKey}/{MediaRenditions.WidthFile(width, extension)}";

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
    public static string Share(string fileKey) => $"{RequestPath}/{fileKey}/{MediaRenditions.CropFile(MediaRenditions.Share, "jpg")}";

    /// <summary>
    /// The share card of a published image, with its focal point as a version ("?v=2500-6000"): moving the focal point
    /// rewrites the crop under the same file name, and files are served <c>immutable</c> for a day, so the address
    /// must change with the crop or Facebook, Zalo and browsers keep showing the old one.
    /// </summary>
    public static string Share(PublishedMedia media) => $"{Share(media.FileKey)}?v={CropVersion(media.FocalX, media.FocalY)}";

    /// <summary>The focal point in hundredths of a percent, "5000-5000" for the centre: changes whenever the crops do.</summary>
    public static string CropVersion(decimal focalX, decimal focalY) => string.Create(CultureInfo.InvariantCulture,
        $"{(int)Math.Round(focalX * 10000m)}-{(int)Math.Round(focalY * 10000m)}");

    /// <summary>The folder of an item's files inside a media area (the key is generated, never user input, but checked anyway).</summary>
    public static string Folder(string root, string fileKey) =>
        MediaStore.IsFileKey(fileKey) ? Path.Combine(root, fileKey) : throw new ArgumentException("Not a media file key.", nameof(fileKey));
}
