using System.Reflection;
using PdfSharp.Fonts;

namespace ChildAid.BackOffice.Receipts;

/// <summary>
/// Gives PDFsharp the DejaVu Sans embedded in this assembly for every face it asks for, so Vietnamese letters
/// (ạ, ế, ữ, đ …) and ₫ are drawn from the same bytes on every machine, whatever fonts it has installed.
/// </summary>
public sealed class ReceiptFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";
    private static readonly Lock Gate = new();

    /// <summary>PDFsharp's resolver is process-wide; set once, before the first receipt is drawn.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not ReceiptFonts) GlobalFontSettings.FontResolver = new ReceiptFonts();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"ChildAid.Receipts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"Font {faceName} is not embedded in BackOffice.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
