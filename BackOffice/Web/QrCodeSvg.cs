using QRCoder;

namespace ChildAid.BackOffice.Web;

/// <summary>A QR code as inline SVG: printed and shown without any request to another server.</summary>
public static class QrCodeSvg
{
    /// <summary>Black on white with its quiet zone, scaled by CSS (viewBox only). Hidden from screen readers: show the text beside it.</summary>
    public static string For(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        return svg.Replace("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", StringComparison.Ordinal);
    }
}
