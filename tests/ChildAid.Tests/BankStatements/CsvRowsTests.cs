using System.Text;
using ChildAid.Shared.BankStatements;

namespace ChildAid.Tests.BankStatements;

/// <summary>The CSV side of a statement file: separator guessed as a bank's file needs, rows numbered as a spreadsheet shows them.</summary>
public class CsvRowsTests
{
    private static List<ChildAid.Shared.Import.SheetRow> Rows(string text) =>
        CsvRows.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), new UTF8Encoding(false, true)).ToList();

    [Fact]
    public void A_semicolon_file_with_comma_thousands_splits_on_semicolons_and_numbers_rows_with_blank_lines_counted()
    {
        var rows = Rows("\uFEFFNgày;Số tiền;Mô tả\r\n05/11/2026;1,200,000;\"CK; \"\"CA7K3M\"\"\nTHANG 11\"\r\n\r\n06/11/2026;500,000;x\"y\r\n");

        Assert.Equal([1, 2, 4], rows.Select(r => r.Number));
        Assert.Equal("Ngày", rows[0].Cells["A"]);
        Assert.Equal("1,200,000", rows[1].Cells["B"]);
        Assert.Equal("CK; \"CA7K3M\"\nTHANG 11", rows[1].Cells["C"]);
        Assert.Equal("x\"y", rows[2].Cells["C"]); // a stray quote is text, as a spreadsheet reads it
    }

    [Fact]
    public void A_tab_separated_export_splits_on_tabs()
    {
        var rows = Rows("Date\tAmount\n05/11/2026\t1.200.000\n");
        Assert.Equal("1.200.000", rows[1].Cells["B"]);
    }

    [Fact]
    public void A_quote_that_is_never_closed_refuses_the_file_rather_than_lose_its_last_lines()
    {
        Assert.Throws<InvalidDataException>(() => Rows("a;b\n1;\"unclosed\n2;3\n4;5\n"));
    }
}
