using ChildAid.Shared.Data;
using ChildAid.Shared.Import;
using ChildAid.Shared.Needs;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static ChildAid.Tests.Needs.NeedsWorkbook;

namespace ChildAid.Tests.Needs;

/// <summary>Importing a filled needs workbook: every row checked, all rows written in one go or none, errors row by row in Vietnamese.</summary>
public abstract class NeedsImportTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private async Task<NeedsPlace> PlaceAsync()
    {
        await using var db = Db.NewContext();
        return await NeedsPlace.CreateAsync(db);
    }

    private async Task<NeedsPlace> PlaceAsync2()
    {
        await using var db = Db.NewContext();
        return await NeedsPlace.CreateAsync(db, "23536", "Xã Ia Tôi", "Trường TH Ia Tôi");
    }

    private async Task<ImportResult> ImportAsync(int reviewId, MemoryStream file, List<ImportProgress>? progress = null, int? batchSize = null)
    {
        await using var sp = Db.Services();
        await using var scope = Scope(sp, "canbo.xa");
        if (batchSize is { } size) scope.ServiceProvider.GetRequiredService<ImportPipeline>().BatchSize = size;
        var reports = progress is null ? null : new SynchronousProgress(progress);
        return await scope.ServiceProvider.GetRequiredService<NeedsImport>().RunAsync(reviewId, file, "nhu-cau.xlsx", reports);
    }

    private async Task<List<NeedLine>> LinesAsync(int reviewId)
    {
        await using var db = Db.NewContext();
        return await db.NeedLines.Where(l => l.NeedsReviewId == reviewId).OrderBy(l => l.Id).ToListAsync();
    }

    private sealed class SynchronousProgress(List<ImportProgress> into) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => into.Add(value);
    }

    [Fact]
    public async Task A_good_workbook_writes_every_line_with_its_level_and_one_summary_audit_row()
    {
        var p = await PlaceAsync();
        var progress = new List<ImportProgress>();
        var file = Write([
            Jacket(p.Hien),
            Row(("Họ và tên trẻ", "ro mah hien"), ("Ngày sinh", "01/03/2019"), ("Mặt hàng", "Suất ăn trưa"), ("Số lượng", "1.200"),
                ("Đơn giá dự kiến (₫)", "25.000"), ("Từ ngày", new DateTime(2026, 9, 5)), ("Đến ngày", "31/05/2027")),
            Row(("Đối tượng", "Trường học"), ("Trường", "trường th ia đal"), ("Mặt hàng", "Thiết bị vui chơi"), ("Số lượng", 2), ("Số trẻ được hưởng", 120)),
            Row(("Đối tượng", "Cả xã"), ("Mặt hàng", "Lượt khám sức khỏe"), ("Số lượng", 300), ("Số trẻ được hưởng", 300), ("Ghi chú", "Ngày khám tập trung")),
        ]);

        var result = await ImportAsync(p.ReviewId, file, progress);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(4, result.RowsWritten);
        var lines = await LinesAsync(p.ReviewId);
        Assert.Equal(4, lines.Count);
        Assert.Equal((NeedTarget.Child, p.Hien, SizeBand.Age6To8, 1, 180_000L), (lines[0].Target, lines[0].ChildId, lines[0].SizeBand, lines[0].Quantity, lines[0].EstimatedUnitCostVnd));
        Assert.Equal(new DateOnly(2026, 9, 1), lines[0].PeriodStart);
        Assert.Equal((p.Hien, 1200, 25_000L, new DateOnly(2026, 9, 5), new DateOnly(2027, 5, 31)),
            (lines[1].ChildId!.Value, lines[1].Quantity, lines[1].EstimatedUnitCostVnd, lines[1].PeriodStart, lines[1].PeriodEnd));
        Assert.Equal((NeedTarget.School, p.SchoolId, 120), (lines[2].Target, lines[2].SchoolId!.Value, lines[2].ChildrenCount));
        Assert.Equal((NeedTarget.Commune, "Ngày khám tập trung"), (lines[3].Target, lines[3].Note));
        // An orphan of a poor household: her lines are more urgent than the commune's, and say why.
        Assert.True(lines[0].ComputedLevel < lines[3].ComputedLevel);
        Assert.NotEqual("", lines[0].PriorityReasons);
        Assert.Equal(ImportStage.Done, progress[^1].Stage);
        Assert.Equal((4, 4, 4), (progress[^1].RowsRead, progress[^1].RowsChecked, progress[^1].RowsWritten));

        await using var db = Db.NewContext();
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(NeedsReview) || a.EntityType == nameof(NeedLine)).ToListAsync();
        var summary = Assert.Single(audit);
        Assert.Equal(("Imported", "canbo.xa", p.CommuneId), (summary.Action, summary.Actor, summary.AdminUnitId!.Value));
        Assert.Contains("4 dòng nhu cầu", summary.Label);

        // Written in bulk, read back by EF as if EF had written them: found by key (Guid), enums and dates intact.
        foreach (var line in lines)
        {
            var again = await db.NeedLines.SingleAsync(l => l.Key == line.Key);
            Assert.Equal((line.Id, line.Category, line.Unit, line.PeriodEnd, line.Version), (again.Id, again.Category, again.Unit, again.PeriodEnd, 0));
        }
        Assert.Equal(4, await db.NeedLines.CountAsync(l => l.NeedsReviewId == p.ReviewId && (l.SizeBand == null || l.SizeBand == SizeBand.Age6To8)));
    }

    [Fact]
    public async Task A_workbook_with_one_bad_row_writes_nothing_and_reports_that_row_its_column_and_the_reason()
    {
        var p = await PlaceAsync();
        var file = Write([Jacket(p.Hien), Jacket(p.Duc, quantity: 0), Jacket(p.Twin1)]);

        var result = await ImportAsync(p.ReviewId, file);

        var error = Assert.Single(result.Errors);
        Assert.Equal(new ImportError(3, "Số lượng", "Số lượng phải từ 1 đến 1.000.000."), error);
        Assert.Equal("Dòng 3, cột “Số lượng”: Số lượng phải từ 1 đến 1.000.000.", error.ToString());
        Assert.Equal(0, result.RowsWritten);
        Assert.Empty(await LinesAsync(p.ReviewId));
    }

    [Fact]
    public async Task A_file_read_in_several_batches_writes_nothing_when_a_row_of_a_later_batch_fails_and_reports_every_bad_row()
    {
        var p = await PlaceAsync();
        // Batches of two: rows 2–3 are written in the transaction before row 6 fails; the row after it is still checked.
        var file = Write([Jacket(p.Hien), Jacket(p.Duc), Jacket(p.Twin1), Jacket(p.Twin2), Jacket(p.Hien, quantity: 0), Jacket(p.Duc, "9–11 tuổi", quantity: -1)]);

        var result = await ImportAsync(p.ReviewId, file, batchSize: 2);

        Assert.Equal([6, 7], result.Errors.Select(e => e.Row));
        Assert.Equal((6, 0), (result.RowsRead, result.RowsWritten));
        Assert.Empty(await LinesAsync(p.ReviewId));
    }

    [Fact]
    public async Task Lines_written_by_an_earlier_batch_of_the_same_file_are_not_duplicates_but_a_repeated_row_in_a_later_batch_is()
    {
        var p = await PlaceAsync();
        // Hiền's jacket and sweater (same category) fall in two batches: the second is not "support already recorded".
        var sweater = Row(("Mã trẻ", p.Hien), ("Mặt hàng", "Áo len"), ("Cỡ theo tuổi", "6–8 tuổi"), ("Số lượng", 2));
        var good = await ImportAsync(p.ReviewId, Write([Jacket(p.Duc), Jacket(p.Hien), sweater]), batchSize: 2);
        Assert.True(good.Succeeded, string.Join("\n", good.Errors));
        Assert.Equal(3, (await LinesAsync(p.ReviewId)).Count);

        var other = await PlaceAsync2();
        var repeated = await ImportAsync(other.ReviewId, Write([Jacket(other.Hien), Jacket(other.Duc), Jacket(other.Hien)]), batchSize: 2);
        var error = Assert.Single(repeated.Errors);
        Assert.Equal((4, "Trùng với dòng 2 (cùng đối tượng, mặt hàng, cỡ và thời gian)."), (error.Row, error.Message));
        Assert.Empty(await LinesAsync(other.ReviewId));
    }

    [Fact]
    public async Task Unknown_school_child_category_item_and_impossible_values_are_each_reported_against_their_column()
    {
        var p = await PlaceAsync();
        var file = Write([
            Row(("Đối tượng", "Trường học"), ("Trường", "Trường THCS Không Có"), ("Mặt hàng", "Thiết bị vui chơi"), ("Số lượng", 1), ("Số trẻ được hưởng", 10)),
            Row(("Mã trẻ", 999_999), ("Mặt hàng", "Suất ăn trưa"), ("Số lượng", 10)),
            Row(("Họ và tên trẻ", "Nguyễn Không Có"), ("Ngày sinh", "01/01/2018"), ("Mặt hàng", "Suất ăn trưa"), ("Số lượng", 10)),
            Row(("Mã trẻ", p.Duc), ("Nhóm nhu cầu", "Đồ chơi điện tử"), ("Mặt hàng", "Suất ăn trưa"), ("Số lượng", 10)),
            Row(("Mã trẻ", p.Duc), ("Mặt hàng", "Xe đạp"), ("Số lượng", -3)),
            Row(("Mã trẻ", p.Duc), ("Mặt hàng", "Suất ăn trưa"), ("Số lượng", "mười")),
            Row(("Mã trẻ", p.Duc), ("Mặt hàng", "Suất ăn trưa"), ("Số lượng", 5), ("Từ ngày", "01/09/2025"), ("Đến ngày", "31/12/2027")),
            Row(("Mã trẻ", p.Duc), ("Mặt hàng", "Áo ấm mùa đông"), ("Số lượng", 1)),
            Row(("Họ và tên trẻ", "Ksor Lan"), ("Ngày sinh", "03/07/2017"), ("Mặt hàng", "Suất ăn trưa"), ("Số lượng", 5)),
        ]);

        var result = await ImportAsync(p.ReviewId, file);

        var errors = result.Errors.Select(e => (e.Row, e.Column)).ToList();
        Assert.Contains((2, "Trường"), errors);
        Assert.Contains(result.Errors, e => e.Row == 2 && e.Message == "Không tìm thấy trường “Trường THCS Không Có” ở Xã Ia Đal.");
        Assert.Contains(result.Errors, e => e.Row == 3 && e.Column == "Mã trẻ" && e.Message.Contains("999999", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row == 4 && e.Column == "Họ và tên trẻ" && e.Message.StartsWith("Không tìm thấy trẻ “Nguyễn Không Có” sinh ngày 01/01/2018", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row == 5 && e.Column == "Nhóm nhu cầu" && e.Message.StartsWith("Nhóm nhu cầu “Đồ chơi điện tử” không có trong danh sách", StringComparison.Ordinal));
        Assert.Contains((6, "Mặt hàng"), errors);
        Assert.Contains(result.Errors, e => e.Row == 6 && e.Column == "Số lượng" && e.Message == "Số lượng phải từ 1 đến 1.000.000.");
        Assert.Contains(result.Errors, e => e.Row == 7 && e.Column == "Số lượng" && e.Message.StartsWith("“mười” không phải số nguyên", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Row == 8 && e.Column == "Từ ngày" && e.Message.Contains("01/09/2026–31/08/2027", StringComparison.Ordinal));
        Assert.Contains((8, "Đến ngày"), errors);
        Assert.Contains(result.Errors, e => e.Row == 9 && e.Column == "Cỡ theo tuổi");
        Assert.Contains(result.Errors, e => e.Row == 10 && e.Column == "Họ và tên trẻ" && e.Message.StartsWith("Có 2 trẻ tên “Ksor Lan”", StringComparison.Ordinal));
        Assert.Empty(await LinesAsync(p.ReviewId));
    }

    [Fact]
    public async Task The_same_need_twice_in_the_file_is_an_error_on_the_second_row()
    {
        var p = await PlaceAsync();
        var file = Write([Jacket(p.Hien), Jacket(p.Duc), Jacket(p.Hien), Jacket(p.Hien, size: "9–11 tuổi")]);

        var result = await ImportAsync(p.ReviewId, file);

        var error = Assert.Single(result.Errors);
        Assert.Equal(new ImportError(4, "", "Trùng với dòng 2 (cùng đối tượng, mặt hàng, cỡ và thời gian)."), error);
        Assert.Empty(await LinesAsync(p.ReviewId));
    }

    [Fact]
    public async Task A_need_already_in_the_review_is_an_error_without_a_reason_and_is_written_with_one()
    {
        var p = await PlaceAsync();
        Assert.True((await ImportAsync(p.ReviewId, Write([Jacket(p.Hien)]))).Succeeded);

        var without = await ImportAsync(p.ReviewId, Write([Jacket(p.Hien, size: "9–11 tuổi")]));
        var error = Assert.Single(without.Errors);
        Assert.Equal((2, "Lý do (nếu trùng)"), (error.Row, error.Column));
        Assert.StartsWith("Đã có hỗ trợ tương tự: Ngay trong bản rà soát này: Áo ấm mùa đông, 1 cái/chiếc", error.Message);
        Assert.Single(await LinesAsync(p.ReviewId));

        var reason = Jacket(p.Hien, size: "9–11 tuổi");
        reason["Lý do (nếu trùng)"] = "Em lớn nhanh, cần thêm một cỡ";
        var with = await ImportAsync(p.ReviewId, Write([reason]));
        Assert.True(with.Succeeded, string.Join("\n", with.Errors));
        Assert.Equal("Em lớn nhanh, cần thêm một cỡ", (await LinesAsync(p.ReviewId))[1].DuplicateReason);
    }

    [Fact]
    public async Task Only_an_editable_review_the_user_covers_takes_an_import()
    {
        var p = await PlaceAsync();
        int other;
        await using (var db = Db.NewContext())
        {
            var review = await db.NeedsReviews.SingleAsync(r => r.Id == p.ReviewId);
            db.NeedLines.Add(new NeedLine { NeedsReviewId = review.Id, AdminUnitId = p.CommuneId, Target = NeedTarget.Commune, NeedItemId = 1, Category = NeedCategory.HealthCheckUp,
                Quantity = 1, Unit = NeedUnit.Sessions, PeriodStart = review.PeriodStart, PeriodEnd = review.PeriodEnd, ChildrenCount = 1 });
            await db.SaveChangesAsync();
            review.Lines.Add(await db.NeedLines.FirstAsync());
            review.Submit("test", DateTime.UtcNow, p.CommuneId);
            await db.SaveChangesAsync();
            other = (await NeedsPlace.CreateAsync(db, "23536", "Xã Ia Pnôn", "Trường TH Ia Pnôn")).ReviewId;
        }

        var submitted = await ImportAsync(p.ReviewId, Write([Jacket(p.Hien)]));
        Assert.Equal(NeedsImport.NotEditable, Assert.Single(submitted.Errors).Message);

        await using var sp = Db.Services();
        await using var scope = Scope(sp);
        scope.ServiceProvider.GetRequiredService<ChildAidDbContext>().UnitScope = [p.CommuneId, p.VillageId];
        var outside = await scope.ServiceProvider.GetRequiredService<NeedsImport>().RunAsync(other, Write([Jacket(p.Hien)]), "x.xlsx");
        Assert.Equal(NeedsImport.NotFound, Assert.Single(outside.Errors).Message);
    }

    [Fact]
    public async Task The_error_workbook_is_the_same_sheet_with_an_error_column_next_to_each_bad_row()
    {
        var p = await PlaceAsync();
        var file = Write([Jacket(p.Hien), Jacket(p.Duc, quantity: 0), Jacket(p.Twin1)]);
        var result = await ImportAsync(p.ReviewId, file);

        file.Position = 0;
        var output = new MemoryStream();
        ErrorWorkbook.Write(file, result.Errors, output);
        output.Position = 0;
        var rows = output.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal("Số lượng: Số lượng phải từ 1 đến 1.000.000.", rows[1]["Lỗi"]);
        Assert.Null(rows[0]["Lỗi"]);
        Assert.Equal((double)p.Duc, rows[1]["Mã trẻ"]);
        Assert.Equal("Áo ấm mùa đông", rows[2]["Mặt hàng"]);
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_or_misses_a_required_column_is_refused_before_any_row()
    {
        var p = await PlaceAsync();
        var notExcel = await ImportAsync(p.ReviewId, new MemoryStream("tên,số lượng\nA,1"u8.ToArray()));
        Assert.Equal(ImportPipeline.Unreadable, Assert.Single(notExcel.Errors).Message);

        var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object?> { ["Mã trẻ"] = p.Hien, ["Số lượng"] = 1 } });
        stream.Position = 0;
        var missing = await ImportAsync(p.ReviewId, stream);
        Assert.Equal(new ImportError(1, "Mặt hàng", "Thiếu cột “Mặt hàng” ở dòng tiêu đề."), Assert.Single(missing.Errors));
    }
}

public class NeedsImportTestsOnSqlite() : NeedsImportTests(DatabaseProvider.Sqlite);

public class NeedsImportTestsOnPostgres() : NeedsImportTests(DatabaseProvider.Postgres);
