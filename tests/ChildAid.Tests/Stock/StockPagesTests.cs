using System.Globalization;
using System.Net;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Security;
using ChildAid.Shared.Stock;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Stock;

/// <summary>
/// The stock pages through the real forms: a lot announced from the receipt's page, received, the receiver's inspection
/// answers 403, a colleague's is recorded, stocked once, written off once; another commune's officer sees none of it.
/// </summary>
public abstract class StockPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [Fact]
    public async Task Announce_from_the_receipt_receive_inspect_by_a_colleague_stock_once_and_write_off_once()
    {
        AllocationWorld w;
        await using (var db = Db.NewContext()) w = await AllocationWorld.CreateAsync(db);
        await StaffAsync("canbo-nhan", [Roles.CommuneOfficer], w.IaDal.Id);
        await StaffAsync("canbo-kiem", [Roles.CommuneOfficer], w.IaDal.Id);
        await StaffAsync("canbo-xa-khac", [Roles.CommuneOfficer], w.IaToi.Id);
        int receiptId;
        await using (var sp = Db.Services())
        {
            await using var scope = Scope(sp, "cli");
            var input = TestData.Cash(w.DonorId, w.IaDal.Id, 0);
            input.Method = ContributionMethod.InKind;
            input.AmountVnd = null;
            input.GoodsLines = [new GoodsLineInput { Item = "Áo ấm trẻ em", Quantity = 300, Unit = "chiếc", UnitValueVnd = 150_000 }];
            receiptId = (await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(input)).Value!.Id;
        }

        var receiver = await LogInAsync("canbo-nhan");
        var receipt = await receiver.GetPageAsync($"/Contributions/Details/{receiptId}");
        Assert.Contains("Tạo lô hàng", receipt);
        var announced = await receiver.PostWithTokenAsync($"/Stock?handler=Announce&contributionId={receiptId}", StaffClient.Token(receipt), []);
        Assert.Equal(HttpStatusCode.Redirect, announced.StatusCode);
        var page = announced.Headers.Location!.OriginalString;
        Assert.Contains(page, await receiver.GetPageAsync($"/Contributions/Details/{receiptId}"));

        var yesterday = DateTime.UtcNow.AddHours(7).AddDays(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var received = await receiver.PostWithTokenAsync(page + "?handler=Receive", StaffClient.Token(await receiver.GetPageAsync(page)),
            new() { ["Receive.Quantity"] = "290", ["Receive.ReceivedOn"] = yesterday, ["Receive.AdminUnitId"] = w.IaDal.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, received.StatusCode);

        var inspection = new Dictionary<string, string>
        {
            ["Inspect.GoodsKind"] = "Clothes", ["Inspect.GoodQuantity"] = "280", ["Inspect.DamagedQuantity"] = "8", ["Inspect.ExpiredQuantity"] = "2",
            ["Inspect.SizeBand"] = "Age6To8",
        };
        var own = await receiver.PostWithTokenAsync(page + "?handler=Inspect", StaffClient.Token(await receiver.GetPageAsync(page)), inspection);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("bốn mắt", await own.Content.ReadAsStringAsync());

        var other = await LogInAsync("canbo-xa-khac");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(page)).Response.StatusCode);

        var checker = await LogInAsync("canbo-kiem");
        var wrong = new Dictionary<string, string>(inspection) { ["Inspect.DamagedQuantity"] = "7" };
        var wrongSum = await checker.PostWithTokenAsync(page + "?handler=Inspect", StaffClient.Token(await checker.GetPageAsync(page)), wrong);
        Assert.Equal(HttpStatusCode.OK, wrongSum.StatusCode);
        Assert.Contains("cộng lại phải bằng số thực nhận (290)", await wrongSum.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect,
            (await checker.PostWithTokenAsync(page + "?handler=Inspect", StaffClient.Token(await checker.GetPageAsync(page)), inspection)).StatusCode);

        var token = StaffClient.Token(await checker.GetPageAsync(page));
        Assert.Equal(HttpStatusCode.Redirect, (await checker.PostWithTokenAsync(page + "?handler=Stock", token, new() { ["LotNumber"] = "LO-2026-01" })).StatusCode);
        var again = await checker.PostWithTokenAsync(page + "?handler=Stock", token, new() { ["LotNumber"] = "LO-2026-01" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var stocked = await checker.GetPageAsync(page);
        Assert.Contains("LO-2026-01", stocked);
        var key = StaffClient.Hidden(stocked, "WriteOff.IdempotencyKey");
        var writeOff = new Dictionary<string, string>
        {
            ["WriteOff.IdempotencyKey"] = key, ["WriteOff.Quantity"] = "5", ["WriteOff.Reason"] = "Spoiled", ["WriteOff.Note"] = "Mưa dột kho, áo ướt mốc",
        };
        token = StaffClient.Token(stocked);
        Assert.Equal(HttpStatusCode.Redirect, (await checker.PostWithTokenAsync(page + "?handler=WriteOff", token, writeOff)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await checker.PostWithTokenAsync(page + "?handler=WriteOff", token, writeOff)).StatusCode);

        var list = await checker.GetPageAsync("/Stock");
        Assert.Contains("Áo ấm trẻ em (6–8 tuổi)", list);
        Assert.Contains("275", list);
        Assert.DoesNotContain("Áo ấm trẻ em", await other.GetPageAsync("/Stock"));
        var workbook = await checker.GetAsync("/Stock?handler=Export&state=Stocked");
        Assert.Equal(HttpStatusCode.OK, workbook.Response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Response.Content.Headers.ContentType?.MediaType);

        await using var check = Db.NewContext();
        var movements = await check.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.StockMovement).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([280m, -5m], movements.Select(e => e.Quantity));
        Assert.Equal(275, (await check.StockLots.SingleAsync()).OnHand);
        Assert.Equal(1, await check.StockWriteOffs.CountAsync());
    }
}

public class StockPagesTestsOnSqlite() : StockPagesTests(DatabaseProvider.Sqlite);

public class StockPagesTestsOnPostgres() : StockPagesTests(DatabaseProvider.Postgres);
