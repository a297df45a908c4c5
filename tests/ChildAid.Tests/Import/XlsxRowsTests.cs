using ChildAid.Shared.Import;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;
using CellText = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace ChildAid.Tests.Import;

/// <summary>Every cell shape Excel, LibreOffice and MiniExcel write comes back as the value the officer sees, with Excel's row numbers.</summary>
public class XlsxRowsTests
{
    [Fact]
    public void A_workbook_written_by_MiniExcel_reads_back_text_numbers_and_dates()
    {
        using var file = new MemoryStream();
        file.SaveAs(new[]
        {
            new Dictionary<string, object?> { ["Họ và tên"] = "Rơ Mah Hiền", ["Số lượng"] = 1200, ["Ngày"] = new DateTime(2026, 9, 5), ["Đơn giá"] = 25000.5 },
        }, sheetName: "Nhu cầu");
        file.Position = 0;

        var rows = XlsxRows.Read(file, "Nhu cầu").ToList();

        Assert.Equal([1, 2], rows.Select(r => r.Number));
        Assert.Equal("Họ và tên", rows[0].Cells["A"]);
        Assert.Equal("Rơ Mah Hiền", rows[1].Cells["A"]);
        Assert.Equal(1200d, rows[1].Cells["B"]);
        Assert.Equal(new DateTime(2026, 9, 5), rows[1].Cells["C"]);
        Assert.Equal(25000.5, rows[1].Cells["D"]);
    }

    [Fact]
    public void Inline_and_rich_strings_booleans_custom_date_formats_and_empty_rows_read_as_Excel_shows_them()
    {
        using var file = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "Trang 1", SheetId = 1, Id = "rId9" }));
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable(
                new SharedStringItem(new CellText("Trường TH Ia Đal")),
                new SharedStringItem(new Run(new CellText("Áo ")), new Run(new CellText("ấm")), new PhoneticRun(new CellText("ignored")) { BaseTextStartIndex = 0, EndingBaseIndex = 1 }));
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" }, new NumberingFormat { NumberFormatId = 165, FormatCode = "#,##0\" đ\"" }),
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 164 }, new CellFormat { NumberFormatId = 165 }, new CellFormat { NumberFormatId = 14 }));
            var sheet = workbook.AddNewPart<WorksheetPart>("rId9");
            sheet.Worksheet = new Worksheet(new SheetData(
                new Row(new Cell { CellReference = "A1", DataType = CellValues.SharedString, CellValue = new CellValue("0") },
                    new Cell { CellReference = "C1", DataType = CellValues.InlineString, InlineString = new InlineString(new Run(new CellText("Số ")), new Run(new CellText("lượng"))) }) { RowIndex = 1 },
                new Row(new Cell { CellReference = "A4", DataType = CellValues.SharedString, CellValue = new CellValue("1") },
                    new Cell { CellReference = "B4", StyleIndex = 1, CellValue = new CellValue("46270") },
                    new Cell { CellReference = "C4", StyleIndex = 2, CellValue = new CellValue("180000") },
                    new Cell { CellReference = "D4", StyleIndex = 3, CellValue = new CellValue("46477") },
                    new Cell { CellReference = "E4", DataType = CellValues.Boolean, CellValue = new CellValue("1") },
                    new Cell { CellReference = "AB4", DataType = CellValues.String, CellValue = new CellValue("công thức") },
                    new Cell { CellReference = "F4" }) { RowIndex = 4 },
                new Row(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new CellText("không có địa chỉ ô")) }) { RowIndex = 5 }));
        }
        file.Position = 0;

        var rows = XlsxRows.Read(file).ToList();

        Assert.Equal([1, 4, 5], rows.Select(r => r.Number));
        Assert.Equal("Trường TH Ia Đal", rows[0].Cells["A"]);
        Assert.Equal("Số lượng", rows[0].Cells["C"]);
        Assert.Equal("Áo ấm", rows[1].Cells["A"]);
        Assert.Equal(new DateTime(2026, 9, 5), rows[1].Cells["B"]);
        Assert.Equal(180000d, rows[1].Cells["C"]);
        Assert.Equal(new DateTime(2027, 3, 31), rows[1].Cells["D"]);
        Assert.Equal(true, rows[1].Cells["E"]);
        Assert.Equal("công thức", rows[1].Cells["AB"]);
        Assert.False(rows[1].Cells.ContainsKey("F"));
        Assert.Equal("không có địa chỉ ô", rows[2].Cells["A"]);
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_or_lacks_the_sheet_is_refused_as_invalid_data()
    {
        Assert.Throws<InvalidDataException>(() => XlsxRows.Read(new MemoryStream("not a workbook"u8.ToArray())).ToList());
        using var file = new MemoryStream();
        file.SaveAs(new[] { new Dictionary<string, object?> { ["A"] = 1 } }, sheetName: "Một");
        file.Position = 0;
        Assert.Throws<InvalidDataException>(() => XlsxRows.Read(file, "Hai").ToList());
    }

    [Theory]
    [InlineData(1, "A")]
    [InlineData(26, "Z")]
    [InlineData(27, "AA")]
    [InlineData(702, "ZZ")]
    [InlineData(703, "AAA")]
    public void Column_numbers_become_Excel_letters(int column, string letters) => Assert.Equal(letters, XlsxRows.ColumnLetters(column));
}
