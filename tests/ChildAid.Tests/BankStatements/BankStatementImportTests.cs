using System.Text;
using ChildAid.Shared.BankStatements;
using ChildAid.Shared.Data;
using ChildAid.Shared.Import;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.BankStatements;

/// <summary>A statement import stores every line once, all or nothing, and refuses the same lines a second time.</summary>
public abstract class BankStatementImportTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private ServiceProvider _services = null!;
    private BankAccount _account = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _services = Db.Services();
        await using var db = Db.NewContext();
        var unit = await TestData.UnitAsync(db);
        _account = await BankTestData.AccountAsync(db, unit.Id, StatementPreset.Vietcombank);
    }

    public override async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await base.DisposeAsync();
    }

    private async Task<BankImportReport> ImportAsync(Stream file, string name = "vcb.csv", int batchSize = ImportPipeline.DefaultBatchSize)
    {
        await using var scope = Scope(_services, "ketoan@demo");
        scope.ServiceProvider.GetRequiredService<ImportPipeline>().BatchSize = batchSize;
        return await scope.ServiceProvider.GetRequiredService<BankStatementImporter>().RunAsync(_account.Id, file, name);
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Every_line_is_stored_once_and_only_credits_wait_to_be_matched()
    {
        await using var file = StatementParsingTests.Sample("vcb.csv");
        var report = await ImportAsync(file);

        Assert.True(report.Succeeded, string.Join("; ", report.Result.Errors));
        await using var db = Db.NewContext();
        var lines = await db.BankStatementLines.OrderBy(l => l.RowNumber).ToListAsync();
        Assert.Equal([BankLineStatus.Unmatched, BankLineStatus.Debit, BankLineStatus.Unmatched], lines.Select(l => l.Status));
        Assert.Equal(["id:5243.90051", "id:5243.90052", "id:5243.90077"], lines.Select(l => l.DedupeKey));
        Assert.Equal("CA7K3M9Q7", lines[0].FoundReference);
        Assert.Null(lines[2].FoundReference);
        var import = await db.BankStatementImports.SingleAsync();
        Assert.Equal((3, 2, "vcb.csv", "ketoan@demo"), (import.LineCount, import.CreditCount, import.FileName, import.ImportedBy));
        var audit = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(BankStatementImport));
        Assert.Equal("Nhập sao kê tài khoản VCB-QUY: 3 giao dịch (2 khoản tiền vào) từ tệp “vcb.csv”", audit.Label);
    }

    [Fact]
    public async Task The_same_file_imported_again_is_refused_in_one_sentence_and_nothing_is_written()
    {
        await using (var file = StatementParsingTests.Sample("vcb.csv")) Assert.True((await ImportAsync(file)).Succeeded);

        await using var again = StatementParsingTests.Sample("vcb.csv");
        var report = await ImportAsync(again, "vcb-lan-2.csv");

        var error = Assert.Single(report.Result.Errors);
        Assert.StartsWith("Tệp này đã được nhập vào tài khoản VCB-QUY ngày ", error.Message);
        Assert.EndsWith("(tệp “vcb.csv”): cả 3 giao dịch trong tệp đều đã có, nên không ghi gì thêm.", error.Message);
        await using var db = Db.NewContext();
        Assert.Equal(3, await db.BankStatementLines.CountAsync());
        Assert.Equal(1, await db.BankStatementImports.CountAsync());
    }

    [Fact]
    public async Task A_file_that_repeats_some_earlier_lines_names_each_of_them_and_writes_nothing()
    {
        await using (var file = StatementParsingTests.Sample("vcb.csv")) Assert.True((await ImportAsync(file)).Succeeded);
        var overlap = "Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Số dư,Mô tả\n" +
            "07/11/2026,5243.90077,,\"1,000,000\",\"11,300,000\",ung ho\n08/11/2026,5243.90100,,\"300,000\",\"11,600,000\",ung ho\n";

        var report = await ImportAsync(Csv(overlap), "thang-11.csv");

        var error = Assert.Single(report.Result.Errors);
        Assert.Equal(2, error.Row);
        Assert.Contains("đã được nhập vào tài khoản VCB-QUY", error.Message);
        Assert.Contains("(tệp “vcb.csv”, dòng 9) (số tham chiếu 5243.90077)", error.Message);
        await using var db = Db.NewContext();
        Assert.Equal(3, await db.BankStatementLines.CountAsync());
    }

    [Fact]
    public async Task One_bad_row_writes_nothing_and_the_report_names_the_row_even_after_good_batches()
    {
        var csv = new StringBuilder("Ngày giao dịch,Số tham chiếu,Số tiền ghi có,Mô tả\n");
        for (var i = 1; i <= 9; i++) csv.Append($"0{i}/11/2026,REF{i},\"100,000\",ung ho {i}\n");
        csv.Append("10/11/2026,REF10,\"100.000,5\",ung ho 10\n");

        var report = await ImportAsync(Csv(csv.ToString()), batchSize: 3);

        var error = Assert.Single(report.Result.Errors);
        Assert.Equal((11, "Số tiền ghi có"), (error.Row, error.Column));
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.BankStatementLines.CountAsync());
        Assert.Equal(0, await db.BankStatementImports.CountAsync());
    }

    [Fact]
    public async Task The_same_bank_id_twice_in_one_file_is_an_error_across_batches()
    {
        var csv = "Ngày giao dịch,Số tham chiếu,Số tiền ghi có,Mô tả\n01/11/2026,FT1,\"100,000\",a\n02/11/2026,FT2,\"100,000\",b\n03/11/2026,FT1,\"100,000\",c\n";

        var report = await ImportAsync(Csv(csv), batchSize: 2);

        var error = Assert.Single(report.Result.Errors);
        Assert.Equal(4, error.Row);
        Assert.Equal("Giao dịch trùng với dòng 2 của tệp này (số tham chiếu FT1).", error.Message);
    }

    [Fact]
    public async Task Identical_lines_without_bank_id_or_balance_are_two_gifts_and_the_file_again_is_still_refused()
    {
        var csv = "Ngày giao dịch,Số tiền ghi có,Mô tả\n01/11/2026,\"50,000\",ung ho\n01/11/2026,\"50,000\",ung ho\n";

        Assert.True((await ImportAsync(Csv(csv))).Succeeded);
        var again = await ImportAsync(Csv(csv));

        Assert.Contains("cả 2 giao dịch", Assert.Single(again.Result.Errors).Message);
        await using var db = Db.NewContext();
        var keys = await db.BankStatementLines.OrderBy(l => l.RowNumber).Select(l => l.DedupeKey).ToListAsync();
        Assert.Equal(2, keys.Count);
        Assert.StartsWith("h:", keys[0]);
        Assert.Equal(keys[0] + "#2", keys[1]);
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_line_with_the_same_key_for_the_account()
    {
        await using (var file = StatementParsingTests.Sample("vcb.csv")) Assert.True((await ImportAsync(file)).Succeeded);
        await using var db = Db.NewContext();
        var line = await db.BankStatementLines.AsNoTracking().FirstAsync();
        line.Id = 0;
        db.BankStatementLines.Add(line);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}

public class BankStatementImportTestsOnSqlite() : BankStatementImportTests(DatabaseProvider.Sqlite);

public class BankStatementImportTestsOnPostgres() : BankStatementImportTests(DatabaseProvider.Postgres);
