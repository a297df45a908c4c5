using System.Net;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Stock;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Stock;

/// <summary>
/// Stock movements on the public statement (filtered by kind) with item, quantity and commune; as an attacker: no child's
/// name, no donor's private note, no inspection or write-off note, no byte of a photo in any public response.
/// </summary>
public abstract class StockPublicTests(DatabaseProvider provider) : StockTest(provider)
{
    [Fact]
    public async Task The_statement_shows_stock_movements_with_item_quantity_and_commune_and_never_a_child_a_private_note_or_a_photo()
    {
        var input = TestData.Cash(W.DonorId, W.IaDal.Id, 0);
        input.Method = ContributionMethod.InKind;
        input.AmountVnd = null;
        input.Note = "GHI-CHU-RIENG của nhà tài trợ";
        input.GoodsLines = [new GoodsLineInput { Item = Jackets, Quantity = 100, Unit = "chiếc", UnitValueVnd = 150_000 }];
        Contribution receipt;
        await using (var scope = Sp.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Shared.Audit.AuditActor>().Name = "cli";
            receipt = Ok(await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(input));
        }
        var lot = Assert.Single(Ok(await StockAsAsync(W.Proposer, s => s.AnnounceAsync(receipt.Id))));
        Done(await StockAsAsync(W.Proposer, s => s.ReceiveAsync(lot.Id, Received(100))));
        var secret = Png(424242).Concat("BI-MAT-ANH-KIEM-TRA"u8.ToArray()).ToArray();
        Ok(await StockAsAsync(W.Approver, s => s.AddPhotoAsync(lot.Id, "anh.png", secret)));
        var inspection = Clothes(96, 4);
        inspection.Note = $"Áo dành cho em {AllocationWorld.ChildName}";
        Done(await StockAsAsync(W.Approver, s => s.InspectAsync(lot.Id, inspection)));
        Done(await StockAsAsync(W.Approver, s => s.StockAsync(lot.Id, "LO-9")));
        Ok(await StockAsAsync(W.Approver, s => s.WriteOffAsync(lot.Id, new StockWriteOffInput
        {
            Quantity = 2, Reason = StockWriteOffReason.Lost, Note = $"Mất khi chuyển cho em {AllocationWorld.ChildName}", IdempotencyKey = Guid.NewGuid(),
        })));

        await using var site = new PublicSiteFactory(Db);
        var client = site.CreateClient();
        var stock = WebUtility.HtmlDecode(await client.GetStringAsync("/sao-ke?kind=StockMovement"));
        Assert.Contains("Nhập kho: Áo ấm trẻ em (6–8 tuổi), 96 chiếc, Xã Ia Đal", stock);
        Assert.Contains("Xuất huỷ (thất lạc): Áo ấm trẻ em (6–8 tuổi), 2 chiếc, Xã Ia Đal", stock);
        Assert.DoesNotContain("Nhập kho:", WebUtility.HtmlDecode(await client.GetStringAsync("/sao-ke?kind=Receipt")));

        // No public path to a lot or its photos.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Stock/{lot.Id}?handler=Photo&photoId=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Stock/{lot.Id}")).StatusCode);

        // Where the in-kind gift went: its goods into and out of stock, on the trace API, the receipt's page and the verified-gift page.
        using (var trace = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/v1/trace/{receipt.ReceiptNumber}")))
        {
            var moves = trace.RootElement.GetProperty("stock").EnumerateArray().ToList();
            Assert.Equal([96m, -2m], moves.Select(m => m.GetProperty("quantity").GetDecimal()));
            Assert.All(moves, m => Assert.Equal(W.IaDal.Code, m.GetProperty("unitCode").GetString()));
            var onHand = Assert.Single(trace.RootElement.GetProperty("onHand").EnumerateArray());
            Assert.Equal(94m, onHand.GetProperty("quantity").GetDecimal());
            Assert.Equal("Áo ấm trẻ em (6–8 tuổi)", onHand.GetProperty("item").GetString());
        }
        foreach (var path in new[] { $"/sao-ke/{receipt.ReceiptNumber}", VerifiedGift.PathPrefix + receipt.VerifyToken })
        {
            var page = WebUtility.HtmlDecode(await client.GetStringAsync(path));
            Assert.Contains("Nhập kho: Áo ấm trẻ em (6–8 tuổi), 96 chiếc, Xã Ia Đal", page);
            Assert.Contains("Xuất huỷ (thất lạc): Áo ấm trẻ em (6–8 tuổi), 2 chiếc, Xã Ia Đal", page);
            Assert.Contains("Còn trong kho: 94 chiếc Áo ấm trẻ em (6–8 tuổi)", page);
        }
        Assert.Contains(">Nhập/xuất kho</h2>", WebUtility.HtmlDecode(await client.GetStringAsync($"/sao-ke/{receipt.ReceiptNumber}")));

        var secretBase64 = Convert.ToBase64String(secret);
        foreach (var text in new[] { stock, await client.GetStringAsync($"/sao-ke/{receipt.ReceiptNumber}"), await client.GetStringAsync("/api/v1/statement.csv"),
                     await client.GetStringAsync($"/api/v1/statement?q={receipt.ReceiptNumber}"), await client.GetStringAsync($"/api/v1/trace/{receipt.ReceiptNumber}"),
                     await client.GetStringAsync(VerifiedGift.PathPrefix + receipt.VerifyToken), await client.GetStringAsync("/api/v1/balances") })
        {
            var decoded = WebUtility.HtmlDecode(text);
            Assert.DoesNotContain("Rơ Châm", decoded);
            Assert.DoesNotContain("GHI-CHU-RIENG", decoded);
            Assert.DoesNotContain("BI-MAT-ANH", decoded);
            Assert.DoesNotContain(secretBase64, text);
            Assert.DoesNotContain("Mất khi chuyển", decoded);
            Assert.DoesNotContain("dành cho em", decoded);
        }
        var ledger = await LedgerAsync();
        var verification = await LedgerVerifier.VerifyAsync(ledger.ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);
    }
}

public class StockPublicTestsOnSqlite() : StockPublicTests(DatabaseProvider.Sqlite);

public class StockPublicTestsOnPostgres() : StockPublicTests(DatabaseProvider.Postgres);
