using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChildAid.Shared.Growth;

/// <summary>
/// The records of a comma-separated file (CsvHelper's RFC 4180 parser), each with its raw text, so columns can be passed
/// through byte for byte, and the line it started on, for the error report. Memory is one record, whatever the file's size.
/// </summary>
public sealed class CsvRecords(TextReader reader) : IDisposable
{
    private readonly CsvParser _parser = new(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
    {
        BadDataFound = null, // a stray quote is passed through as it came; the columns read here are checked one by one
        IgnoreBlankLines = true,
        BufferSize = 1 << 16,
    });

    /// <summary>The record as read, without its line ending.</summary>
    public string Record { get; private set; } = "";
    /// <summary>1-based line on which the record starts (a header is line 1).</summary>
    public int LineNumber { get; private set; }
    public int FieldCount => _parser.Count;

    /// <summary>The next non-empty record; false at the end.</summary>
    public bool Read()
    {
        if (!_parser.Read()) return false;
        Record = _parser.RawRecord.TrimEnd('\r', '\n');
        // The parser counts the line a record ends on; a quoted cell may have carried it over several.
        LineNumber = _parser.RawRow - LineBreaks(Record);
        return true;
    }

    /// <summary>A cell's text, unquoted.</summary>
    public ReadOnlySpan<char> this[int index] => _parser[index];

    public void Dispose() => _parser.Dispose();

    private static int LineBreaks(string text)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) n++;
        return n;
    }
}
