using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using QRCoder;

namespace ChildAid.Shared.Text;

/// <summary>
/// A QR code as an inline SVG element: no image request and no data: URI, so a strict Content-Security-Policy
/// (img-src 'self') does not block it, and it prints sharply.
/// </summary>
public static class QrSvg
{
    /// <summary>Dark modules as one path of horizontal runs (one unit per module, quiet zone included).</summary>
    public static string Render(string text, string id, string label, int pixelsPerModule = 5)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!modules[y][x]) continue;
                var start = x;
                while (x + 1 < size && modules[y][x + 1]) x++;
                path.Append(CultureInfo.InvariantCulture, $"M{start} {y}h{x - start + 1}v1h-{x - start + 1}z");
            }
        }
        var pixels = size * pixelsPerModule;
        return string.Create(CultureInfo.InvariantCulture,
            $"<svg id=\"{HtmlEncoder.Default.Encode(id)}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{pixels}\" height=\"{pixels}\" role=\"img\" aria-label=\"{HtmlEncoder.Default.Encode(label)}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>");
    }
}
