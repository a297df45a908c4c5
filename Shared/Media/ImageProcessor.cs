using ChildAid.Shared.Text;
using ChildAid.Shared.Validation;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace ChildAid.Shared.Media;

public sealed record RenditionFile(string FileName, byte[] Bytes);

/// <summary>An accepted upload: its detected format, its size after orientation, and the files to store.</summary>
public sealed record ProcessedImage(MediaFormat Format, int Width, int Height, IReadOnlyList<RenditionFile> Files);

/// <summary>
/// Turns an upload into metadata-free renditions. Order matters: size, magic number and container structure are
/// checked on the raw bytes, then the header's dimensions (SKCodec reads only the header), and only then are pixels
/// decoded. Every output is re-encoded from pixels on a surface without a colour profile, so no EXIF, GPS, XMP,
/// ICC or comment from the upload can survive.
/// </summary>
public sealed class ImageProcessor(IOptions<MediaOptions> options)
{
    public const string Field = "File";
    private const int JpegQuality = 82;
    private const int WebpQuality = 80;
    private const int MasterQuality = 92;

    public Outcome<ProcessedImage> Process(byte[] bytes, double focalX = 0.5, double focalY = 0.5) =>
        WithMaster(bytes, (format, width, height, master) =>
        {
            var files = new List<RenditionFile> { new(MediaRenditions.Master, Encode(master, SKEncodedImageFormat.Jpeg, MasterQuality)) };
            files.AddRange(Renditions(master, focalX, focalY));
            return new ProcessedImage(format, width, height, files);
        });

    /// <summary>
    /// One metadata-free JPEG of the upload, upright, at most <see cref="MediaRenditions.LargestWidth"/> wide (its size is the
    /// result's): what may be published of a document image (the public copy of an invoice with personal data blacked out).
    /// </summary>
    public Outcome<ProcessedImage> Clean(byte[] bytes) =>
        WithMaster(bytes, (format, _, _, master) =>
            new ProcessedImage(format, master.Width, master.Height, [new(MediaRenditions.Master, Encode(master, SKEncodedImageFormat.Jpeg, MasterQuality))]));

    /// <summary>Checks the upload, decodes it upright and scaled (the master), and lets <paramref name="make"/> encode what it needs.</summary>
    private Outcome<ProcessedImage> WithMaster(byte[] bytes, Func<MediaFormat, int, int, SKImage, ProcessedImage> make)
    {
        var limits = options.Value;
        if (bytes.Length == 0) return Fail("Vui lòng chọn một tệp ảnh.");
        if (bytes.Length > limits.MaxUploadBytes)
            return Fail($"Tệp quá lớn: tối đa {limits.MaxUploadBytes / (1024 * 1024)} MB.");
        if (ImageContainer.Sniff(bytes) is not { } format) return Fail(ImageContainer.NotAnImage);
        if (ImageContainer.Check(bytes, format) is { } problem) return Fail(problem);
        try
        {
            using var data = SKData.CreateCopy(bytes);
            using var codec = SKCodec.Create(data);
            if (codec is null || codec.EncodedFormat != ToSkia(format)) return Fail(ImageContainer.NotAnImage);
            var (w, h) = (codec.Info.Width, codec.Info.Height);
            if (w <= 0 || h <= 0) return Fail(ImageContainer.Truncated);
            if ((long)w * h > limits.MaxPixels || w > limits.MaxSide || h > limits.MaxSide)
                return Fail($"Ảnh quá lớn: {VietnameseFormat.Number(w)}×{VietnameseFormat.Number(h)} điểm ảnh. " +
                    $"Tối đa {limits.MaxPixels / 1_000_000} triệu điểm ảnh và mỗi cạnh {VietnameseFormat.Number(limits.MaxSide)} điểm ảnh.");
            var origin = codec.EncodedOrigin;
            var swap = SwapsSides(origin);
            var (width, height) = swap ? (h, w) : (w, h);
            using var decoded = Decode(codec, swap);
            if (decoded is null) return Fail(ImageContainer.Truncated);
            using var master = OrientAndScale(decoded, origin, width, height);
            return Outcome<ProcessedImage>.Ok(make(format, width, height, master));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(ImageContainer.Truncated);
        }
    }

    /// <summary>The crops again, around a new focal point, from the stored master (the upload itself is never kept).</summary>
    public IReadOnlyList<RenditionFile> Recrop(byte[] masterJpeg, double focalX, double focalY)
    {
        using var master = SKImage.FromEncodedData(masterJpeg) ?? throw new InvalidDataException("The stored master is not an image.");
        return Run(CropJobs(master, focalX, focalY));
    }

    private static IReadOnlyList<RenditionFile> Renditions(SKImage master, double focalX, double focalY)
    {
        var jobs = new List<Func<RenditionFile>>();
        foreach (var w in MediaRenditions.WidthsFor(master.Width))
        {
            var h = Math.Max(1, (int)Math.Round((double)master.Height * w / master.Width));
            jobs.Add(() => Resized(master, master.Info.Rect, w, h, SKEncodedImageFormat.Webp, MediaRenditions.WidthFile(w, "webp")));
            jobs.Add(() => Resized(master, master.Info.Rect, w, h, SKEncodedImageFormat.Jpeg, MediaRenditions.WidthFile(w, "jpg")));
        }
        return Run([.. jobs, .. CropJobs(master, focalX, focalY)]);
    }

    private static List<Func<RenditionFile>> CropJobs(SKImage master, double focalX, double focalY)
    {
        var jobs = new List<Func<RenditionFile>>();
        foreach (var crop in MediaRenditions.Crops)
        {
            var (rect, w, h) = FocalCrop.Compute(master.Width, master.Height, crop.Width, crop.Height, focalX, focalY);
            if (crop.Webp) jobs.Add(() => Resized(master, rect, w, h, SKEncodedImageFormat.Webp, MediaRenditions.CropFile(crop, "webp")));
            jobs.Add(() => Resized(master, rect, w, h, SKEncodedImageFormat.Jpeg, MediaRenditions.CropFile(crop, "jpg")));
        }
        return jobs;
    }

    // Encoding dominates the time; a raster SKImage is safe to read from several threads.
    private static RenditionFile[] Run(IReadOnlyList<Func<RenditionFile>> jobs)
    {
        var results = new RenditionFile[jobs.Count];
        Parallel.For(0, jobs.Count, i => results[i] = jobs[i]());
        return results;
    }

    // JPEG can decode at 1/2, 1/4 or 1/8 directly: take the smallest that still covers the largest width needed.
    private static SKBitmap? Decode(SKCodec codec, bool swap)
    {
        var size = codec.Info.Size;
        foreach (var sample in new[] { 8, 4, 2 })
        {
            var scaled = codec.GetScaledDimensions(1f / sample);
            if (scaled.Width < size.Width && (swap ? scaled.Height : scaled.Width) >= MediaRenditions.LargestWidth) { size = scaled; break; }
        }
        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap(target);
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result == SKCodecResult.Success) return bitmap;
        bitmap.Dispose();
        return null;
    }

    private static bool SwapsSides(SKEncodedOrigin o) =>
        o is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Upright, at most 1600 px wide, transparency flattened on white, on a surface with no colour profile.</summary>
    private static SKImage OrientAndScale(SKBitmap decoded, SKEncodedOrigin origin, int width, int height)
    {
        var scale = Math.Min(1.0, (double)MediaRenditions.LargestWidth / width);
        var outW = Math.Max(1, (int)Math.Round(width * scale));
        var outH = Math.Max(1, (int)Math.Round(height * scale));
        var (dw, dh) = SwapsSides(origin) ? (decoded.Height, decoded.Width) : (decoded.Width, decoded.Height);
        using var surface = SKSurface.Create(new SKImageInfo(outW, outH, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("No surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale((float)outW / dw, (float)outH / dh);
        canvas.Concat(OrientationMatrix(origin, dw, dh));
        using var image = SKImage.FromBitmap(decoded);
        canvas.DrawImage(image, 0, 0, Sampling((double)outW / dw));
        return surface.Snapshot();
    }

    /// <summary>Maps the stored pixels to the upright image (x' = a·x + b·y + c); dw×dh are the upright sides.</summary>
    private static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int dw, int dh) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, dw, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, dw, 0, -1, dh, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, dh, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, dw, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, dw, -1, 0, dh, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, dh, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    // Large reductions read a mipmap (no aliasing); small ones use a cubic filter (sharper).
    private static SKSamplingOptions Sampling(double scale) =>
        scale < 0.5 ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear) : new SKSamplingOptions(SKCubicResampler.Mitchell);

    private static RenditionFile Resized(SKImage source, SKRectI from, int w, int h, SKEncodedImageFormat format, string fileName)
    {
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("No surface.");
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawImage(source, SKRect.Create(from.Left, from.Top, from.Width, from.Height), SKRect.Create(0, 0, w, h),
            Sampling((double)w / from.Width));
        using var image = surface.Snapshot();
        return new RenditionFile(fileName, Encode(image, format, format == SKEncodedImageFormat.Webp ? WebpQuality : JpegQuality));
    }

    private static byte[] Encode(SKImage image, SKEncodedImageFormat format, int quality)
    {
        using var data = image.Encode(format, quality) ?? throw new InvalidOperationException($"Could not encode {format}.");
        return data.ToArray();
    }

    private static SKEncodedImageFormat ToSkia(MediaFormat f) => f switch
    {
        MediaFormat.Jpeg => SKEncodedImageFormat.Jpeg,
        MediaFormat.Png => SKEncodedImageFormat.Png,
        _ => SKEncodedImageFormat.Webp,
    };

    private static Outcome<ProcessedImage> Fail(string message) => Outcome<ProcessedImage>.Fail(Field, message);
}
