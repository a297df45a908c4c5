using System.Net;
using System.Text.Json;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;

namespace ChildAid.Tests.Allocations;

/// <summary>
/// The trace of a gift on PublicSite (GET /api/v1/trace/{receipt} and the verified-gift page), from the public ledger
/// alone; as an attacker: nothing in it names a child or joins to one — no child id, no need line key, no child's item.
/// </summary>
public abstract class GiftTraceTests(DatabaseProvider provider) : AllocationTest(provider)
{
    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private async Task ApproveAsync(Shared.Allocations.Allocation proposed) =>
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id))).Booked);

    [Fact]
    public async Task The_trace_shows_each_allocation_and_what_is_not_yet_allocated_and_never_a_child()
    {
        var receipt = await ReceiptAsync(3_000_000);
        await ApproveAsync(Ok(await ProposeMoneyAsync(receipt, W.Meals, 2_000_000)));
        await ApproveAsync(Ok(await ProposeMoneyAsync(receipt, W.ChildJacket, 180_000)));
        Ok(await ProposeMoneyAsync(receipt, W.Jackets, 100_000)); // proposed only: not in the ledger, not in the trace

        await using var site = new PublicSiteFactory(Db);
        var client = site.CreateClient();
        var response = await client.GetAsync($"/api/v1/trace/{receipt.ReceiptNumber}");
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(3_000_000, root.GetProperty("amountVnd").GetInt64());
        Assert.Equal(2_180_000, root.GetProperty("allocatedVnd").GetInt64());
        Assert.Equal(820_000, root.GetProperty("notYetAllocatedVnd").GetInt64());
        var allocations = root.GetProperty("allocations").EnumerateArray().ToList();
        Assert.Equal(2, allocations.Count);
        Assert.Equal($"{W.IaDal.Code}-2026-lunch-meal-T{W.SchoolIaDal}", allocations[0].GetProperty("needReference").GetString());
        Assert.Equal($"{W.IaDal.Code}-2026-WarmClothes", allocations[1].GetProperty("needReference").GetString());

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(VerifiedGift.PathPrefix + receipt.VerifyToken));
        Assert.Contains("Khoản ủng hộ đã đi đâu", page);
        Assert.Contains("Trường TH-THCS Ia Đal", page);
        Assert.Contains(Shared.Text.VietnameseFormat.Vnd(820_000) + " chưa phân bổ", page);

        // The receipt's public page (by number, no token) is the trace view too: each line under its own kind.
        var entry = WebUtility.HtmlDecode(await client.GetStringAsync($"/sao-ke/{receipt.ReceiptNumber}"));
        Assert.Contains("Khoản ủng hộ đã đi đâu", entry);
        Assert.Contains(Shared.Text.VietnameseFormat.Vnd(820_000) + " chưa phân bổ", entry);
        Assert.Equal(1, Count(entry, ">Khoản nhận</h2>"));
        Assert.Equal(2, Count(entry, ">Phân bổ</h2>"));

        foreach (var text in new[] { json, page, entry, await client.GetStringAsync("/api/v1/statement.csv") })
        {
            Assert.DoesNotContain("Rơ Châm", WebUtility.HtmlDecode(text));
            Assert.DoesNotContain(W.ChildJacket.Key.ToString(), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(W.ChildJacket.Key.ToString("N"), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("childId", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_reversed_allocation_shows_as_undone_its_amount_is_not_yet_allocated_again_and_its_reason_is_never_public()
    {
        var receipt = await ReceiptAsync(1_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.ChildJacket, 180_000));
        await ApproveAsync(proposed);
        Ok(await AsAsync(W.Approver, s => s.ReverseAsync(proposed.Id, $"Em {AllocationWorld.ChildName} đã chuyển trường")));

        await using var site = new PublicSiteFactory(Db);
        var client = site.CreateClient();
        var json = await client.GetStringAsync($"/api/v1/trace/{receipt.ReceiptNumber}");
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("reversed").GetBoolean());
        Assert.Equal(0, root.GetProperty("allocatedVnd").GetInt64());
        Assert.Equal(1_000_000, root.GetProperty("notYetAllocatedVnd").GetInt64());
        var allocation = Assert.Single(root.GetProperty("allocations").EnumerateArray());
        Assert.Equal(JsonValueKind.Number, allocation.GetProperty("reversedBySequence").ValueKind);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(VerifiedGift.PathPrefix + receipt.VerifyToken));
        Assert.Contains("đã hoàn ngày", page);
        Assert.Contains(Shared.Text.VietnameseFormat.Vnd(1_000_000) + " chưa phân bổ", page);
        foreach (var text in new[] { json, page, await client.GetStringAsync($"/sao-ke/{receipt.ReceiptNumber}"), await client.GetStringAsync("/api/v1/statement.csv") })
        {
            Assert.DoesNotContain("Rơ Châm", WebUtility.HtmlDecode(text));
            Assert.DoesNotContain("chuyển trường", WebUtility.HtmlDecode(text));
        }
    }

    [Fact]
    public async Task An_unknown_receipt_number_is_404_and_the_trace_is_in_the_openapi_document()
    {
        await using var site = new PublicSiteFactory(Db);
        var client = site.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/trace/2026-999999")).StatusCode);
        Assert.Contains("/api/v1/trace/{receiptNumber}", await client.GetStringAsync("/openapi/v1.json"));
    }
}

public class GiftTraceTestsOnSqlite() : GiftTraceTests(DatabaseProvider.Sqlite);

public class GiftTraceTestsOnPostgres() : GiftTraceTests(DatabaseProvider.Postgres);
