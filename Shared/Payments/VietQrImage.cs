using QRCoder;

namespace ChildAid.Shared.Payments;

/// <summary>A VietQR payload drawn as a PNG or SVG file (for the API's image links and mail); pages inline QrSvg instead.</summary>
public static class VietQrImage
{
    /// <summary>Error correction M, as the bank apps' own codes: survives a crease or a smudge on a printed poster.</summary>
    public static byte[] Png(string payload, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    public static string Svg(string payload, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(pixelsPerModule);
    }
}
