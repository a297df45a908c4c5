using SkiaSharp;

namespace ChildAid.Shared.Media;

/// <summary>
/// The largest region of the target's shape that fits the image, centred on the focal point as far as the edges
/// allow, and the output size: the target size, or the region's own size when it is smaller (never upscaled).
/// </summary>
public static class FocalCrop
{
    public static (SKRectI Region, int Width, int Height) Compute(int imageWidth, int imageHeight, int targetWidth, int targetHeight,
        double focalX, double focalY)
    {
        focalX = Math.Clamp(double.IsFinite(focalX) ? focalX : 0.5, 0, 1);
        focalY = Math.Clamp(double.IsFinite(focalY) ? focalY : 0.5, 0, 1);
        var aspect = (double)targetWidth / targetHeight;
        var cw = Math.Min(imageWidth, imageHeight * aspect);
        var ch = cw / aspect;
        var x = Math.Clamp(focalX * imageWidth - cw / 2, 0, imageWidth - cw);
        var y = Math.Clamp(focalY * imageHeight - ch / 2, 0, imageHeight - ch);
        var region = SKRectI.Create((int)Math.Round(x), (int)Math.Round(y), Math.Max(1, (int)Math.Round(cw)), Math.Max(1, (int)Math.Round(ch)));
        if (region.Right > imageWidth) region.Right = imageWidth;
        if (region.Bottom > imageHeight) region.Bottom = imageHeight;
        if (cw >= targetWidth) return (region, targetWidth, targetHeight);
        return (region, Math.Max(1, (int)Math.Round(cw)), Math.Max(1, (int)Math.Round(ch)));
    }
}
