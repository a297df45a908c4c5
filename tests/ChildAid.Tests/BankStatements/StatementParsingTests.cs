using System.Text;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Data;
using ChildAid.Shared.Import;
using ChildAid.Tests.Infrastructure;
using MiniExcelLibs;

namespace ChildAid.Tests.BankStatements;

/// <summary>
/// Each preset reads a small synthetic export written from the documented layouts (../shared/vn/bank-statements.md):
/// title lines above the header, bilingual headers, the bank's own amount and date shapes, total and balance lines
/// passed over, and CSV in UTF-8 (with and without a mark) and UTF-16 (both byte orders). Parsed through the real
/// import pipeline, on both databases.
/// </summary>
public abstract class StatementParsingTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private sealed class Collect(StatementParser parser) : ImportDefinition<ParsedStatementLine>
    {
        public List<ParsedStatementLine> Lines { get; } = [];
        public override IReadOnlyList<ImportColumn> Columns => parser.Columns;
        public override int HeaderSearchRows => 60;
        public override string UnreadableMessage => StatementFile.Unreadable;
        public override ParsedStatementLine? Parse(ImportRow row) => parser.Parse(row);
        public override bool Continues(ImportRow row) => parser.Continues(row);
        public override ImportRow Fold(ImportRow above, ImportRow continuation) => parser.Fold(above, continuation);
        public override Task WriteAsync(IReadOnlyList<ParsedStatementLine> batch, CancellationToken ct)
        {
            Lines.AddRange(batch);
            return Task.CompletedTask;
        }
    }

    private async Task<(ImportResult Result, List<ParsedStatementLine> Lines)> ParseAsync(Stream file, StatementPreset preset)
    {
        await using var db = Db.NewContext();
        var definition = new Collect(new StatementParser(preset));
        IEnumerable<SheetRow> rows;
        try { rows = StatementFile.Read(file); }
        catch (InvalidDataException) { return (ImportResult.Refused(StatementFile.Unreadable), []); }
        var result = await new ImportPipeline(db).RunAsync(definition, rows);
        return (result, definition.Lines);
    }

    internal static FileStream Sample(string name) =>
        File.OpenRead(Path.Combine(RepositoryFolder.Root, "tests", "ChildAid.Tests", "BankStatements", "Samples", name));

    [Fact]
    public async Task A_Vietcombank_CSV_with_a_byte_order_mark_reads_credits_debits_and_skips_the_totals()
    {
        await using var file = Sample("vcb.csv");
        var (result, lines) = await ParseAsync(file, StatementPreset.Vietcombank);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal([500_000L, -200_000, 1_000_000], lines.Select(l => l.AmountVnd));
        Assert.Equal(["5243.90051", "5243.90052", "5243.90077"], lines.Select(l => l.TransactionId));
        Assert.Equal(new DateOnly(2026, 11, 5), lines[0].Date);
        Assert.Equal(10_500_000L, lines[0].BalanceVnd);
        Assert.Contains("CA 7K3M-9Q7", lines[0].Description);
        Assert.Equal(7, lines[0].RowNumber);
    }

    [Fact]
    public async Task A_BIDV_export_in_UTF16_little_endian_with_tabs_reads_dates_with_times_and_amounts_with_VND()
    {
        await using var file = Sample("bidv-utf16le.txt");
        var (result, lines) = await ParseAsync(file, StatementPreset.Bidv);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal([250_000L, 250_000, -50_000], lines.Select(l => l.AmountVnd));
        Assert.Equal([new DateOnly(2026, 11, 8), new DateOnly(2026, 11, 8), new DateOnly(2026, 11, 9)], lines.Select(l => l.Date));
        Assert.All(lines, l => Assert.Null(l.TransactionId));
        Assert.StartsWith("TKThe :0123456789, tai VCB. CAB4NH2TG", lines[0].Description);
    }

    [Fact]
    public async Task A_VietinBank_export_in_UTF16_big_endian_with_semicolons_and_dot_thousands_fills_blank_dates_down()
    {
        await using var file = Sample("vietinbank-utf16be.csv");
        var (result, lines) = await ParseAsync(file, StatementPreset.VietinBank);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal([1_500_000L, 300_000, 1_234], lines.Select(l => l.AmountVnd));
        Assert.Equal([new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 11)], lines.Select(l => l.Date));
        Assert.Equal(["7000001", "7000002", "7000003"], lines.Select(l => l.TransactionId));
    }

    [Fact]
    public async Task An_MB_export_in_UTF8_without_a_mark_reads_amounts_with_decimals_and_FT_references()
    {
        await using var file = Sample("mb.csv");
        var (result, lines) = await ParseAsync(file, StatementPreset.MbBank);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal([2_000_000L, 100_000], lines.Select(l => l.AmountVnd));
        Assert.Equal(["FT26316141130001", "FT26316141130002"], lines.Select(l => l.TransactionId));
        Assert.Equal(13_901_234L, lines[1].BalanceVnd);
    }

    [Fact]
    public async Task A_Techcombank_workbook_with_the_header_far_down_and_gaps_between_columns_reads_by_header_text()
    {
        using var file = new MemoryStream();
        var rows = new List<Dictionary<string, object?>>
        {
            Row(("A", "NGÂN HÀNG TMCP KỸ THƯƠNG VIỆT NAM - TECHCOMBANK")),
            Row(("A", "SỔ PHỤ KIÊM PHIẾU BÁO NỢ/CÓ / BANK STATEMENT")),
            Row(),
            Row(("A", "Số dư đầu kỳ / Open balance"), ("K", 5_000_000d)),
            Row(("A", "Ngày giao dịch\nTransaction Date"), ("C", "Đối tác\nRemitter"), ("D", "NH Đối tác\nRemitter Bank"), ("F", "Diễn giải\nDetails"),
                ("H", "Số bút toán\nTransaction No"), ("I", "Nợ/Debit"), ("J", "Có/Credit"), ("K", "Số dư/Balance")),
            Row(("A", new DateTime(2026, 11, 13)), ("C", "CONG TY CP BINH MINH"), ("D", "VCB"), ("F", "CAW5CF8JC ung ho ao am"), ("H", "FT26317141130003"),
                ("J", 3_000_000d), ("K", 8_000_000d)),
            Row(("A", "14/11/2026"), ("C", "NGUYEN THI B"), ("F", "ung ho"), ("H", "FT26318141130004"), ("J", "52,000"), ("K", "8,052,000")),
            Row(("A", "Cộng doanh số / Total volume"), ("I", 0d), ("J", 3_052_000d)),
            Row(("A", "Số dư cuối kì / Ending balance"), ("K", 8_052_000d)),
        };
        file.SaveAs(rows, printHeader: false);
        file.Position = 0;

        var (result, lines) = await ParseAsync(file, StatementPreset.Techcombank);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal([3_000_000L, 52_000], lines.Select(l => l.AmountVnd));
        Assert.Equal([new DateOnly(2026, 11, 13), new DateOnly(2026, 11, 14)], lines.Select(l => l.Date));
        Assert.Equal(["CONG TY CP BINH MINH", "NGUYEN THI B"], lines.Select(l => l.Counterparty));
    }

    [Fact]
    public async Task An_ACB_export_reads_money_in_and_out_columns()
    {
        var csv = """
            BẢNG SAO KÊ GIAO DỊCH
            Ngày giao dịch,Số giao dịch,Nội dung,Tiền rút ra,Tiền gửi vào,Số dư
            15/11/2026,ACB001,ung ho CAB4NH2TG,,"700,000","700,000"
            16/11/2026,ACB002,rut tien,"100,000",,"600,000"
            """;
        var (result, lines) = await ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), StatementPreset.Acb);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal([700_000L, -100_000], lines.Select(l => l.AmountVnd));
    }

    [Fact]
    public async Task A_custom_mapping_with_one_signed_amount_column_reads_parentheses_and_comma_decimals()
    {
        var csv = "Ngay;Noi dung chuyen khoan;So tien\r\n01/12/2026;ung ho;400.000,00\r\n01/12/2026;phi;(150.000)\r\n02/12/2026;hoan tien;-20.000\r\n";
        var preset = StatementPreset.Custom(new Dictionary<StatementField, string>
        {
            [StatementField.Date] = "Ngày", [StatementField.Description] = "Nội dung chuyển khoản", [StatementField.Amount] = "Số tiền",
        });
        var (result, lines) = await ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), StatementPreset.FromJson(preset.ToJson()));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal([400_000L, -150_000, -20_000], lines.Select(l => l.AmountVnd));
    }

    [Fact]
    public async Task A_description_that_wraps_onto_rows_of_its_own_is_joined_to_its_transaction_and_a_label_without_amounts_is_not()
    {
        var csv = "Ngày giao dịch,Số tham chiếu,Nợ,Có,Số dư,Mô tả\n"
            + "05/11/2026,5243.1,,\"500,000\",\"10,500,000\",MBVCB.3278907687.CA 7K3M-9Q7 ung ho\n"
            + ",,,,,ao am tu NGUYEN VAN A\n"
            + ",,,,,CONG TY TNHH HOA MAI\n"
            + "06/11/2026,5243.2,\"200,000\",,\"10,300,000\",Phi SMS\n"
            + ",,,,,Cộng phát sinh\n";
        var (result, lines) = await ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), StatementPreset.Vietcombank);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(2, lines.Count);
        Assert.Equal("MBVCB.3278907687.CA 7K3M-9Q7 ung ho ao am tu NGUYEN VAN A CONG TY TNHH HOA MAI", lines[0].Description);
        Assert.Equal((2, 500_000L), (lines[0].RowNumber, lines[0].AmountVnd));
        Assert.Equal("Phi SMS", lines[1].Description);
    }

    [Fact]
    public async Task A_bad_amount_and_a_bad_date_are_reported_by_row_and_column_header()
    {
        var csv = "Ngày giao dịch,Mô tả,Có\n01/12/2026,ung ho,\"100,000\"\n31/02/2026,ung ho,\"100,000\"\n02/12/2026,ung ho,\"12,5\"\n03/12/2026,ung ho,abc\n";
        var (result, lines) = await ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), StatementPreset.Vietcombank);

        Assert.False(result.Succeeded);
        Assert.Equal([3, 4, 5], result.Errors.Select(e => e.Row));
        Assert.Equal("Dòng 3, cột “Ngày giao dịch”: “31/02/2026” không phải ngày (dạng ngày/tháng/năm, ví dụ 01/12/2026).", result.Errors[0].ToString());
        Assert.Equal("Có", result.Errors[1].Column);
        Assert.Contains("số lẻ", result.Errors[1].Message);
        Assert.Empty(lines);
    }

    [Fact]
    public async Task A_file_without_the_presets_header_is_refused_naming_the_columns_it_needs()
    {
        var csv = "a,b,c\n1,2,3\n";
        var (result, _) = await ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), StatementPreset.MbBank);

        Assert.Contains("Không tìm thấy dòng tiêu đề", Assert.Single(result.Errors).Message);
        Assert.Contains("“Phát sinh có”", result.Errors[0].Message);
    }

    [Fact]
    public async Task Text_that_is_neither_UTF8_nor_UTF16_is_refused_as_unreadable()
    {
        var latin1 = new byte[] { 0x4E, 0x67, 0xE0, 0x79, 0x2C, 0x4D, 0xF4, 0x20, 0x74, 0xE1, 0x0A, 0x30, 0x31, 0x2C, 0xE9, 0x0A };
        var (result, _) = await ParseAsync(new MemoryStream(latin1), StatementPreset.Vietcombank);

        Assert.Equal(StatementFile.Unreadable, Assert.Single(result.Errors).Message);
    }

    private static Dictionary<string, object?> Row(params (string Column, object? Value)[] cells)
    {
        var row = new Dictionary<string, object?>();
        foreach (var letter in "ABCDEFGHIJK") row[letter.ToString()] = null;
        foreach (var (column, value) in cells) row[column] = value;
        return row;
    }
}

public class StatementParsingTestsOnSqlite() : StatementParsingTests(DatabaseProvider.Sqlite);

public class StatementParsingTestsOnPostgres() : StatementParsingTests(DatabaseProvider.Postgres);

/// <summary>Amounts as the banks write them: separators worked out per value, đồng have no decimals.</summary>
public class StatementAmountTests
{
    [Theory]
    [InlineData("26,338,000", 26_338_000L)]
    [InlineData("1,234,567.00", 1_234_567L)]
    [InlineData("1.000.000", 1_000_000L)]
    [InlineData("400.000,00", 400_000L)]
    [InlineData("52,000", 52_000L)]
    [InlineData("1,234,567 VND", 1_234_567L)]
    [InlineData("1.234.567 ₫", 1_234_567L)]
    [InlineData("(150,000)", -150_000L)]
    [InlineData("-150,000", -150_000L)]
    [InlineData("50 000", 50_000L)]
    [InlineData("1500000", 1_500_000L)]
    [InlineData("0.00", 0L)]
    public void An_amount_in_a_banks_shape_reads_as_whole_dong(string text, long expected)
    {
        Assert.Equal(expected, StatementAmount.Parse(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("12,5")]
    [InlineData("1.234,56")]
    [InlineData("1,23,456")]
    [InlineData("12.3456")]
    [InlineData("abc")]
    [InlineData("1.234,567,00")]
    public void An_amount_that_is_not_whole_dong_is_refused_with_a_reason(string text)
    {
        Assert.Null(StatementAmount.Parse(text, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void A_number_cell_reads_as_it_is() => Assert.Equal(3_000_000L, StatementAmount.Parse(3_000_000d, out _));
}
