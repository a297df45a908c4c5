using ChildAid.Shared.Data;
using ChildAid.Shared.Import;
using ChildAid.Shared.Needs;
using ChildAid.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace ChildAid.Tests.Needs;

/// <summary>The template officers download and the exports, read back as a spreadsheet program would.</summary>
public abstract class NeedsTemplateTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task The_template_has_the_headers_drop_down_lists_the_instructions_and_the_communes_children_and_schools()
    {
        NeedsPlace p;
        var output = new MemoryStream();
        await using (var db = Db.NewContext())
        {
            p = await NeedsPlace.CreateAsync(db);
            Assert.Equal(4, await NeedsTemplate.WriteAsync(db, p.CommuneId, withChildren: true, output));
        }
        output.Position = 0;

        using var document = SpreadsheetDocument.Open(output, false);
        var book = document.WorkbookPart!;
        var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Nhu cầu", "Hướng dẫn", "Danh mục", "Trẻ em và trường"], sheets.Select(s => s.Name!.Value));
        string Text(Cell c) => c.InlineString?.Text?.Text ?? c.CellValue?.Text ?? "";
        // Each row as column letter → text (empty cells are absent from the file).
        List<Dictionary<string, string>> Rows(string name) => ((WorksheetPart)book.GetPartById(sheets.Single(s => s.Name == name).Id!)).Worksheet
            .GetFirstChild<SheetData>()!.Elements<Row>()
            .Select(r => r.Elements<Cell>().ToDictionary(c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()), Text)).ToList();

        Assert.Equal(NeedsSheet.Columns.Select(c => c.Header), Rows("Nhu cầu")[0].Values);
        var data = (WorksheetPart)book.GetPartById(sheets[0].Id!);
        var validations = data.Worksheet.GetFirstChild<DataValidations>()!.Elements<DataValidation>()
            .ToDictionary(v => v.SequenceOfReferences!.InnerText ?? "", v => (v.Type!.Value, v.Formula1!.Text ?? ""));
        Assert.Equal((DataValidationValues.List, "'Danh mục'!$B$2:$B$19"), validations["G2:G50001"]);
        Assert.Equal((DataValidationValues.List, "'Danh mục'!$A$2:$A$7"), validations["F2:F50001"]);
        Assert.Equal((DataValidationValues.List, "'Danh mục'!$C$2:$C$5"), validations["H2:H50001"]);
        Assert.Equal((DataValidationValues.List, "'Danh mục'!$D$2:$D$4"), validations["A2:A50001"]);
        Assert.Equal((DataValidationValues.List, "'Danh mục'!$E$2:$E$2"), validations["E2:E50001"]);

        var lists = Rows("Danh mục");
        Assert.Equal(NeedItemConfiguration.Catalogue.Select(i => i.NameVi).Order(), lists.Skip(1).Select(r => r["B"]).Order());
        Assert.Equal(NeedLabels.Categories.Values, lists.Skip(1).Take(6).Select(r => r["A"]));
        Assert.Contains(Rows("Hướng dẫn").SelectMany(r => r.Values), l => l.Contains("Mã trẻ", StringComparison.Ordinal) && l.Contains("Ngày sinh", StringComparison.Ordinal));
        var children = Rows("Trẻ em và trường");
        Assert.Contains(children, r => r["A"] == p.Hien.ToString(System.Globalization.CultureInfo.InvariantCulture) && r["B"] == "Rơ Mah Hiền");
        Assert.Equal("Trường TH Ia Đal", lists[1]["E"]);

        // The import reads its own template: the headers match (an empty template has no rows, not missing columns).
        output.Position = 0;
        await using var sp = Db.Services();
        await using var scope = Scope(sp);
        var result = await scope.ServiceProvider.GetRequiredService<NeedsImport>().RunAsync(p.ReviewId, output, "mau.xlsx");
        Assert.Equal("Tệp không có dòng dữ liệu nào.", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task A_review_exports_its_lines_with_the_template_columns_and_only_approved_reviews_are_in_the_approved_export()
    {
        NeedsPlace p;
        await using (var db = Db.NewContext()) p = await NeedsPlace.CreateAsync(db);
        await using (var sp = Db.Services())
        await using (var scope = Scope(sp))
        {
            var result = await scope.ServiceProvider.GetRequiredService<NeedsImport>().RunAsync(p.ReviewId,
                NeedsWorkbook.Write([NeedsWorkbook.Jacket(p.Hien), NeedsWorkbook.Jacket(p.Duc, "9–11 tuổi", 2)]), "a.xlsx");
            Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        }

        await using var context = Db.NewContext();
        await using (var file = await NeedsExport.WriteAsync(context, NeedsExport.OfReview(context, p.ReviewId), default))
        {
            var rows = file.Query(useHeaderRow: true, sheetName: NeedsSheet.DataSheet).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal(("Rơ Mah Hiền", "Áo ấm mùa đông", "6–8 tuổi", 1d), (rows[0]["Họ và tên trẻ"], rows[0]["Mặt hàng"], rows[0]["Cỡ theo tuổi"], rows[0]["Số lượng"]));
            Assert.Equal(360_000d, rows[1]["Thành tiền dự kiến (₫)"]);
            Assert.Equal("đang soạn", rows[1]["Trạng thái"]);
        }
        await using (var approved = await NeedsExport.WriteAsync(context, NeedsExport.Approved(context), default))
            Assert.DoesNotContain(approved.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>(), r => r.Values.Any(v => v is not null));
    }
}

public class NeedsTemplateTestsOnSqlite() : NeedsTemplateTests(DatabaseProvider.Sqlite);

public class NeedsTemplateTestsOnPostgres() : NeedsTemplateTests(DatabaseProvider.Postgres);
