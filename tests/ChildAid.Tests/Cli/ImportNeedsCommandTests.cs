using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Cli;

/// <summary>`import needs --review COMMUNE/YEAR FILE.xlsx`: the page's import from the command line, same rules.</summary>
public abstract class ImportNeedsCommandTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static string Save(MemoryStream workbook)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nhu-cau-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(path, workbook.ToArray());
        return path;
    }

    [Fact]
    public async Task A_bad_row_is_printed_in_Vietnamese_with_exit_code_1_and_a_good_file_is_written_with_exit_code_0()
    {
        NeedsPlace p;
        await using (var db = Db.NewContext()) p = await NeedsPlace.CreateAsync(db);
        var bad = Save(NeedsWorkbook.Write([NeedsWorkbook.Jacket(p.Hien), NeedsWorkbook.Jacket(p.Duc, quantity: 2_000_000)]));
        var good = Save(NeedsWorkbook.Write([NeedsWorkbook.Jacket(p.Hien), NeedsWorkbook.Jacket(p.Duc)]));

        var (failed, failedOutput) = await CliRunner.RunAsync(Db, "import", "needs", "--review", $"{p.CommuneCode}/2026", bad);
        var (done, doneOutput) = await CliRunner.RunAsync(Db, "import", "needs", "--review", $"{p.CommuneCode}/2026", good);
        var (usage, _) = await CliRunner.RunAsync(Db, "import", "needs", good);
        var (unknown, unknownOutput) = await CliRunner.RunAsync(Db, "import", "needs", "--review", "99999/2026", good);

        Assert.Equal(1, failed);
        Assert.Contains("Dòng 3, cột “Số lượng”: Số lượng phải từ 1 đến 1.000.000.", failedOutput);
        Assert.Contains("Chưa ghi dòng nào", failedOutput);
        Assert.Equal(0, done);
        Assert.Contains($"Đã nhập 2 dòng nhu cầu vào bản rà soát số {p.ReviewId}", doneOutput);
        Assert.Equal(2, usage);
        Assert.Equal(1, unknown);
        Assert.Contains("Không có xã mã 99999.", unknownOutput);
        await using var check = Db.NewContext();
        Assert.Equal(2, await check.NeedLines.CountAsync(l => l.NeedsReviewId == p.ReviewId));
        Assert.Equal("cli:import-needs", (await check.AuditEntries.SingleAsync(a => a.Action == "Imported")).Actor);
    }

    [Fact]
    public async Task A_year_without_a_review_gets_a_new_draft()
    {
        NeedsPlace p;
        await using (var db = Db.NewContext()) p = await NeedsPlace.CreateAsync(db);
        var file = Save(NeedsWorkbook.Write([NeedsWorkbook.Row(("Mã trẻ", p.Hien), ("Mặt hàng", "Suất ăn trưa"), ("Số lượng", 100), ("Từ ngày", "01/10/2027"))]));

        var (code, output) = await CliRunner.RunAsync(Db, "import", "needs", "--review", $"{p.CommuneCode}/2027", file);

        Assert.True(code == 0, output);
        await using var check = Db.NewContext();
        var review = await check.NeedsReviews.Include(r => r.Lines).SingleAsync(r => r.Year == 2027);
        Assert.Equal((Shared.Needs.NeedsReviewStatus.Draft, 1), (review.Status, review.Lines.Count));
    }
}

public class ImportNeedsCommandTestsOnSqlite() : ImportNeedsCommandTests(DatabaseProvider.Sqlite);

public class ImportNeedsCommandTestsOnPostgres() : ImportNeedsCommandTests(DatabaseProvider.Postgres);
