using System.Buffers.Binary;
using System.Text;

namespace ChildAid.Shared.Media;


/// <summary>
/// Reads an upload's container structure before any decoder sees it: the type from the magic number (never the
/// file name), the end of the image (a truncated file has none), and whatever hides around the pixels. A file
/// that carries bytes after its end marker, or an archive, page or script in its metadata, is two files at once
/// (a polyglot): browsers, unzip tools and interpreters each see their own, so it is refused even though the
/// pixels we keep are re-encoded.
/// </summary>
public static class ImageContainer
{
    public const string NotAnImage = "Chỉ nhận ảnh JPEG, PNG hoặc WebP (kiểm tra theo nội dung tệp, không theo tên tệp).";
    public const string Truncated = "Tệp ảnh bị cắt cụt hoặc hỏng (không đọc được đến cuối ảnh). Vui lòng tải lại tệp gốc.";
    public const string Polyglot = "Tệp ảnh chứa dữ liệu lạ ngoài phần ảnh (có thể là tệp ghép nhiều định dạng). Vui lòng xuất lại ảnh từ ứng dụng chỉnh ảnh rồi tải lên.";

    public static MediaFormat? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return MediaFormat.Jpeg;
        if (b.Length >= 8 && b[..8].SequenceEqual(PngSignature)) return MediaFormat.Png;
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return MediaFormat.Webp;
        return null;
    }

    /// <summary>Null when the file is one well-formed image and nothing else; otherwise the Vietnamese reason.</summary>
    public static string? Check(ReadOnlySpan<byte> b, MediaFormat format)
    {
        var metadata = new List<Range>();
        var end = format switch
        {
            MediaFormat.Jpeg => JpegEnd(b, metadata),
            MediaFormat.Png => PngEnd(b, metadata),
            _ => WebpEnd(b, metadata),
        };
        if (end is null) return Truncated;
        if (end.Value < b.Length && b[end.Value..].ContainsAnyExcept((byte)0)) return Polyglot;
        foreach (var range in metadata)
            if (ContainsArchive(b[range])) return Polyglot;
        return ContainsMarkup(b) ? Polyglot : null;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Segments up to the first EOI; entropy-coded data after each SOS runs to the next marker that is not a stuffed
    // 0xFF00 or a restart marker.
    private static int? JpegEnd(ReadOnlySpan<byte> b, List<Range> metadata)
    {
        var pos = 2;
        while (true)
        {
            if (pos >= b.Length) return null;
            if (b[pos] != 0xFF) return null;
            while (pos < b.Length && b[pos] == 0xFF) pos++;
            if (pos >= b.Length) return null;
            var marker = b[pos++];
            if (marker == 0xD9) return pos;
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue;
            if (pos + 2 > b.Length) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(b[pos..]);
            if (length < 2 || pos + length > b.Length) return null;
            if (marker is >= 0xE0 and <= 0xEF or 0xFE) metadata.Add(new Range(pos + 2, pos + length));
            pos += length;
            if (marker != 0xDA) continue;
            while (true)
            {
                if (pos + 1 >= b.Length) return null;
                if (b[pos] != 0xFF) { pos++; continue; }
                var next = b[pos + 1];
                if (next == 0x00 || next is >= 0xD0 and <= 0xD7) { pos += 2; continue; }
                if (next == 0xFF) { pos++; continue; }
                break;
            }
        }
    }

    private static readonly HashSet<string> PngPixelChunks = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "acTL", "fcTL", "fdAT"];

    private static int? PngEnd(ReadOnlySpan<byte> b, List<Range> metadata)
    {
        var pos = 8;
        while (true)
        {
            if (pos + 12 > b.Length) return null;
            var length = BinaryPrimitives.ReadUInt32BigEndian(b[pos..]);
            if (length > int.MaxValue || pos + 12L + length > b.Length) return null;
            var type = Encoding.ASCII.GetString(b.Slice(pos + 4, 4));
            var dataStart = pos + 8;
            pos = dataStart + (int)length + 4;
            if (type == "IEND") return pos;
            if (!PngPixelChunks.Contains(type)) metadata.Add(new Range(dataStart, dataStart + (int)length));
        }
    }

    private static readonly HashSet<string> WebpPixelChunks = ["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF"];

    private static int? WebpEnd(ReadOnlySpan<byte> b, List<Range> metadata)
    {
        var riffEnd = 8L + BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
        if (riffEnd > b.Length) return null;
        var pos = 12;
        while (pos < riffEnd)
        {
            if (pos + 8 > riffEnd) return null;
            var type = Encoding.ASCII.GetString(b.Slice(pos, 4));
            var length = BinaryPrimitives.ReadUInt32LittleEndian(b[(pos + 4)..]);
            var dataStart = pos + 8;
            if (dataStart + (long)length > riffEnd) return null;
            if (!WebpPixelChunks.Contains(type)) metadata.Add(new Range(dataStart, dataStart + (int)length));
            pos = dataStart + (int)length + (int)(length & 1);
        }
        return (int)riffEnd;
    }

    // ZIP local header, central directory and end record: only looked for where free-form bytes live (metadata),
    // since compressed pixel data may contain any four bytes by chance.
    private static bool ContainsArchive(ReadOnlySpan<byte> b) =>
        b.IndexOf("PK\x03\x04"u8) >= 0 || b.IndexOf("PK\x01\x02"u8) >= 0 || b.IndexOf("PK\x05\x06"u8) >= 0 || b.IndexOf("%PDF-"u8) >= 0;

    private static readonly byte[][] Markup =
        ["<script"u8.ToArray(), "<html"u8.ToArray(), "<?php"u8.ToArray(), "<svg "u8.ToArray(), "<!doctype"u8.ToArray(),
         "<iframe"u8.ToArray(), "<object"u8.ToArray(), "<embed"u8.ToArray()];

    // Tags a browser or an interpreter would act on, anywhere in the file, in any letter case. Five bytes or more
    // each, so a chance match in compressed data is about one in 2^36 per position (well under 1 in 1,000 for a
    // 15 MB file; re-exporting the photo changes the bytes).
    private static bool ContainsMarkup(ReadOnlySpan<byte> b)
    {
        var pos = 0;
        while (true)
        {
            var i = b[pos..].IndexOf((byte)'<');
            if (i < 0) return false;
            pos += i;
            foreach (var tag in Markup)
                if (pos + tag.Length <= b.Length && StartsWithIgnoreCase(b[pos..], tag)) return true;
            pos++;
        }
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> b, byte[] tag)
    {
        for (var i = 0; i < tag.Length; i++)
        {
            var c = b[i];
            if (c is >= (byte)'A' and <= (byte)'Z') c = (byte)(c + 32);
            if (c != tag[i]) return false;
        }
        return true;
    }
}
