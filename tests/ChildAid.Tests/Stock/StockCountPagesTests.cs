using System.Globalization;
using System.Net;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Security;
using ChildAid.Shared.Stock;
using ChildAid.Shared.Time;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Stock;

/// <summary>
/// The count page through the real form: the commune's stocked lots with their book; a surplus refused next to its field with
/// nothing written; a shortfall written off once even when the form is posted twice; the count sheet as .xlsx; another
/// commune's officer sees none of it.
/// </summary>
public abstract class StockCountPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task Count_through_the_form_refuses_a_surplus_and_writes_a_shortfall_once()
    {
        AllocationWorld w;
        await using (var db = Db.NewContext()) w = await AllocationWorld.CreateAsync(db);
        var lots = new List<int>();
        await using (var sp = Db.Services())
        {
            foreach (var (quantity, number) in new[] { (12, "LO-1"), (6, "LO-2") })
            {
                int receiptId;
                await using (var scope = Scope(sp, "cli"))
                {
                    var input = TestData.Cash(w.DonorId, w.IaDal.Id, 0);
                    input.Method = ContributionMethod.InKind;
                    input.AmountVnd = null;
                    input.GoodsLines = [new GoodsLineInput { Item = "Chăn len", Quantity = quantity, Unit = "chiếc", UnitValueVnd = 200_000 }];
                    receiptId = (await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(input)).Value!.Id;
                }
                var lot = (await AllocationTest.ActAsAsync<StockService, Shared.Validation.Outcome<List<StockLot>>>(sp, w.Proposer, (s, _) => s.AnnounceAsync(receiptId))).Value!.Single();
                var yesterday = TimeProvider.System.VietnamToday().AddDays(-1);
                Assert.True((await AllocationTest.ActAsAsync<StockService, StockStep>(sp, w.Proposer, (s, _) => s.ReceiveAsync(lot.Id, new StockReceiveInput { Quantity = quantity, ReceivedOn = yesterday }))).Succeeded);
                Assert.True((await AllocationTest.ActAsAsync<StockService, StockStep>(sp, w.Approver, (s, _) => s.InspectAsync(lot.Id, new StockInspectInput
                {
                    GoodsKind = StockGoodsKind.Other, GoodQuantity = quantity, DamagedQuantity = 0, ExpiredQuantity = 0,
                }))).Succeeded);
                Assert.True((await AllocationTest.ActAsAsync<StockService, StockStep>(sp, w.Approver, (s, _) => s.StockAsync(lot.Id, number))).Succeeded);
                lots.Add(lot.Id);
            }
        }
        await StaffAsync("canbo-xa", [Roles.CommuneOfficer], w.IaDal.Id);
        await StaffAsync("canbo-xa-khac", [Roles.CommuneOfficer], w.IaToi.Id);

        var officer = await LogInAsync("canbo-xa");
        Assert.Contains("/Stock/Count", await officer.GetPageAsync("/Stock"));
        var page = await officer.GetPageAsync("/Stock/Count");
        Assert.Contains("LO-1", page);
        Assert.Contains("LO-2", page);
        var key = StaffClient.Hidden(page, "Input.FormKey");
        var token = StaffClient.Token(page);
        string S(int i) => i.ToString(CultureInfo.InvariantCulture);
        Dictionary<string, string> Form(string first, string second) => new()
        {
            ["Input.FormKey"] = key,
            ["Input.Rows[0].LotId"] = S(lots[0]), ["Input.Rows[0].Book"] = "12", ["Input.Rows[0].Counted"] = first,
            ["Input.Rows[1].LotId"] = S(lots[1]), ["Input.Rows[1].Book"] = "6", ["Input.Rows[1].Counted"] = second,
        };

        var surplus = await officer.PostWithTokenAsync("/Stock/Count", token, Form("10", "7"));
        Assert.Equal(HttpStatusCode.OK, surplus.StatusCode);
        var html = WebUtility.HtmlDecode(await surplus.Content.ReadAsStringAsync());
        Assert.Contains("Đếm thừa so với sổ: kiểm tra lại", html);
        Assert.Contains("value=\"7\"", html);
        await using (var check = Db.NewContext()) Assert.Equal(0, await check.StockWriteOffs.CountAsync());

        foreach (var again in new[] { false, true })
        {
            var counted = await officer.PostWithTokenAsync("/Stock/Count", token, Form("10", "6"));
            Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
            var result = WebUtility.HtmlDecode(await counted.Content.ReadAsStringAsync());
            Assert.Contains("Khớp sổ", result);
            Assert.Contains("Thiếu 2: đã xuất huỷ (thất lạc)", result);
            Assert.Equal(again, result.Contains("đã được ghi trước đó", StringComparison.Ordinal));
        }

        var workbook = await officer.GetAsync("/Stock/Count?handler=Export");
        Assert.Equal(HttpStatusCode.OK, workbook.Response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Response.Content.Headers.ContentType?.MediaType);

        // The same sheet filled in the store room and imported back: a bad file lists its lines and offers itself back with
        // a "Lỗi" column (to its uploader only); a good one is counted as the form counts.
        var sheet = await workbook.Response.Content.ReadAsByteArrayAsync();
        byte[] Filled(object? first, object? second)
        {
            var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(sheet), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            foreach (var row in rows) row["Đếm được"] = Convert.ToInt32(row["Số"], CultureInfo.InvariantCulture) == lots[0] ? first : second;
            using var filled = new MemoryStream();
            MiniExcelLibs.MiniExcel.SaveAs(filled, rows);
            return filled.ToArray();
        }
        const string xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        var bad = WebUtility.HtmlDecode(await (await officer.PostFileAsync("/Stock/Count?handler=Import", token, [], "Upload", "kiem-ke.xlsx", Filled(9, 60), xlsx)).Content.ReadAsStringAsync());
        Assert.Contains("Chưa ghi dòng nào: sửa các dòng sau rồi nhập lại cả tệp.", bad);
        Assert.Contains(StockService.Surplus, bad);
        var errorsLink = System.Text.RegularExpressions.Regex.Match(bad, @"/Stock/Count\?handler=Errors&job=[0-9a-f-]{36}").Value;
        var errors = await officer.GetAsync(errorsLink);
        Assert.Equal(HttpStatusCode.OK, errors.Response.StatusCode);
        var errorRows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await errors.Response.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal($"Đếm được: {StockService.Surplus}", errorRows.Single(r => Convert.ToInt32(r["Số"], CultureInfo.InvariantCulture) == lots[1])["Lỗi"]);
        await using (var check = Db.NewContext()) Assert.Equal(1, await check.StockWriteOffs.CountAsync());
        var good = WebUtility.HtmlDecode(await (await officer.PostFileAsync("/Stock/Count?handler=Import", token, [], "Upload", "kiem-ke.xlsx", Filled(9, null), xlsx)).Content.ReadAsStringAsync());
        Assert.Contains("Đã ghi kiểm kê: 1 lô thiếu đã xuất huỷ, 0 lô khớp sổ.", good);
        Assert.Contains("Thiếu 1: đã xuất huỷ (thất lạc)", good);

        var other = await LogInAsync("canbo-xa-khac");
        Assert.DoesNotContain("LO-1", await other.GetPageAsync("/Stock/Count"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(errorsLink)).Response.StatusCode);

        await using var db2 = Db.NewContext();
        var writeOffs = await db2.StockWriteOffs.OrderBy(w => w.Id).ToListAsync();
        Assert.Equal([(lots[0], 2), (lots[0], 1)], writeOffs.Select(w => (w.StockLotId, w.Quantity)));
        Assert.Equal([-2m, -1m], (await db2.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.StockMovement).OrderBy(e => e.Sequence).ToListAsync())[^2..].Select(e => e.Quantity));
        Assert.Equal(9, (await db2.StockLots.SingleAsync(l => l.Id == lots[0])).OnHand);
    }
}

public class StockCountPagesTestsOnSqlite() : StockCountPagesTests(DatabaseProvider.Sqlite);

public class StockCountPagesTestsOnPostgres() : StockCountPagesTests(DatabaseProvider.Postgres);
