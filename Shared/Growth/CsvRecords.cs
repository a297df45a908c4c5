namespace ChildAid.Shared.Growth;

/// <summary>
/// Reads a CSV file (RFC 4180: comma, double-quoted cells, "" inside quotes, line breaks inside quotes) one record at a
/// time, keeping the record's raw text, so columns can be passed through byte for byte, and the line it started on.
/// Memory is one record, whatever the file's size.
/// </summary>
public sealed class CsvRecords(TextReader reader)
{
    private Range[] _fields = new Range[32];
    private int _nextLine = 1;

    /// <summary>The record as read, without its line ending.</summary>
    public string Record { get; private set; } = "";
    /// <summary>1-based line on which the record starts (a header is line 1).</summary>
    public int LineNumber { get; private set; }
    public int FieldCount { get; private set; }

    /// <summary>The next non-empty record; false at the end.</summary>
    public bool Read()
    {
        while (true)
        {
            var line = reader.ReadLine();
            if (line is null) return false;
            LineNumber = _nextLine++;
            // An odd number of quotes means a quoted cell goes on to the next line.
            while (CountQuotes(line) % 2 == 1 && reader.ReadLine() is { } more)
            {
                _nextLine++;
                line = line + "\n" + more;
            }
            if (line.Length == 0) continue;
            Record = line;
            Split();
            return true;
        }
    }

    /// <summary>A cell's text: without its quotes when quoted (doubled quotes are left as they are: the columns read here never hold one).</summary>
    public ReadOnlySpan<char> this[int index] => Record.AsSpan()[_fields[index]];

    private static int CountQuotes(string line)
    {
        var n = 0;
        foreach (var c in line) if (c == '"') n++;
        return n;
    }

    private void Split()
    {
        FieldCount = 0;
        var text = Record;
        var i = 0;
        while (true)
        {
            if (FieldCount == _fields.Length) Array.Resize(ref _fields, _fields.Length * 2);
            int start, end;
            if (i < text.Length && text[i] == '"')
            {
                start = i + 1;
                var j = start;
                while (j < text.Length)
                {
                    if (text[j] == '"')
                    {
                        if (j + 1 < text.Length && text[j + 1] == '"')
                        {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                end = j;
                i = j < text.Length ? text.IndexOf(',', j) : -1;
            }
            else
            {
                start = i;
                i = text.IndexOf(',', i);
                end = i < 0 ? text.Length : i;
            }
            _fields[FieldCount++] = new Range(start, end);
            if (i < 0) return;
            i++;
        }
    }
}
