using System.Text.Json;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Balances;
using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using ChildAid.Tests.PublicSite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.Expenses;

/// <summary>Days without an advance's invoice, counted from the payment date in Vietnam's calendar.</summary>
public class InvoiceDelayTests
{
    [Theory]
    [InlineData(0, InvoiceDelay.None)]
    [InlineData(14, InvoiceDelay.None)]
    [InlineData(15, InvoiceDelay.Day15)]
    [InlineData(28, InvoiceDelay.Day15)]
    [InlineData(29, InvoiceDelay.Day29)]
    [InlineData(30, InvoiceDelay.Day29)]
    [InlineData(31, InvoiceDelay.Blocking)]
    [InlineData(90, InvoiceDelay.Blocking)]
    public void Flagged_at_15_and_29_days_and_blocking_at_31(int days, InvoiceDelay expected) =>
        Assert.Equal(expected, ExpenseRules.Delay(new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 25).AddDays(days)));
}

/// <summary>
/// Advances (tạm ứng): approved and booked without an invoice, the invoice filed later with no new money entry (its SHA-256
/// public beside the entry), flagged at 15 and 29 days, and at 31 days its proposer makes no new disbursement until it is filed.
/// </summary>
public abstract class ExpenseAdvanceTests(DatabaseProvider provider) : ExpenseTest(provider)
{
    /// <summary>The payment date of the advances here.</summary>
    private static readonly DateOnly Paid = new(2026, 11, 25);

    /// <summary>Vietnam's midnight starting day <paramref name="days"/> after the payment (17:00 UTC the day before).</summary>
    private static DateTimeOffset DayAfterPayment(int days) => new DateTimeOffset(Paid.AddDays(days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-7);

    private async Task<T> AtAsync<T>(FakeTimeProvider clock, Person person, Func<ExpenseService, ExpenseQueries, Task<T>> act)
    {
        await using var sp = Db.Services(s => s.AddSingleton<TimeProvider>(clock));
        await using var scope = sp.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
        actor.UserId = person.Id;
        actor.Name = person.UserName;
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        db.UnitScope = new AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync()).Covered(person.Units!);
        return await act(scope.ServiceProvider.GetRequiredService<ExpenseService>(), scope.ServiceProvider.GetRequiredService<ExpenseQueries>());
    }

    private static ExpenseInput Advance(int allocationId, long amount) => new()
    {
        Kind = ExpenseKind.Advance, SupplierName = Supplier, SupplierTaxCode = "5901234567", PaymentDate = Paid,
        Lines = [new ExpenseLineInput { AllocationId = allocationId, AmountVnd = amount }],
    };

    private static InvoiceFiling Filing(string number = "00000456") => new() { InvoiceSymbol = "1C26TAA", InvoiceNumber = number, InvoiceDate = new DateOnly(2026, 12, 20) };

    [Fact]
    public async Task An_advance_is_booked_without_invoice_flagged_at_15_and_29_days_blocks_its_proposer_at_31_until_the_invoice_is_filed()
    {
        var meals = await AllocatedAsync(1_500_000);
        var clock = new FakeTimeProvider(DayAfterPayment(0).AddHours(10));
        var advance = Ok(await AtAsync(clock, W.Proposer, (s, _) => s.ProposeAsync(Advance(meals.Id, 500_000))));
        Assert.Equal(ExpenseKind.Advance, advance.Kind);
        Assert.Equal("", advance.InvoiceNumber);
        var approved = await AtAsync(clock, W.Approver, (s, _) => s.ApproveAsync(advance.Id));
        Assert.True(approved.Booked, approved.Problem ?? approved.Refusal);
        var entry = (await LedgerAsync()).Single(e => e.Kind == LedgerEntryKind.Expense);
        Assert.Equal($"Tạm ứng: {Supplier} (hoá đơn nộp sau)", entry.Description);
        Assert.Null(entry.Documents);
        Assert.Equal(Paid, entry.ValueDate);

        // Day 14 ends at 16:59:59 UTC (23:59:59 in Vietnam); day 15 starts at 17:00 UTC.
        async Task<ExpenseRow> RowAt(DateTimeOffset at, Person? who = null)
        {
            clock.SetUtcNow(at);
            var rows = await AtAsync(clock, who ?? W.Approver, (_, q) => q.ListAsync(new ExpenseFilter { MissingInvoice = true }));
            return Assert.Single(rows);
        }
        Assert.Equal(InvoiceDelay.None, (await RowAt(DayAfterPayment(15).AddSeconds(-1))).Delay);
        Assert.Equal(InvoiceDelay.Day15, (await RowAt(DayAfterPayment(15))).Delay);
        Assert.Equal(InvoiceDelay.Day15, (await RowAt(DayAfterPayment(29).AddSeconds(-1))).Delay);
        Assert.Equal(InvoiceDelay.Day29, (await RowAt(DayAfterPayment(29))).Delay);
        Assert.Equal(InvoiceDelay.Day29, (await RowAt(DayAfterPayment(30))).Delay);

        // Day 30: still allowed. Day 31: the proposer is blocked (a colleague is not), with a message naming the advance.
        var fine = Input((meals.Id, 100_000)).WithNumber("901");
        fine.PaymentDate = Paid.AddDays(30);
        fine.InvoiceDate = Paid.AddDays(30);
        Ok(await AtAsync(clock, W.Proposer, (s, _) => s.ProposeAsync(fine)));
        Assert.Equal(InvoiceDelay.Day29, (await RowAt(DayAfterPayment(31).AddSeconds(-1))).Delay);
        Assert.Equal(InvoiceDelay.Blocking, (await RowAt(DayAfterPayment(31))).Delay);
        var blocked = await AtAsync(clock, W.Proposer, (s, _) => s.ProposeAsync(Input((meals.Id, 100_000)).WithNumber("902")));
        Assert.False(blocked.Succeeded);
        Assert.Equal(Shared.Localization.Messages.Format(
            "Khoản tạm ứng số {0} (chi ngày {1}) đã quá 30 ngày chưa có hoá đơn; hãy nộp hoá đơn cho khoản đó trước khi đề xuất khoản chi mới.",
            advance.Id, "25/11/2026"), blocked.Errors[""]);
        Ok(await AtAsync(clock, W.Approver, (s, _) => s.ProposeAsync(Input((meals.Id, 100_000)).WithNumber("903"))));

        // Filing: the invoice's fields are checked; the file is kept privately with its SHA-256; NO new ledger entry.
        var bytes = InvoicePdf(advance.Id);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var bad = await AtAsync(clock, W.Proposer, (s, _) => s.FileInvoiceAsync(advance.Id, new InvoiceFiling { InvoiceSymbol = "X", InvoiceNumber = "1" }, "hd.pdf", bytes));
        Assert.StartsWith("Ký hiệu hoá đơn điện tử gồm 7 ký tự", bad.Errors["InvoiceSymbol"]);
        Assert.Equal("Nhập ngày hoá đơn.", bad.Errors["InvoiceDate"]);
        Assert.Equal("Chỉ nhận tệp PDF, JPEG hoặc PNG.", (await AtAsync(clock, W.Proposer, (s, _) => s.FileInvoiceAsync(advance.Id, Filing(), "hd.pdf", "<html/>"u8.ToArray()))).Errors["File"]);
        Assert.Equal(ExpenseService.NotFound, (await AtAsync(clock, W.OtherCommune, (s, _) => s.FileInvoiceAsync(advance.Id, Filing(), "hd.pdf", bytes))).Errors["File"]);
        var entries = (await LedgerAsync()).Count;
        var filed = Ok(await AtAsync(clock, W.Proposer, (s, _) => s.FileInvoiceAsync(advance.Id, Filing(), "hd.pdf", bytes)));
        Assert.Equal("00000456", filed.InvoiceNumber);
        Assert.NotNull(filed.InvoiceFiledAt);
        Assert.Equal(entries, (await LedgerAsync()).Count);
        Assert.Equal(ExpenseService.NotAnAdvanceWaiting, (await AtAsync(clock, W.Proposer, (s, _) => s.FileInvoiceAsync(advance.Id, Filing("457"), "hd.pdf", bytes))).Errors["File"]);
        Assert.Empty(await AtAsync(clock, W.Approver, (_, q) => q.ListAsync(new ExpenseFilter { MissingInvoice = true })));

        // The block is lifted.
        Ok(await AtAsync(clock, W.Proposer, (s, _) => s.ProposeAsync(Input((meals.Id, 100_000)).WithNumber("904"))));

        await using (var db = Db.NewContext())
        {
            var published = await db.PublicExpenseInvoices.AsNoTracking().SingleAsync();
            Assert.Equal(entry.Sequence, published.ExpenseSequence);
            Assert.Equal(hash, published.Sha256);
            Assert.Equal(Paid.AddDays(31), published.FiledOn);
            Assert.Equal(hash, (await db.ExpenseDocuments.AsNoTracking().SingleAsync(d => d.ExpenseId == advance.Id)).Sha256);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Expense" && a.EntityKey == advance.Id.ToString() && a.Action == "Modified"
                && a.UserId == W.Proposer.Id && a.After!.Contains("00000456")));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "ExpenseDocument" && a.Action == "Added" && a.UserId == W.Proposer.Id));
            // The database: a filed invoice never changes, a hash is published only for a waiting advance's stored invoice, never changed.
            Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE expenses SET invoice_number = '1' WHERE id = {0}", advance.Id)));
            Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE expenses SET invoice_filed_at = NULL WHERE id = {0}", advance.Id)));
            Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE public_expense_invoices SET sha256 = {0}", new string('0', 64))));
            Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM public_expense_invoices")));
            Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
                "INSERT INTO public_expense_invoices (expense_sequence, sha256, filed_on) VALUES ({0}, {1}, '2026-12-26')", entry.Sequence - 1, hash)));
            // An expense of kind invoice is never "filed" after approval.
            var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking());
            Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
            Assert.Equal(500_000, balances.Overall.SpentVnd);
        }

        // The trace shows the advance and the SHA-256 of its invoice filed later; never the file.
        var receipt = (await LedgerAsync()).Single(e => e.Kind == LedgerEntryKind.Receipt).ReceiptNumber;
        await using var site = new PublicSiteFactory(Db);
        var json = await site.CreateClient().GetStringAsync($"/api/v1/trace/{receipt}");
        using var doc = JsonDocument.Parse(json);
        var spent = Assert.Single(Assert.Single(doc.RootElement.GetProperty("allocations").EnumerateArray()).GetProperty("expenses").EnumerateArray());
        Assert.Equal(hash, spent.GetProperty("filedInvoiceSha256").GetString());
        Assert.Equal("2026-12-26", spent.GetProperty("invoiceFiledOn").GetString());
        Assert.DoesNotContain("hoa don", json);
    }

    [Fact]
    public async Task Without_an_invoice_only_an_advance_is_approved_and_a_reversed_advance_neither_waits_nor_blocks()
    {
        var meals = await AllocatedAsync(1_000_000);
        var clock = new FakeTimeProvider(DayAfterPayment(0).AddHours(10));
        var plain = Ok(await ProposeAsync(Input((meals.Id, 100_000)), withInvoice: false));
        Assert.Equal(ExpenseService.NoInvoice, (await ApproveAsync(plain.Id)).Problem);

        var advance = Ok(await AtAsync(clock, W.Proposer, (s, _) => s.ProposeAsync(Advance(meals.Id, 300_000))));
        Assert.True((await AtAsync(clock, W.Approver, (s, _) => s.ApproveAsync(advance.Id))).Booked);
        clock.SetUtcNow(DayAfterPayment(40));
        Assert.False((await AtAsync(clock, W.Proposer, (s, _) => s.ProposeAsync(Input((meals.Id, 1_000)).WithNumber("905")))).Succeeded);
        Ok(await AtAsync(clock, W.Approver, (s, _) => s.ReverseAsync(advance.Id, "Nhà cung cấp không giao hàng, đã hoàn tiền")));
        Assert.Equal($"Hoàn chi: {Supplier}, tạm ứng", (await LedgerAsync()).Single(e => e.Kind == LedgerEntryKind.Reversal).Description);
        Assert.Empty(await AtAsync(clock, W.Approver, (_, q) => q.ListAsync(new ExpenseFilter { MissingInvoice = true })));
        Ok(await AtAsync(clock, W.Proposer, (s, _) => s.ProposeAsync(Input((meals.Id, 1_000)).WithNumber("906"))));
        Assert.Equal(ExpenseService.NotAnAdvanceWaiting,
            (await AtAsync(clock, W.Proposer, (s, _) => s.FileInvoiceAsync(advance.Id, Filing(), "hd.pdf", InvoicePdf(advance.Id)))).Errors["File"]);

        // The database takes an invoice file after approval only for a standing advance waiting for it.
        await using var db = Db.NewContext();
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO expense_documents (expense_id, kind, file_name, content_type, size_bytes, sha256, uploaded_by_id, uploaded_at) " +
            "VALUES ({0}, 'Invoice', 'x.pdf', 'application/pdf', 1, {1}, 'sql', '2026-12-01')", advance.Id, new string('a', 64))));
    }
}

public class ExpenseAdvanceTestsOnSqlite() : ExpenseAdvanceTests(DatabaseProvider.Sqlite);

public class ExpenseAdvanceTestsOnPostgres() : ExpenseAdvanceTests(DatabaseProvider.Postgres);
