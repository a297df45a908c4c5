using System.Globalization;
using ChildAid.Shared.Data;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.AdminUnits;

/// <summary>One row of an administrative-unit CSV (content/reference/admin-units.csv format).</summary>
public sealed record AdminUnitRow(string File, int Line, string Level, string Code, string Name, string? ParentCode, string? ValidFrom, string? ValidTo, string? MergedIntoCode);

/// <summary>The outcome of an import: rows added, rows already present, and row-by-row errors (Vietnamese).</summary>
public sealed record AdminUnitImportResult(int Added, int AlreadyPresent, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports administrative units from CSV: <c>level,code,name,parent_code,valid_from,valid_to,merged_into_code[,source]</c>.
/// A row's natural key is (code, level, valid_from). The parent is the row with <c>parent_code</c> in force on the
/// row's <c>valid_from</c>; the successor is the row with <c>merged_into_code</c> that starts the day after
/// <c>valid_to</c>. Every row is checked first; if any is wrong nothing is written. Importing the same file twice adds nothing.
/// </summary>
public static class AdminUnitCsv
{
    private static CsvConfiguration Config => new(CultureInfo.InvariantCulture) { NewLine = "\n", TrimOptions = TrimOptions.Trim };

    public static List<AdminUnitRow> Read(TextReader reader, string file = "")
    {
        using var csv = new CsvReader(reader, Config);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<AdminUnitRow>();
        while (csv.Read())
        {
            rows.Add(new AdminUnitRow(
                file,
                csv.Parser.RawRow,
                csv.GetField("level") ?? "",
                csv.GetField("code") ?? "",
                csv.GetField("name") ?? "",
                Blank(csv.GetField("parent_code")),
                Blank(csv.GetField("valid_from")),
                Blank(csv.GetField("valid_to")),
                Blank(csv.GetField("merged_into_code"))));
        }
        return rows;
    }

    public static async Task<AdminUnitImportResult> ImportAsync(ChildAidDbContext db, IReadOnlyList<AdminUnitRow> rows, bool isDemo, CancellationToken ct = default)
    {
        var errors = new List<string>();
        var existing = await db.AdminUnits.ToListAsync(ct);
        var all = new List<AdminUnit>(existing);
        var fromFile = new List<(AdminUnitRow Row, AdminUnit Unit, bool IsNew)>();

        foreach (var row in rows)
        {
            var rowErrors = new List<string>();
            if (!TryLevel(row.Level, out var level)) rowErrors.Add($"cấp \"{row.Level}\" không hợp lệ (province, district, commune, village)");
            if (string.IsNullOrWhiteSpace(row.Code)) rowErrors.Add("thiếu mã đơn vị");
            else if (row.Code.Length > 16) rowErrors.Add("mã đơn vị dài quá 16 ký tự");
            if (string.IsNullOrWhiteSpace(row.Name)) rowErrors.Add("thiếu tên đơn vị");
            var from = ParseDate(row.ValidFrom, "ngày bắt đầu hiệu lực", rowErrors);
            var to = ParseDate(row.ValidTo, "ngày hết hiệu lực", rowErrors);
            if (from is not null && to is not null && to < from) rowErrors.Add("ngày hết hiệu lực trước ngày bắt đầu");
            if (rowErrors.Count > 0)
            {
                errors.Add($"{At(row)}: {string.Join("; ", rowErrors)}.");
                continue;
            }
            var unit = all.FirstOrDefault(u => u.Code == row.Code && u.Level == level && u.ValidFrom == from);
            var isNew = unit is null;
            unit ??= new AdminUnit { Code = row.Code, Level = level, Name = row.Name.Trim(), ValidFrom = from, ValidTo = to, IsDemo = isDemo };
            if (isNew) all.Add(unit);
            fromFile.Add((row, unit, isNew));
        }

        foreach (var (row, unit, isNew) in fromFile.Where(f => f.IsNew))
        {
            if (row.ParentCode is { } parentCode)
            {
                var parent = all.Where(u => u.Code == parentCode && u.Level < unit.Level && (unit.ValidFrom is null || u.IsValidOn(unit.ValidFrom.Value)))
                    .OrderByDescending(u => u.Level).ThenBy(u => u.ValidFrom).FirstOrDefault();
                if (parent is null) errors.Add($"{At(row)}: không tìm thấy đơn vị cấp trên mã {parentCode} còn hiệu lực vào {Show(unit.ValidFrom)}.");
                else unit.Parent = parent;
            }
            if (row.MergedIntoCode is { } nextCode)
            {
                if (unit.ValidTo is null) { errors.Add($"{At(row)}: có mã đơn vị kế thừa nhưng thiếu ngày hết hiệu lực."); continue; }
                var startsNext = unit.ValidTo.Value.AddDays(1);
                var next = all.Where(u => u.Code == nextCode && u.ValidFrom == startsNext).OrderBy(u => u.Level == unit.Level ? 0 : 1).FirstOrDefault();
                if (next is null) errors.Add($"{At(row)}: không tìm thấy đơn vị kế thừa mã {nextCode} bắt đầu từ {Show(startsNext)}.");
                else unit.MergedInto = next;
            }
        }

        var duplicates = fromFile.GroupBy(f => f.Unit).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1));
        errors.AddRange(duplicates.Select(d => $"{At(d.Row)}: trùng mã {d.Row.Code}, cấp và ngày bắt đầu với một dòng trước."));

        if (errors.Count > 0) return new AdminUnitImportResult(0, 0, errors);
        var added = fromFile.Where(f => f.IsNew).Select(f => f.Unit).Distinct().ToList();
        db.AdminUnits.AddRange(added);
        await db.SaveChangesAsync(ct);
        return new AdminUnitImportResult(added.Count, fromFile.Count - added.Count, []);
    }

    public static async Task<AdminUnitImportResult> ImportFileAsync(ChildAidDbContext db, string path, bool isDemo, CancellationToken ct = default)
    {
        using var reader = new StreamReader(path);
        return await ImportAsync(db, Read(reader, Path.GetFileName(path)), isDemo, ct);
    }

    private static string At(AdminUnitRow row) => string.IsNullOrEmpty(row.File) ? $"Dòng {row.Line}" : $"{row.File}, dòng {row.Line}";

    private static bool TryLevel(string text, out AdminUnitLevel level) =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out level) && Enum.IsDefined(level);

    private static DateOnly? ParseDate(string? text, string what, List<string> errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Add($"{what} \"{text}\" không đúng dạng yyyy-MM-dd");
        return null;
    }

    private static string Show(DateOnly? d) => d?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "(không rõ)";

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
