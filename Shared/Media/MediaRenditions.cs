namespace ChildAid.Shared.Media;

/// <summary>A crop made around the editor's focal point, at most <see cref="Width"/>×<see cref="Height"/> (never upscaled).</summary>
public sealed record CropSpec(string Name, int Width, int Height, bool Webp);

/// <summary>
/// The files made from every upload, named so that PublicSite can build <c>srcset</c> from a MediaItem's width alone:
/// <c>/media/{FileKey}/w480.webp</c>, <c>…/w960.jpg</c>, <c>…/hero.webp</c>, <c>…/share.jpg</c>.
/// </summary>
public static class MediaRenditions
{
    public static readonly int[] StandardWidths = [480, 960, 1600];

    /// <summary>Private only: the oriented, metadata-free image at the largest width, from which crops are remade.</summary>
    public const string Master = "master.jpg";

    public static readonly CropSpec Hero = new("hero", 1600, 900, Webp: true);
    public static readonly CropSpec Card = new("card", 800, 600, Webp: true);
    /// <summary>Open Graph / Zalo preview: JPEG only, since Facebook and Zalo do not read WebP.</summary>
    public static readonly CropSpec Share = new("share", 1200, 630, Webp: false);
    public static readonly CropSpec[] Crops = [Hero, Card, Share];

    public static int LargestWidth => StandardWidths[^1];

    /// <summary>Widths made for an image this wide: the standard widths below it and its own width up to 1600; never more.</summary>
    public static IReadOnlyList<int> WidthsFor(int width)
    {
        var largest = Math.Min(width, LargestWidth);
        return [.. StandardWidths.Where(w => w < largest), largest];
    }

    public static string WidthFile(int width, string extension) => $"w{width}.{extension}";

    public static string CropFile(CropSpec crop, string extension) => $"{crop.Name}.{extension}";

    /// <summary>Every file the public area holds for a published item (everything but the master).</summary>
    public static IReadOnlyList<string> PublicFiles(int width) =>
    [
        .. WidthsFor(width).SelectMany(w => new[] { WidthFile(w, "webp"), WidthFile(w, "jpg") }),
        .. Crops.SelectMany(c => c.Webp ? new[] { CropFile(c, "webp"), CropFile(c, "jpg") } : [CropFile(c, "jpg")]),
    ];

    public static string ContentType(string fileName) => Path.GetExtension(fileName) switch
    {
        ".webp" => "image/webp",
        ".jpg" => "image/jpeg",
        _ => "application/octet-stream",
    };
}
