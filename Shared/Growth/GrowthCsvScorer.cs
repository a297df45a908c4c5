using System.Globalization;
using System.Text;
using ChildAid.Shared.Children;

namespace ChildAid.Shared.Growth;

/// <summary>A row that could not be read: its line in the file and what is wrong, in Vietnamese.</summary>
public sealed record GrowthCsvError(int Line, string Message)
{
    public override string ToString() => $"Dòng {Line}: {Message}";
}

/// <summary>Rows scored, and the rows refused (the first <see cref="GrowthCsvScorer.MaxErrorsListed"/> listed).</summary>
public sealed record GrowthCsvSummary(int Rows, int ErrorCount, IReadOnlyList<GrowthCsvError> Errors)
{
    public bool Succeeded => ErrorCount == 0;
}

/// <summary>
/// `growth score`: reads children as WHO's sample files lay them out (columns <c>sex</c> 1/2, <c>dob</c>, <c>dov</c>
/// yyyy-MM-dd, <c>age_days</c>, <c>age_months</c>, <c>weight_kg</c>, <c>lenhei_cm</c>, <c>measure</c> l/h, <c>oedema</c> y/n,
/// optionally <c>headc_cm</c>, <c>muac_cm</c>, <c>triskin_mm</c> and <c>subskin_mm</c> (skinfolds); any may be empty, other columns pass through unchanged) and writes each row
/// with its z-scores, the weight-for-length/height table used, the flags and the classification. One record in memory
/// at a time. Every row is checked; after the first bad row nothing more is written, and the caller discards the output.
/// </summary>
public sealed class GrowthCsvScorer(GrowthCalculator calculator)
{
    public const int MaxErrorsListed = 100;

    private static readonly string[] Inputs = ["sex", "dob", "dov", "age_days", "age_months", "weight_kg", "lenhei_cm", "measure", "oedema", "headc_cm", "muac_cm", "triskin_mm", "subskin_mm"];

    /// <summary>
    /// Scores a file into another: written beside the target and moved into place only when every row was good, so
    /// there is never half a result (a bad row leaves any earlier output file as it was).
    /// </summary>
    public GrowthCsvSummary ScoreFile(string inputPath, string outputPath, CancellationToken ct = default)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputPath))!, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            GrowthCsvSummary summary;
            using (var reader = new StreamReader(inputPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16))
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false), bufferSize: 1 << 16))
                summary = Score(reader, writer, ct);
            if (summary.Succeeded) File.Move(temporary, outputPath, overwrite: true);
            return summary;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public GrowthCsvSummary Score(TextReader input, TextWriter output, CancellationToken ct = default)
    {
        using var records = new CsvRecords(input);
        var errors = new List<GrowthCsvError>();
        var errorCount = 0;
        if (!records.Read())
            return new GrowthCsvSummary(0, 1, [new GrowthCsvError(1, "tệp trống: cần dòng tiêu đề với ít nhất cột sex.")]);
        var columns = Columns(records);
        if (columns[0] < 0)
            return new GrowthCsvSummary(0, 1, [new GrowthCsvError(1, $"thiếu cột sex trong dòng tiêu đề. Các cột đọc được: {string.Join(", ", Inputs)}.")]);
        var headerFields = records.FieldCount;
        var withHead = columns[9] >= 0;
        var withMuac = columns[10] >= 0;
        var withTriceps = columns[11] >= 0;
        var withSubscapular = columns[12] >= 0;
        output.Write(records.Record);
        output.Write(",zwfa,zlhfa,zwflh,zbfa");
        if (withHead) output.Write(",zhcfa");
        if (withMuac) output.Write(",zacfa");
        if (withTriceps) output.Write(",ztsfa");
        if (withSubscapular) output.Write(",zssfa");
        output.Write(",wflh_table,flags,classification\n");

        var rows = 0;
        var problems = new List<string>();
        while (records.Read())
        {
            if (++rows % 8192 == 0) ct.ThrowIfCancellationRequested();
            problems.Clear();
            var measurement = records.FieldCount == headerFields
                ? Parse(records, columns, problems)
                : default;
            if (records.FieldCount != headerFields)
                problems.Add($"có {records.FieldCount} cột, dòng tiêu đề có {headerFields} cột.");
            if (problems.Count > 0)
            {
                errorCount++;
                if (errors.Count < MaxErrorsListed) errors.Add(new GrowthCsvError(records.LineNumber, string.Join(" ", problems)));
                continue;
            }
            if (errorCount > 0) continue; // the output is discarded anyway: only check the rest

            var r = calculator.Compute(measurement);
            output.Write(records.Record);
            Write(output, r.WeightForAge);
            Write(output, r.LengthForAge);
            Write(output, r.WeightForLength);
            Write(output, r.BmiForAge);
            if (withHead) Write(output, r.HeadForAge);
            if (withMuac) Write(output, r.ArmForAge);
            if (withTriceps) Write(output, r.TricepsForAge);
            if (withSubscapular) Write(output, r.SubscapularForAge);
            output.Write(r.Table switch { WeightForLengthTable.Length => ",wfl,", WeightForLengthTable.Height => ",wfh,", _ => ",," });
            output.Write(NutritionStatusNames.Codes(r.Flags));
            output.Write(',');
            output.Write(NutritionStatusNames.Codes(r.Status));
            output.Write('\n');
        }
        return new GrowthCsvSummary(rows, errorCount, errors);
    }

    private static int[] Columns(CsvRecords header)
    {
        var columns = new int[Inputs.Length];
        Array.Fill(columns, -1);
        for (var i = 0; i < header.FieldCount; i++)
        {
            var at = Array.FindIndex(Inputs, name => header[i].Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
            if (at >= 0 && columns[at] < 0) columns[at] = i;
        }
        return columns;
    }

    private static GrowthMeasurement Parse(CsvRecords row, int[] columns, List<string> problems)
    {
        ReadOnlySpan<char> Cell(int input) => columns[input] < 0 ? default : Blank(row[columns[input]].Trim());

        Sex? sex = Cell(0) switch
        {
            [] => null,
            "1" or "m" or "M" => Sex.Male,
            "2" or "f" or "F" => Sex.Female,
            var other => Problem<Sex?>(problems, $"cột sex «{other}»: dùng 1 (nam) hoặc 2 (nữ), hoặc để trống."),
        };
        var born = Date(Cell(1), "dob", problems);
        var visit = Date(Cell(2), "dov", problems);
        if (born is { } b && visit is { } v && v < b) problems.Add($"ngày khám (dov) {v:yyyy-MM-dd} trước ngày sinh (dob) {b:yyyy-MM-dd}.");
        MeasuredPosition? position = Cell(7) switch
        {
            [] => null,
            "l" or "L" => MeasuredPosition.Lying,
            "h" or "H" => MeasuredPosition.Standing,
            var other => Problem<MeasuredPosition?>(problems, $"cột measure «{other}»: dùng l (đo nằm) hoặc h (đo đứng), hoặc để trống."),
        };
        var oedema = Cell(8) switch
        {
            [] or "n" or "N" or "2" => false,
            "y" or "Y" or "1" => true,
            var other => Problem<bool>(problems, $"cột oedema «{other}»: dùng y (có phù hai chân) hoặc n (không), hoặc để trống."),
        };
        return new GrowthMeasurement
        {
            Sex = sex, BirthDate = born, VisitDate = visit, Position = position, Oedema = oedema,
            AgeDays = Number(Cell(3), "age_days", problems),
            AgeMonths = Number(Cell(4), "age_months", problems),
            WeightKg = Number(Cell(5), "weight_kg", problems),
            LengthOrHeightCm = Number(Cell(6), "lenhei_cm", problems),
            HeadCircumferenceCm = Number(Cell(9), "headc_cm", problems),
            MuacCm = Number(Cell(10), "muac_cm", problems),
            TricepsSkinfoldMm = Number(Cell(11), "triskin_mm", problems),
            SubscapularSkinfoldMm = Number(Cell(12), "subskin_mm", problems),
        };
    }

    /// <summary>R writes a missing value as NA: read it as empty.</summary>
    private static ReadOnlySpan<char> Blank(ReadOnlySpan<char> cell) => cell is "NA" ? default : cell;

    private static T Problem<T>(List<string> problems, string message)
    {
        problems.Add(message);
        return default!;
    }

    private static double? Number(ReadOnlySpan<char> cell, string column, List<string> problems)
    {
        if (cell.IsEmpty) return null;
        if (double.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            if (value >= 0) return value;
            problems.Add($"cột {column} «{cell}» không được âm.");
            return null;
        }
        problems.Add($"cột {column} «{cell}» không phải số (dấu chấm thập phân, ví dụ 12.5).");
        return null;
    }

    private static DateOnly? Date(ReadOnlySpan<char> cell, string column, List<string> problems)
    {
        if (cell.IsEmpty) return null;
        if (DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        problems.Add($"cột {column} «{cell}» không phải ngày dạng yyyy-MM-dd (ví dụ 2024-03-15).");
        return null;
    }

    private static void Write(TextWriter output, double? z)
    {
        output.Write(',');
        if (z is not { } value) return;
        Span<char> text = stackalloc char[16];
        if (value.TryFormat(text, out var written, "0.00", CultureInfo.InvariantCulture)) output.Write(text[..written]);
    }
}
