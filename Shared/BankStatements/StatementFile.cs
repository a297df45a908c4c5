using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ChildAid.Shared.Import;

namespace ChildAid.Shared.BankStatements;

/// <summary>
/// A statement file as rows, whatever the bank's export gave: an .xlsx workbook (<see cref="XlsxRows"/>) or a CSV file in
/// UTF-8 (with or without a byte-order mark) or UTF-16 little- or big-endian (Excel's "Unicode text", with a mark, or
/// without one when every other byte is zero), separated by commas, semicolons or tabs. Both come back as
/// <see cref="SheetRow"/>s keyed by column letter, so the import reads them the same way. Streaming: the file is never
/// held whole.
/// </summary>
public static class StatementFile
{
    public const string Unreadable =
        "Không đọc được tệp sao kê: hãy tải lên tệp Excel (.xlsx) hoặc CSV (UTF-8 hoặc UTF-16) xuất từ ngân hàng. Tệp .xls cũ: mở bằng Excel rồi lưu lại thành .xlsx.";

    /// <summary>The rows of the statement; a stream that can seek (a file, a buffered upload).</summary>
    /// <exception cref="InvalidDataException">Not a workbook or text in a known encoding.</exception>
    public static IEnumerable<SheetRow> Read(Stream stream)
    {
        if (!stream.CanSeek) throw new ArgumentException("A seekable stream is needed to tell a workbook from a CSV file.", nameof(stream));
        Span<byte> head = stackalloc byte[4];
        var start = stream.Position;
        var n = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = start;
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return XlsxRows.Read(stream);
        // The old binary .xls (an OLE compound file) is not read: the bank's Excel can save it as .xlsx.
        if (n >= 4 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0) throw new InvalidDataException("Binary .xls is not read.");
        return CsvRows.Read(stream, DetectEncoding(stream));
    }

    /// <summary>From the byte-order mark, or from where the zero bytes of ASCII text in UTF-16 fall; else strict UTF-8.</summary>
    public static Encoding DetectEncoding(Stream stream)
    {
        var start = stream.Position;
        var sample = new byte[4096];
        var n = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        stream.Position = start;
        if (n >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF) return new UTF8Encoding(false, true);
        if (n >= 2 && sample[0] == 0xFF && sample[1] == 0xFE) return new UnicodeEncoding(false, true, true);
        if (n >= 2 && sample[0] == 0xFE && sample[1] == 0xFF) return new UnicodeEncoding(true, true, true);
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < n; i++)
            if (sample[i] == 0) { if (i % 2 == 0) evenZeros++; else oddZeros++; }
        if (n >= 4 && oddZeros > n / 4 && evenZeros == 0) return new UnicodeEncoding(false, false, true);
        if (n >= 4 && evenZeros > n / 4 && oddZeros == 0) return new UnicodeEncoding(true, false, true);
        return new UTF8Encoding(false, true);
    }
}

/// <summary>
/// RFC 4180 CSV through CsvHelper's parser, streamed: quoted fields may hold separators, quotes ("") and line breaks; a
/// row's number is its record number (what a spreadsheet shows when it opens the file, blank lines counted). The
/// separator — comma, semicolon or tab — is the one that occurs, outside quotes, on the most of the first lines (ties:
/// tab, then semicolon, then comma, since amounts such as 1,234,567 put commas into a semicolon file); CsvHelper's own
/// guess prefers the culture's list separator, which is wrong for those files.
/// </summary>
public static class CsvRows
{
    public static IEnumerable<SheetRow> Read(Stream stream, Encoding encoding)
    {
        var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            GetDelimiter = args => DetectSeparator(args.Text).ToString(),
            BadDataFound = null, // a stray quote inside an unquoted cell is text, as a spreadsheet reads it
            IgnoreBlankLines = true,
            BufferSize = 1 << 16,
        };
        return Records(new CsvParser(reader, config));
    }

    private static IEnumerable<SheetRow> Records(CsvParser parser)
    {
        using (parser)
        {
            while (Next(parser))
            {
                var cells = new Dictionary<string, object?>(parser.Count, StringComparer.Ordinal);
                for (var i = 0; i < parser.Count; i++)
                {
                    var text = parser[i];
                    if (parser.Row == 1 && i == 0) text = text.TrimStart('\uFEFF');
                    if (!string.IsNullOrWhiteSpace(text)) cells[XlsxRows.ColumnLetters(i + 1)] = text.Trim();
                }
                if (cells.Count > 0) yield return new SheetRow(parser.Row, cells);
            }
        }
    }

    private static bool Next(CsvParser parser)
    {
        bool read;
        try
        {
            read = parser.Read();
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("The file is not text in UTF-8 or UTF-16.", e);
        }
        // An opening quote that is never closed swallows the rest of the file into one cell: refuse it rather than
        // import a statement whose last lines went missing.
        if (read && parser.RawRecord.AsSpan().TrimEnd("\r\n").ContainsAny('\r', '\n') && parser.RawRecord.Count(c => c == '"') % 2 == 1)
            throw new InvalidDataException("A quoted field is not closed.");
        return read;
    }

    private static char DetectSeparator(string sample)
    {
        char[] candidates = ['\t', ';', ','];
        var lines = new int[candidates.Length];
        var seen = new bool[candidates.Length];
        var quoted = false;
        foreach (var ch in sample)
        {
            if (ch == '"') quoted = !quoted;
            else if (!quoted && ch is '\n')
            {
                for (var i = 0; i < seen.Length; i++) { if (seen[i]) lines[i]++; seen[i] = false; }
            }
            else if (!quoted)
                for (var i = 0; i < candidates.Length; i++) if (ch == candidates[i]) seen[i] = true;
        }
        for (var i = 0; i < seen.Length; i++) if (seen[i]) lines[i]++;
        var best = 2;
        for (var i = 0; i < candidates.Length; i++) if (lines[i] > lines[best] || (lines[i] == lines[best] && i < best)) best = i;
        return candidates[best];
    }
}
