using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace ChildAid.Tests.Media;

/// <summary>Image files made in the tests, benign and hostile, byte by byte where a camera or an attacker would.</summary>
public static class TestImages
{
    /// <summary>A JPEG whose stored top-left quarter is red, the rest blue (to see where a rotation puts it).</summary>
    public static byte[] Jpeg(int width, int height, SKColorSpace? colorSpace = null) =>
        Encode(width, height, SKEncodedImageFormat.Jpeg, colorSpace);

    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png, null);

    public static byte[] Webp(int width, int height) => Encode(width, height, SKEncodedImageFormat.Webp, null);

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, SKColorSpace? colorSpace)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul, colorSpace));
        surface.Canvas.Clear(SKColors.Blue);
        using (var red = new SKPaint { Color = SKColors.Red })
            surface.Canvas.DrawRect(0, 0, width / 2f, height / 2f, red);
        // Some texture, so that encoders produce realistic entropy-coded data.
        using (var line = new SKPaint { Color = SKColors.Yellow, StrokeWidth = 3 })
            for (var x = 0; x < width; x += 37) surface.Canvas.DrawLine(x, 0, width - x, height, line);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>
    /// A camera's metadata inserted after SOI: EXIF (orientation + a GPS block with "N" latitude), an XMP packet
    /// naming GPS fields, and a comment.
    /// </summary>
    public static byte[] WithCameraMetadata(byte[] jpeg, ushort orientation)
    {
        var segments = new List<byte>();
        segments.AddRange(Segment(0xE1, [.. "Exif\0\0"u8, .. Tiff(orientation)]));
        segments.AddRange(Segment(0xE1, Encoding.ASCII.GetBytes(
            "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
            "<rdf:Description exif:GPSLatitude=\"12,40.1N\" exif:GPSLongitude=\"108,3.2E\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\"/></rdf:RDF></x:xmpmeta>")));
        segments.AddRange(Segment(0xFE, "SecretCameraOwnerComment"u8.ToArray()));
        return [.. jpeg[..2], .. segments, .. jpeg[2..]];
    }

    public static byte[] InsertJpegSegment(byte[] jpeg, byte marker, byte[] payload) => [.. jpeg[..2], .. Segment(marker, payload), .. jpeg[2..]];

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var length = (ushort)(payload.Length + 2);
        return [0xFF, marker, (byte)(length >> 8), (byte)length, .. payload];
    }

    // Big-endian TIFF: IFD0 { Orientation, GPSInfo → GPS IFD { GPSLatitudeRef = "N" } }.
    private static byte[] Tiff(ushort orientation)
    {
        var b = new List<byte> { (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8 };
        void U16(int v) { b.Add((byte)(v >> 8)); b.Add((byte)v); }
        void U32(int v) { U16(v >> 16); U16(v & 0xFFFF); }
        U16(2);
        U16(0x0112); U16(3); U32(1); U16(orientation); U16(0);
        U16(0x8825); U16(4); U32(1); U32(8 + 2 + 2 * 12 + 4);
        U32(0);
        U16(1);
        U16(0x0001); U16(2); U32(2); b.Add((byte)'N'); b.Add(0); U16(0);
        U32(0);
        return [.. b];
    }

    /// <summary>A PNG that claims the given size in its header; its pixel data is a few bytes (a decompression bomb's shape).</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; ihdr[9] = 2;
        byte[] idat = [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. PngChunk("IHDR", ihdr), .. PngChunk("IDAT", idat), .. PngChunk("IEND", [])];
    }

    public static byte[] PngChunk(string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32([.. typeBytes, .. data]));
        return chunk;
    }

    /// <summary>Inserts a chunk right after IHDR.</summary>
    public static byte[] InsertPngChunk(byte[] png, string type, byte[] data) => [.. png[..33], .. PngChunk(type, data), .. png[33..]];

    /// <summary>A JPEG whose frame header (SOF) claims another size.</summary>
    public static byte[] JpegClaiming(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        for (var i = 2; i < copy.Length - 9; i++)
        {
            if (copy[i] != 0xFF || copy[i + 1] is not (0xC0 or 0xC1 or 0xC2)) continue;
            BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 5), (ushort)height);
            BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 7), (ushort)width);
            return copy;
        }
        throw new InvalidOperationException("No SOF marker.");
    }

    /// <summary>A minimal ZIP archive (one stored file), as appended to an image to make a polyglot.</summary>
    public static byte[] Zip()
    {
        var name = "run.sh"u8.ToArray();
        var content = "echo owned\n"u8.ToArray();
        var b = new List<byte>();
        b.AddRange("PK\x03\x04"u8.ToArray());
        b.AddRange(new byte[22]);
        b.AddRange(BitConverter.GetBytes((ushort)name.Length)); b.AddRange(new byte[2]);
        b.AddRange(name); b.AddRange(content);
        b.AddRange("PK\x05\x06"u8.ToArray()); b.AddRange(new byte[18]);
        return [.. b];
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var d in data)
        {
            crc ^= d;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>The JPEG markers of a file, in order (to prove which segments an output carries).</summary>
    public static List<byte> JpegMarkers(byte[] jpeg)
    {
        var markers = new List<byte>();
        var pos = 2;
        while (pos + 4 <= jpeg.Length && jpeg[pos] == 0xFF)
        {
            var marker = jpeg[pos + 1];
            markers.Add(marker);
            if (marker == 0xDA) break;
            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
        }
        return markers;
    }

    /// <summary>The chunk names of a WebP file.</summary>
    public static List<string> WebpChunks(byte[] webp)
    {
        var chunks = new List<string>();
        var pos = 12;
        while (pos + 8 <= webp.Length)
        {
            chunks.Add(Encoding.ASCII.GetString(webp, pos, 4));
            var length = BinaryPrimitives.ReadInt32LittleEndian(webp.AsSpan(pos + 4));
            pos += 8 + length + (length & 1);
        }
        return chunks;
    }
}
