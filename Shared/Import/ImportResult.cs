namespace ChildAid.Shared.Import;

/// <summary>One problem with one cell (or a whole row, or the file when <see cref="Row"/> is 0), in Vietnamese.</summary>
/// <param name="Row">The row number as the spreadsheet shows it (the header is row 1).</param>
/// <param name="Column">The column's header as the file has it ("" for the whole row).</param>
public sealed record ImportError(int Row, string Column, string Message)
{
    /// <summary>"Dòng 7, cột “Số lượng”: …", as the CLI prints it and the page lists it.</summary>
    public override string ToString() =>
        Row == 0 ? Message : Column.Length == 0 ? $"Dòng {Row}: {Message}" : $"Dòng {Row}, cột “{Column}”: {Message}";
}

/// <summary>How far an import has got: rows read from the sheet, checked against the rules and the database, written.</summary>
public sealed record ImportProgress(int RowsRead, int RowsChecked, int RowsWritten, ImportStage Stage)
{
    /// <summary>After writing, for an import that books what it wrote (a bank statement's lines naming a pledge): how many, and how many done.</summary>
    public int ToMatch { get; init; }
    public int Matched { get; init; }
}

public enum ImportStage { Reading = 1, Checking = 2, Writing = 3, Done = 4, Failed = 5, Matching = 6 }

/// <summary>What an import did: either every row was written, or none was and <see cref="Errors"/> says why, row by row.</summary>
public sealed record ImportResult(int RowsRead, int RowsWritten, IReadOnlyList<ImportError> Errors)
{
    /// <summary>Where the time went (for the benchmark and the CLI); null when the file was refused before any row.</summary>
    public ImportTimings? Timings { get; init; }

    /// <summary>The sheet row the header was found on: 1, or lower down in a bank's statement (the error workbook puts "Lỗi" there).</summary>
    public int HeaderRow { get; init; } = 1;

    public bool Succeeded => Errors.Count == 0;

    public static ImportResult Refused(string message) => new(0, 0, [new ImportError(0, "", message)]);
}

/// <summary>Time spent reading and parsing rows, checking batches (database look-ups included), and writing them (and the commit).</summary>
public sealed record ImportTimings(TimeSpan ReadAndParse, TimeSpan Check, TimeSpan Write);
