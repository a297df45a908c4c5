using System.Globalization;
using System.Security.Cryptography;

namespace ChildAid.Shared.Growth;

/// <summary>
/// Reads the twelve WHO CSV files from the reference folder and refuses anything it would compute wrongly with: missing
/// file, other columns, a sex other than 1/2, a gap or step back in the keys, a missing or non-positive L/M/S (or L = 0),
/// an L/H column that does not match the age, or a row count other than WHO's. Every problem is named, with the file
/// and line, in Vietnamese then English, followed by how to install the tables.
/// </summary>
public static class GrowthReferenceLoader
{
    private const int MaxProblemsPerFile = 5;

    public const string InstallHintVi =
        "Cách cài: chép các tệp CSV của bảng WHO (Chuẩn tăng trưởng trẻ em WHO 2006 và Tham chiếu tăng trưởng WHO 2007; cột sex, khóa, L, M, S — " +
        "đúng định dạng thư mục who-growth của dự án) vào thư mục này, hoặc đặt Growth:ReferenceFolder (biến môi trường Growth__ReferenceFolder) " +
        "trỏ tới thư mục chứa chúng. Phần mềm không kèm các bảng này vì giấy phép của WHO (README, mục Growth).";

    public const string InstallHintEn =
        "To install: copy the WHO table CSV files (WHO Child Growth Standards 2006 and WHO Growth Reference 2007; columns sex, key, L, M, S — " +
        "the format of the project's who-growth folder) into this folder, or set Growth:ReferenceFolder (environment variable " +
        "Growth__ReferenceFolder) to the folder that holds them. They are not shipped with the software because of WHO's licence (README, section Growth).";

    /// <exception cref="GrowthReferenceException">The folder, a file or a row is missing or wrong.</exception>
    public static GrowthTables Load(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
            throw Problem(full, [($"Không thấy thư mục bảng tham chiếu WHO «{full}».", $"The WHO reference folder '{full}' does not exist.")]);
        var missing = GrowthTableFiles.All.Where(f => !File.Exists(Path.Combine(full, f.FileName))).Select(f => f.FileName).ToList();
        if (missing.Count > 0)
            throw Problem(full, [($"Thư mục bảng tham chiếu WHO «{full}» thiếu {missing.Count} tệp: {string.Join(", ", missing)}.",
                $"The WHO reference folder '{full}' lacks {missing.Count} file(s): {string.Join(", ", missing)}.")]);

        var problems = new List<(string Vi, string En)>();
        var tables = new Dictionary<GrowthTableFile, GrowthTable>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in GrowthTableFiles.All)
        {
            var bytes = File.ReadAllBytes(Path.Combine(full, file.FileName));
            hash.AppendData(bytes);
            if (Read(file, bytes, problems) is { } table) tables[file] = table;
        }
        if (problems.Count > 0) throw Problem(full, problems);
        return new GrowthTables
        {
            WeightForAge = tables[GrowthTableFiles.WeightForAge],
            LengthForAge = tables[GrowthTableFiles.LengthForAge],
            WeightForLength = tables[GrowthTableFiles.WeightForLength],
            WeightForHeight = tables[GrowthTableFiles.WeightForHeight],
            BmiForAge = tables[GrowthTableFiles.BmiForAge],
            HeadForAge = tables[GrowthTableFiles.HeadForAge],
            ArmForAge = tables[GrowthTableFiles.ArmForAge],
            TricepsForAge = tables[GrowthTableFiles.TricepsForAge],
            SubscapularForAge = tables[GrowthTableFiles.SubscapularForAge],
            HeightForAge2007 = tables[GrowthTableFiles.HeightForAge2007],
            WeightForAge2007 = tables[GrowthTableFiles.WeightForAge2007],
            BmiForAge2007 = tables[GrowthTableFiles.BmiForAge2007],
            Version = "WHO2006+2007:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16],
            Folder = full,
        };
    }

    private static GrowthReferenceException Problem(string folder, IReadOnlyList<(string Vi, string En)> problems) =>
        new($"Bảng tham chiếu tăng trưởng WHO chưa dùng được ({folder}):\n"
            + string.Join("\n", problems.Select(p => "  - " + p.Vi)) + "\n" + InstallHintVi + "\n"
            + $"The WHO growth reference tables cannot be used ({folder}):\n"
            + string.Join("\n", problems.Select(p => "  - " + p.En)) + "\n" + InstallHintEn);

    private static GrowthTable? Read(GrowthTableFile file, byte[] bytes, List<(string Vi, string En)> problems)
    {
        var found = 0;
        // Row problems are capped per file (one gap would otherwise report every row after it); the count always shows.
        void Report(string vi, string en, bool always = false)
        {
            if (++found <= MaxProblemsPerFile || always) problems.Add(($"Tệp {file.FileName}: {vi}", $"File {file.FileName}: {en}"));
        }

        using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine()?.Trim();
        if (!string.Equals(header, file.Header, StringComparison.OrdinalIgnoreCase))
        {
            Report($"dòng tiêu đề phải là «{file.Header}», đang là «{header}».", $"the header must be '{file.Header}', not '{header}'.");
            return null;
        }
        var rows = new[] { new List<Lms>(file.RowsPerSex), new List<Lms>(file.RowsPerSex) };
        var lastKey = new int?[2];
        var columns = file.PositionColumn is null ? 5 : 6;
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var at = $"dòng {lineNumber}";
            var atEn = $"line {lineNumber}";
            var cells = line.Split(',');
            if (cells.Length != columns)
            {
                Report($"{at} có {cells.Length} cột, cần {columns}.", $"{atEn} has {cells.Length} columns, not {columns}.");
                continue;
            }
            if (cells[0].Trim() is not ("1" or "2"))
            {
                Report($"{at}: giới tính «{cells[0]}» phải là 1 (nam) hoặc 2 (nữ).", $"{atEn}: sex '{cells[0]}' must be 1 (male) or 2 (female).");
                continue;
            }
            var sex = cells[0].Trim() == "1" ? 0 : 1;
            if (ParseKey(file, cells[1]) is not { } key)
            {
                Report($"{at}: khóa {file.KeyColumn} «{cells[1]}» không hợp lệ.", $"{atEn}: {file.KeyColumn} '{cells[1]}' is not a valid key.");
                continue;
            }
            var expectedKey = lastKey[sex] is { } previous ? previous + 1 : file.First;
            if (key != expectedKey)
            {
                Report($"{at}: {file.KeyColumn} = {cells[1]} nhưng theo thứ tự phải là {file.DescribeKey(expectedKey)} (tăng dần, không thiếu dòng).",
                    $"{atEn}: {file.KeyColumn} = {cells[1]} where {file.DescribeKey(expectedKey)} was expected (ascending, no gaps).");
                // Carry on from here (the row's own figures are still checked), so one gap is one problem.
            }
            lastKey[sex] = key;
            if (!TryNumber(cells[2], out var l) || l == 0 || !TryNumber(cells[3], out var m) || m <= 0 || !TryNumber(cells[4], out var s) || s <= 0)
            {
                Report($"{at}: thiếu hoặc sai L, M, S («{cells[2]}», «{cells[3]}», «{cells[4]}»; L khác 0, M và S dương).",
                    $"{atEn}: L, M, S missing or wrong ('{cells[2]}', '{cells[3]}', '{cells[4]}'; L non-zero, M and S positive).");
                continue;
            }
            if (file.ExpectedPosition(key) is { } position && !string.Equals(cells[5].Trim(), position, StringComparison.OrdinalIgnoreCase))
            {
                Report($"{at}: cột {file.PositionColumn} phải là {position}, đang là «{cells[5]}».", $"{atEn}: {file.PositionColumn} must be {position}, not '{cells[5]}'.");
                continue;
            }
            rows[sex].Add(new Lms(l, m, s));
        }

        var last = rows[0].Count > 0 ? file.First + rows[0].Count - 1 : file.First - 1;
        for (var sex = 0; sex < 2; sex++)
        {
            var count = rows[sex].Count;
            var accepted = count == file.RowsPerSex || file.ShortLast is { } shortLast && count == shortLast - file.First + 1;
            if (!accepted || file.First + count - 1 != last)
            {
                var (vi, en) = sex == 0 ? ("nam", "male") : ("nữ", "female");
                var expected = $"{file.RowsPerSex} ({file.KeyColumn} {file.DescribeKey(file.First)}–{file.DescribeKey(file.Last)})"
                               + (file.ShortLast is { } s ? $" hoặc {s - file.First + 1} (đến {s})" : "");
                var expectedEn = $"{file.RowsPerSex} ({file.KeyColumn} {file.DescribeKey(file.First)}–{file.DescribeKey(file.Last)})"
                                 + (file.ShortLast is { } s2 ? $" or {s2 - file.First + 1} (to {s2})" : "");
                Report($"{vi} có {count} dòng hợp lệ, cần {expected}, hai giới bằng nhau.",
                    $"{en} has {count} valid rows; {expectedEn} are expected, the same for both sexes.", always: true);
            }
        }
        return found > 0 ? null : new GrowthTable(file, file.First, last, [.. rows[0]], [.. rows[1]]);
    }

    private static int? ParseKey(GrowthTableFile file, string cell)
    {
        if (file.Key == GrowthTableKey.LengthTenths)
        {
            if (!decimal.TryParse(cell, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cm)) return null;
            var tenths = cm * 10;
            return tenths == decimal.Truncate(tenths) && tenths < int.MaxValue ? (int)tenths : null;
        }
        return int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var whole) ? whole : null;
    }

    private static bool TryNumber(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
