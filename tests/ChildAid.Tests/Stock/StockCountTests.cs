using ChildAid.Shared.Balances;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Stock;
using ChildAid.Shared.Text;
using ChildAid.Shared.Time;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Stock;

/// <summary>
/// The stock count (kiểm kê): a shortfall is written off as lost, one movement per short lot; a surplus is refused next to its
/// field and nothing is written; another commune's lots are neither shown nor counted; the same form posted twice writes once.
/// </summary>
public abstract class StockCountTests(DatabaseProvider provider) : StockTest(provider)
{
    private static StockCountInput Count(Guid key, params (StockLot Lot, int Book, string? Counted)[] rows) => new()
    {
        FormKey = key,
        Rows = [.. rows.Select(r => new StockCountRowInput { LotId = r.Lot.Id, Book = r.Book, Counted = r.Counted })],
    };

    [Fact]
    public async Task A_shortfall_writes_off_one_movement_per_short_lot_and_on_hand_matches_the_count()
    {
        var a = await StockedAsync(10, 10);
        var b = await StockedAsync(8, 8);
        var c = await StockedAsync(5, 5);
        var sheet = await StockAsAsync(W.Approver, (_, db) => new StockQueries(db).CountSheetAsync());
        Assert.Equal([a.Id, b.Id, c.Id], sheet.Select(r => r.Id).Order());
        Assert.Equal(10, sheet.Single(r => r.Id == a.Id).OnHand);

        var outcome = Ok(await StockAsAsync(W.Approver, s => s.CountAsync(Count(Guid.NewGuid(), (a, 10, "7"), (b, 8, "8"), (c, 5, " ")))));
        Assert.False(outcome.AlreadyRecorded);
        Assert.Equal(1, outcome.ShortLots);
        Assert.Equal(1, outcome.MatchingLots);
        Assert.Equal(3, outcome.Lines.Single(l => l.LotId == a.Id).WrittenOff);

        var movements = (await LedgerAsync()).Where(e => e.Kind == LedgerEntryKind.StockMovement).ToList();
        Assert.Equal(4, movements.Count);
        Assert.Equal(-3m, movements[^1].Quantity);
        Assert.Equal(a.StockedSequence, movements[^1].SourceSequence);
        Assert.StartsWith("Xuất huỷ (thất lạc): Áo ấm trẻ em (6–8 tuổi), 3 chiếc", movements[^1].Description);

        await using var db = Db.NewContext();
        var writeOff = await db.StockWriteOffs.SingleAsync();
        Assert.Equal(StockWriteOffReason.Lost, writeOff.Reason);
        Assert.Equal($"Kiểm kê ngày {VietnameseFormat.Date(TimeProvider.System.VietnamToday())}: sổ 10, đếm 7", writeOff.Note);
        var lots = await db.StockLots.AsNoTracking().ToDictionaryAsync(l => l.Id);
        Assert.Equal(new int?[] { 7, 8, 5 }, new[] { lots[a.Id].OnHand, lots[b.Id].OnHand, lots[c.Id].OnHand });
        var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking());
        Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
        Assert.Equal(20m, balances.StockOnHand[("Áo ấm trẻ em (6–8 tuổi)", "chiếc")]);
    }

    [Fact]
    public async Task A_surplus_is_refused_next_to_its_field_and_nothing_is_written()
    {
        var a = await StockedAsync(10, 10);
        var b = await StockedAsync(8, 8);
        var before = (await LedgerAsync()).Count;

        var outcome = await StockAsAsync(W.Approver, s => s.CountAsync(Count(Guid.NewGuid(), (a, 10, "6"), (b, 8, "9"))));
        Assert.False(outcome.Succeeded);
        Assert.Equal(StockService.Surplus, outcome.Errors["Rows[1].Counted"]);
        Assert.False(outcome.Errors.ContainsKey("Rows[0].Counted"));
        var bad = await StockAsAsync(W.Approver, s => s.CountAsync(Count(Guid.NewGuid(), (a, 10, "-1"), (b, 8, "abc"))));
        Assert.Equal(["Rows[0].Counted", "Rows[1].Counted"], bad.Errors.Keys.Order());

        Assert.Equal(before, (await LedgerAsync()).Count);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.StockWriteOffs.CountAsync());
        Assert.Equal(10, (await db.StockLots.AsNoTracking().SingleAsync(l => l.Id == a.Id)).OnHand);
    }

    [Fact]
    public async Task Another_commune_s_lots_are_not_shown_nor_counted()
    {
        var a = await StockedAsync(10, 10);
        Assert.Empty(await StockAsAsync(W.OtherCommune, (_, db) => new StockQueries(db).CountSheetAsync()));
        var outcome = await StockAsAsync(W.OtherCommune, s => s.CountAsync(Count(Guid.NewGuid(), (a, 10, "2"))));
        Assert.Equal(StockService.NotFound, outcome.Errors["Rows[0].Counted"]);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.StockWriteOffs.CountAsync());
    }

    [Fact]
    public async Task The_same_form_posted_twice_writes_once_and_a_stale_book_is_refused()
    {
        var a = await StockedAsync(10, 10);
        var form = Count(Guid.NewGuid(), (a, 10, "6"));
        Ok(await StockAsAsync(W.Approver, s => s.CountAsync(form)));
        var again = Ok(await StockAsAsync(W.Approver, s => s.CountAsync(form)));
        Assert.True(again.AlreadyRecorded);
        Assert.Equal(4, again.Lines.Single().WrittenOff);

        // Another sheet opened before the first count was recorded: its book is out of date, refused next to the field.
        var stale = await StockAsAsync(W.Approver, s => s.CountAsync(Count(Guid.NewGuid(), (a, 10, "5"))));
        Assert.Contains("sổ nay là 6 chiếc", stale.Errors["Rows[0].Counted"]);

        await using var db = Db.NewContext();
        Assert.Equal(1, await db.StockWriteOffs.CountAsync());
        Assert.Equal(6, (await db.StockLots.AsNoTracking().SingleAsync()).OnHand);
    }

    /// <summary>The count sheet as the page hands it out, with "Đếm được" filled per lot (absent: left blank).</summary>
    private async Task<byte[]> FilledSheetAsync(Person person, Dictionary<int, object?> counted)
    {
        var sheet = await StockAsAsync(person, (_, db) => new StockQueries(db).CountSheetAsync());
        await using var file = await StockQueries.CountSheetWorkbookAsync(sheet, CancellationToken.None);
        var rows = MiniExcelLibs.MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        foreach (var row in rows) row["Đếm được"] = counted.GetValueOrDefault(Convert.ToInt32(row["Số"], System.Globalization.CultureInfo.InvariantCulture));
        using var filled = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(filled, rows, sheetName: "Kiểm kê");
        return filled.ToArray();
    }

    private Task<StockCountImportResult> ImportAsync(Person person, byte[] workbook) =>
        ActAsAsync<StockCountImport, StockCountImportResult>(person, (import, _) => import.RunAsync(new MemoryStream(workbook)));

    [Fact]
    public async Task The_filled_count_sheet_imports_as_the_form_counts_and_the_same_file_twice_writes_once()
    {
        var a = await StockedAsync(10, 10);
        var b = await StockedAsync(8, 8);
        var c = await StockedAsync(5, 5);
        // Typed as people type in Excel: a number cell, a number as text, and a lot left blank (not counted).
        var workbook = await FilledSheetAsync(W.Approver, new() { [a.Id] = 7, [b.Id] = "8" });

        var first = await ImportAsync(W.Approver, workbook);
        var second = await ImportAsync(W.Approver, workbook);

        Assert.True(first.Import.Succeeded, string.Join(" | ", first.Import.Errors));
        Assert.Equal(3, first.Import.RowsRead);
        Assert.False(first.Count!.AlreadyRecorded);
        Assert.Equal((1, 1), (first.Count.ShortLots, first.Count.MatchingLots));
        Assert.True(second.Count!.AlreadyRecorded);
        await using var db = Db.NewContext();
        var writeOff = await db.StockWriteOffs.SingleAsync();
        Assert.Equal((a.Id, 3, StockWriteOffReason.Lost), (writeOff.StockLotId, writeOff.Quantity, writeOff.Reason));
        var lots = await db.StockLots.AsNoTracking().ToDictionaryAsync(l => l.Id);
        Assert.Equal(new int?[] { 7, 8, 5 }, new[] { lots[a.Id].OnHand, lots[b.Id].OnHand, lots[c.Id].OnHand });
        var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking());
        Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
    }

    [Fact]
    public async Task A_bad_count_sheet_is_reported_row_by_row_with_its_lines_and_writes_nothing()
    {
        var a = await StockedAsync(10, 10);
        var b = await StockedAsync(8, 8);
        var c = await StockedAsync(5, 5);
        var before = (await LedgerAsync()).Count;
        // Sheet rows 2–4 hold the lots in the sheet's order. Cells that are not counts and the count's own refusals (here a
        // surplus, beside a short count that would be fine) come back together, so one corrected file is enough.
        var sheet = await StockAsAsync(W.Approver, (_, db) => new StockQueries(db).CountSheetAsync());
        var line = sheet.Select((r, i) => (r.Id, Line: i + 2)).ToDictionary(x => x.Id, x => x.Line);

        var text = await ImportAsync(W.Approver, await FilledSheetAsync(W.Approver, new() { [a.Id] = 6, [b.Id] = -1, [c.Id] = "năm" }));
        var surplus = await ImportAsync(W.Approver, await FilledSheetAsync(W.Approver, new() { [a.Id] = 6, [b.Id] = 9 }));
        var otherCommune = await ImportAsync(W.OtherCommune, await FilledSheetAsync(W.Approver, new() { [a.Id] = 6 }));
        var both = await ImportAsync(W.Approver, await FilledSheetAsync(W.Approver, new() { [a.Id] = 11, [b.Id] = "năm", [c.Id] = 4 }));

        Assert.Null(text.Count);
        Assert.Equal([line[b.Id], line[c.Id]], text.Import.Errors.Select(e => e.Row));
        Assert.All(text.Import.Errors, e => Assert.Equal("Đếm được", e.Column));
        Assert.Contains("không phải số nguyên", text.Import.Errors[1].Message, StringComparison.Ordinal);
        Assert.Null(surplus.Count);
        Assert.Equal([(line[b.Id], "Đếm được", StockService.Surplus)], surplus.Import.Errors.Select(e => (e.Row, e.Column, e.Message)));
        Assert.Null(both.Count);
        Assert.Equal([line[a.Id], line[b.Id]], both.Import.Errors.Select(e => e.Row));
        Assert.Equal(StockService.Surplus, both.Import.Errors[0].Message);
        Assert.Contains("không phải số nguyên", both.Import.Errors[1].Message, StringComparison.Ordinal);
        // Another commune's officer cannot count these lots by naming them in a file.
        Assert.Contains(otherCommune.Import.Errors, e => e.Row == line[a.Id] && e.Message == StockService.NotFound);
        Assert.Equal(before, (await LedgerAsync()).Count);
        await using var db = Db.NewContext();
        Assert.Equal(0, await db.StockWriteOffs.CountAsync());
        Assert.Equal(10, (await db.StockLots.AsNoTracking().SingleAsync(l => l.Id == a.Id)).OnHand);
    }
}

public class StockCountTestsOnSqlite() : StockCountTests(DatabaseProvider.Sqlite);

public class StockCountTestsOnPostgres() : StockCountTests(DatabaseProvider.Postgres);
