using System.Net;
using System.Text.Json;
using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;

namespace ChildAid.Tests.Expenses;

/// <summary>
/// Expenses in the trace of a gift (API and verified-gift page) and on the public statement, filtered by kind; as an
/// attacker: no child, no private note, no byte of an original file in any public response.
/// </summary>
public abstract class ExpenseTraceTests(DatabaseProvider provider) : ExpenseTest(provider)
{
    [Fact]
    public async Task The_trace_and_the_statement_show_what_was_spent_with_the_invoice_and_never_a_child_or_a_file()
    {
        var receipt = await ReceiptAsync(1_000_000);
        var proposedAllocation = Ok(await ProposeMoneyAsync(receipt, W.ChildJacket, 180_000));
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(proposedAllocation.Id))).Booked);
        var input = Input((proposedAllocation.Id, 150_000));
        input.Note = $"Áo cho em {AllocationWorld.ChildName}";
        var expense = Ok(await ProposeAsync(input, withInvoice: false));
        var secret = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% BI-MAT-HOA-DON-GOC\n%%EOF\n");
        Ok(await SpendAsAsync(W.Proposer, s => s.AddDocumentAsync(expense.Id, ExpenseDocumentKind.Invoice, "hoa-don.pdf", secret)));
        Assert.True((await ApproveAsync(expense.Id)).Booked);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(secret));

        await using var site = new PublicSiteFactory(Db);
        var client = site.CreateClient();
        var json = await client.GetStringAsync($"/api/v1/trace/{receipt.ReceiptNumber}");
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(150_000, root.GetProperty("spentVnd").GetInt64());
        var allocation = Assert.Single(root.GetProperty("allocations").EnumerateArray());
        var spent = Assert.Single(allocation.GetProperty("expenses").EnumerateArray());
        Assert.Equal(150_000, spent.GetProperty("amountVnd").GetInt64());
        Assert.Equal($"{Supplier}, hoá đơn 00000123 ngày 20/11/2026 (ký hiệu 1C26TAA)", spent.GetProperty("description").GetString());
        Assert.Equal(hash, Assert.Single(spent.GetProperty("documentSha256").EnumerateArray()).GetString());

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(VerifiedGift.PathPrefix + receipt.VerifyToken));
        Assert.Contains($"150.000 ₫ đã chi: {Supplier}, hoá đơn 00000123 ngày 20/11/2026", page);
        Assert.Contains(hash, page);

        var expenses = WebUtility.HtmlDecode(await client.GetStringAsync("/sao-ke?kind=Expense"));
        Assert.Contains(Supplier, expenses);
        var receipts = WebUtility.HtmlDecode(await client.GetStringAsync("/sao-ke?kind=Receipt"));
        Assert.DoesNotContain(Supplier, receipts);
        Assert.Contains(Supplier, WebUtility.HtmlDecode(await client.GetStringAsync("/sao-ke?kind=Expense&q=ia+dal")));

        // No public path to the originals.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Expenses/{expense.Id}?handler=File&documentId=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Expenses/{expense.Id}")).StatusCode);

        var secretBase64 = Convert.ToBase64String(secret);
        foreach (var text in new[] { json, page, expenses, await client.GetStringAsync($"/sao-ke/{receipt.ReceiptNumber}"), await client.GetStringAsync("/api/v1/statement.csv"),
                     await client.GetStringAsync($"/api/v1/statement?q={receipt.ReceiptNumber}") })
        {
            var decoded = WebUtility.HtmlDecode(text);
            Assert.DoesNotContain("Rơ Châm", decoded);
            Assert.DoesNotContain("BI-MAT-HOA-DON", decoded);
            Assert.DoesNotContain(secretBase64, text);
            Assert.DoesNotContain("Áo cho em", decoded);
            Assert.DoesNotContain(W.ChildJacket.Key.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_json_statement_carries_every_field_an_entrys_hash_covers_so_anyone_can_recompute_it()
    {
        var allocation = await AllocatedAsync(1_000_000);
        var expense = Ok(await ProposeAsync(Input((allocation.Id, 400_000))));
        Assert.True((await ApproveAsync(expense.Id)).Booked);

        await using var site = new PublicSiteFactory(Db);
        using var doc = JsonDocument.Parse(await site.CreateClient().GetStringAsync("/api/v1/statement"));
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("kind").GetString() == LedgerCanonicalForm.KindName(LedgerEntryKind.Expense)
            && i.GetProperty("documents").GetString() == LedgerDocuments.Of([InvoicePdf(expense.Id)]) && i.GetProperty("sourceSequence").GetInt64() > 0);
        static string? Text(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();
        static decimal? Number(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();
        static long? Whole(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetInt64();
        foreach (var i in items)
        {
            var entry = new LedgerEntry
            {
                Sequence = i.GetProperty("sequence").GetInt64(), FormatVersion = i.GetProperty("formatVersion").GetInt32(),
                RecordedAt = i.GetProperty("recordedAt").GetDateTime().ToUniversalTime(), ValueDate = DateOnly.Parse(i.GetProperty("valueDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Kind = LedgerCanonicalForm.ParseKind(i.GetProperty("kind").GetString()), AmountVnd = i.GetProperty("amountVnd").GetInt64(),
                Currency = Text(i, "currency"), OriginalAmount = Number(i, "originalAmount"), ExchangeRate = Number(i, "exchangeRate"),
                CampaignId = (int?)Whole(i, "campaignId"), ReceiptNumber = Text(i, "receiptNumber"), Description = i.GetProperty("description").GetString()!,
                DonorDisplay = i.GetProperty("donorDisplay").GetString(), DonorSalt = Text(i, "donorSalt"), DonorCommitment = Text(i, "donorCommitment"),
                ReversesSequence = Whole(i, "reversesSequence"), UnitCode = Text(i, "unitCode"), Item = Text(i, "item"), Quantity = Number(i, "quantity"),
                UnitOfMeasure = Text(i, "unitOfMeasure"), NeedReference = Text(i, "needReference"), SourceSequence = Whole(i, "sourceSequence"),
                Documents = Text(i, "documents"), PreviousHash = i.GetProperty("previousHash").GetString()!,
            };
            Assert.Equal(i.GetProperty("hash").GetString(), LedgerCanonicalForm.ComputeHash(entry));
        }
    }
}

public class ExpenseTraceTestsOnSqlite() : ExpenseTraceTests(DatabaseProvider.Sqlite);

public class ExpenseTraceTestsOnPostgres() : ExpenseTraceTests(DatabaseProvider.Postgres);
