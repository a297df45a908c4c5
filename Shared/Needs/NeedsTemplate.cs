using ChildAid.Shared.Data;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ChildAid.Shared.Children;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Needs;

/// <summary>
/// The needs template (.xlsx) officers fill: the "Nhu cầu" sheet with the import's headers and drop-down lists (target,
/// category, item from the catalogue, size band, school), "Hướng dẫn" in plain Vietnamese, "Danh mục" holding the
/// lists, and — for a review's commune — "Trẻ em và trường" with the children (Mã trẻ, name, date of birth) and schools
/// to pick from. Written with DocumentFormat.OpenXml because MiniExcel cannot write data validation.
/// </summary>
public static class NeedsTemplate
{
    /// <summary>Rows of the data sheet the drop-down lists cover.</summary>
    public const int ValidatedRows = 50_000;

    /// <summary>The audit rows of a download with the commune's children name this (keyed by the review).</summary>
    public const string AuditEntity = "NeedsTemplate";

    public sealed record ChildChoice(int Id, string FullName, DateOnly DateOfBirth);

    /// <summary>
    /// The template; for a commune, with its schools, and its children only when <paramref name="withChildren"/> (personal
    /// data: the caller asked for a reason and audits the export). Returns how many children the file lists.
    /// </summary>
    public static async Task<int> WriteAsync(ChildAidDbContext db, int? communeId, bool withChildren, Stream output, CancellationToken ct = default)
    {
        var items = await db.NeedItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.Category).ThenBy(i => i.Id).ToListAsync(ct);
        List<ChildChoice> children = [];
        List<string> schools = [];
        if (communeId is { } id)
        {
            var units = await NeedsPlaces.UnitsOfCommuneAsync(db, id, ct);
            if (withChildren)
            {
                var rows = await ChildrenQuery(db, units).OrderBy(c => c.FullName).ThenBy(c => c.Id)
                    .Select(c => new { c.Id, c.FullName, c.DateOfBirth }).ToListAsync(ct);
                children = [.. rows.Select(c => new ChildChoice(c.Id, c.FullName, c.DateOfBirth))];
            }
            schools = await db.Organisations.AsNoTracking().Where(o => o.Type == Organisations.OrganisationType.School && units.Contains(o.AdminUnitId))
                .OrderBy(o => o.Name).Select(o => o.Name).ToListAsync(ct);
        }
        Write(items, children, schools, output);
        return children.Count;
    }

    /// <summary>How many children a commune's template would list (those of the registry the reader's scope covers).</summary>
    public static async Task<int> ChildrenCountAsync(ChildAidDbContext db, int communeId, CancellationToken ct = default) =>
        await ChildrenQuery(db, await NeedsPlaces.UnitsOfCommuneAsync(db, communeId, ct)).CountAsync(ct);

    private static IQueryable<Children.Child> ChildrenQuery(ChildAidDbContext db, IReadOnlyCollection<int> units) =>
        db.Children.AsNoTracking().InRegistry().Where(c => units.Contains(c.AdminUnitId));

    public static void Write(IReadOnlyList<NeedItem> items, IReadOnlyList<ChildChoice> children, IReadOnlyList<string> schools, Stream output)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        AddStyles(workbook);

        var lists = NeedsSheet.ListsSheet;
        var data = AddSheet(workbook, NeedsSheet.DataSheet, [NeedsSheet.Columns.Select(c => (object?)c.Header).ToArray()], header: true,
            widths: [12, 10, 24, 12, 24, 20, 26, 14, 10, 18, 16, 12, 12, 30, 30]);
        var categories = NeedLabels.Categories.Values.ToList();
        var bands = NeedLabels.SizeBands.Values.ToList();
        var targets = NeedLabels.Targets.Values.ToList();
        var listRows = new List<object?[]> { new object?[] { "Nhóm nhu cầu", "Mặt hàng", "Cỡ theo tuổi", "Đối tượng", "Trường", "Nhóm của mặt hàng", "Đơn vị tính", "Đơn giá thường gặp (₫)" } };
        for (var i = 0; i < new[] { categories.Count, items.Count, bands.Count, targets.Count, schools.Count }.Max(); i++)
            listRows.Add([categories.ElementAtOrDefault(i), items.ElementAtOrDefault(i)?.NameVi, bands.ElementAtOrDefault(i), targets.ElementAtOrDefault(i),
                schools.ElementAtOrDefault(i), items.ElementAtOrDefault(i) is { } it ? NeedLabels.Categories[it.Category] : null,
                items.ElementAtOrDefault(i) is { } u ? NeedLabels.Units[u.Unit] : null, items.ElementAtOrDefault(i)?.TypicalUnitCostVnd]);
        AddSheet(workbook, NeedsSheet.InstructionsSheet, Instructions.Select(line => new object?[] { line }).ToArray(), header: false, widths: [120]);
        AddSheet(workbook, lists, listRows, header: true, widths: [22, 28, 14, 12, 30, 22, 12, 20]);
        if (children.Count > 0 || schools.Count > 0)
            AddSheet(workbook, NeedsSheet.ChildrenSheet,
                [["Mã trẻ", "Họ và tên trẻ", "Ngày sinh"], .. children.Select(c => new object?[] { c.Id, c.FullName, c.DateOfBirth })], header: true, widths: [10, 30, 12]);

        // Drop-down lists on the data sheet: a value outside them is refused as the officer types (the import checks again).
        string Range(int column, int count) => $"'{lists}'!${(char)('A' + column)}$2:${(char)('A' + column)}${Math.Max(2, count + 1)}";
        var validations = new DataValidations();
        validations.Append(List("A", Range(3, targets.Count), "Đối tượng", "Chọn Trẻ em, Trường học hoặc Cả xã."));
        if (schools.Count > 0) validations.Append(List("E", Range(4, schools.Count), "Trường", "Chọn trường trong danh sách của xã."));
        validations.Append(List("F", Range(0, categories.Count), "Nhóm nhu cầu", "Chọn nhóm trong danh sách."));
        validations.Append(List("G", Range(1, items.Count), "Mặt hàng", "Chọn mặt hàng trong danh mục."));
        validations.Append(List("H", Range(2, bands.Count), "Cỡ theo tuổi", "Chọn cỡ 3–5, 6–8, 9–11 hoặc 12–15 tuổi."));
        validations.Count = (uint)validations.ChildElements.Count;
        var worksheet = data.Worksheet;
        worksheet.InsertAfter(validations, worksheet.GetFirstChild<SheetData>());
        workbook.Workbook.Save();
    }

    private static DataValidation List(string column, string formula, string title, string message) => new(new Formula1(formula))
    {
        Type = DataValidationValues.List, AllowBlank = true, ShowErrorMessage = true, ShowInputMessage = true,
        ErrorTitle = title, Error = message, PromptTitle = title, Prompt = message,
        SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}2:{column}{ValidatedRows + 1}" },
    };

    public static readonly string[] Instructions =
    [
        "HƯỚNG DẪN ĐIỀN MẪU NHU CẦU HỖ TRỢ TRẺ EM",
        "",
        "1. Mỗi dòng ở trang “Nhu cầu” là một nhu cầu: của một trẻ, của một trường, hoặc của cả xã. Không sửa dòng tiêu đề (dòng 1).",
        "2. Cột “Đối tượng”: chọn Trẻ em, Trường học hoặc Cả xã. Để trống thì hệ thống tự hiểu theo cột đã điền (có trẻ → Trẻ em; có trường → Trường học; không có → Cả xã).",
        "3. Trẻ em: ghi “Mã trẻ” (số hiện trong BackOffice và ở trang “Trẻ em và trường”), hoặc ghi đủ “Họ và tên trẻ” và “Ngày sinh”. Không cần gõ dấu đúng từng chữ, nhưng họ tên và ngày sinh phải khớp với trẻ của xã. Nếu có hai trẻ trùng họ tên và ngày sinh, hãy ghi Mã trẻ.",
        "4. “Trường”: ghi đúng tên trường của xã (chọn trong danh sách). Nhu cầu của trường thì bắt buộc; nhu cầu của trẻ thì có thể để trống.",
        "5. “Nhóm nhu cầu” có thể để trống; nếu ghi thì phải đúng nhóm của mặt hàng. “Mặt hàng” bắt buộc, chọn trong danh mục (trang “Danh mục”).",
        "6. “Cỡ theo tuổi” chỉ ghi cho áo ấm, áo len, ủng/giày ấm, mũ len và khăn: 3–5, 6–8, 9–11 hoặc 12–15 tuổi.",
        "7. “Số lượng”: số nguyên từ 1 đến 1.000.000 (cái/chiếc, bữa hoặc lượt, theo mặt hàng).",
        "8. “Đơn giá dự kiến (₫)”: số tiền một đơn vị, ví dụ 180000 hoặc 180.000. Để trống thì lấy đơn giá thường gặp trong danh mục.",
        "9. “Số trẻ được hưởng”: bắt buộc với nhu cầu của trường hoặc của cả xã; với nhu cầu của một trẻ thì để trống.",
        "10. “Từ ngày”, “Đến ngày”: ngày/tháng/năm (ví dụ 01/12/2026), nằm trong năm học của bản rà soát (01/09 năm nay – 31/08 năm sau). Để trống thì tính cả năm học.",
        "11. “Lý do (nếu trùng)”: chỉ ghi khi trẻ hoặc trường đã có hỗ trợ tương tự (trong bản rà soát này, ở xã khác hoặc do cơ quan khác đăng ký) mà vẫn cần thêm.",
        "",
        "Khi nhập tệp: hệ thống kiểm tra từng dòng. Chỉ cần một dòng sai thì chưa dòng nào được ghi; trang kết quả liệt kê từng lỗi (số dòng, cột, lý do)",
        "và cho tải lại chính tệp này có thêm cột “Lỗi” ở cuối. Sửa các dòng có lỗi rồi nhập lại cả tệp.",
    ];

    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" }) { Count = 1 },
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellStyleFormats(new CellFormat()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 3 });
    }

    private const uint BoldStyle = 1;
    private const uint DateStyle = 2;

    private static WorksheetPart AddSheet(WorkbookPart workbook, string name, IReadOnlyList<object?[]> rows, bool header, double[] widths)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var sheetData = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Length; c++)
                if (Cell(rows[r][c], $"{(char)('A' + c)}{r + 1}", header && r == 0) is { } cell) row.Append(cell);
            sheetData.Append(row);
        }
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true }));
        part.Worksheet = new Worksheet(columns, sheetData);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(sheets.ChildElements.Count + 1), Name = name });
        return part;
    }

    private static Cell? Cell(object? value, string reference, bool bold) => value switch
    {
        null => null,
        int or long => new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)), DataType = CellValues.Number },
        DateOnly d => new Cell { CellReference = reference, CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture)), StyleIndex = DateStyle },
        _ => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value.ToString()!)), StyleIndex = bold ? BoldStyle : null },
    };
}
