using System.Net;
using System.Text.Json;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Balances;
using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Expenses;

/// <summary>
/// Hoàn chi: a decider reverses an approved expense — all its lines — with a reason; one reversal entry per expense entry
/// under the ledger lock, the money held by its allocations again, the balances hold, the trace shows it reversed, a double
/// click reverses once, and the database refuses what the service would never write.
/// </summary>
public abstract class ExpenseReversalTests(DatabaseProvider provider) : ExpenseTest(provider)
{
    private const string Reason = "Hoá đơn ghi sai nhà cung cấp, em Rơ Châm không nhận suất ăn";

    private async Task<(Allocation Meals, Allocation Jackets, Expense Expense)> ApprovedExpenseAsync()
    {
        var meals = await AllocatedAsync(1_500_000);
        var jackets = await AllocatedAsync(900_000, W.Jackets);
        var expense = Ok(await ProposeAsync(Input((meals.Id, 1_000_000), (jackets.Id, 900_000))));
        var decision = await ApproveAsync(expense.Id);
        Assert.True(decision.Booked, decision.Problem ?? decision.Refusal);
        return (meals, jackets, expense);
    }

    [Fact]
    public async Task A_decider_reverses_every_line_with_a_private_reason_and_the_allocations_hold_the_money_again()
    {
        var (meals, jackets, expense) = await ApprovedExpenseAsync();
        var waiting = Ok(await ProposeAsync(Input((meals.Id, 100_000)).WithNumber("777")));

        Assert.Equal("Nhập lý do hoàn chi.", (await SpendAsAsync(W.Approver, s => s.ReverseAsync(expense.Id, "  "))).Errors["Reason"]);
        Assert.Equal(Expense.NotApproved, (await SpendAsAsync(W.Approver, s => s.ReverseAsync(waiting.Id, Reason))).Errors["Reason"]);
        Assert.Equal(ExpenseService.NotFound, (await SpendAsAsync(W.OtherCommune, s => s.ReverseAsync(expense.Id, Reason))).Errors["Reason"]);
        Assert.Equal(400_000, (await SpendAsAsync(W.Approver, s => s.HeldAsync([meals.Id])))[meals.Id]);

        var reversed = Ok(await SpendAsAsync(W.Approver, s => s.ReverseAsync(expense.Id, Reason)));
        Assert.True(reversed.IsReversed);

        var ledger = await LedgerAsync();
        var spent = ledger.Where(e => e.Kind == LedgerEntryKind.Expense).ToList();
        var reversals = ledger.Where(e => e.Kind == LedgerEntryKind.Reversal).ToList();
        Assert.Equal(2, reversals.Count);
        Assert.Equal(spent.Select(e => (long?)e.Sequence), reversals.Select(r => r.ReversesSequence));
        foreach (var (e, r) in spent.Zip(reversals))
        {
            Assert.Equal(-e.AmountVnd, r.AmountVnd);
            Assert.Equal(e.UnitCode, r.UnitCode);
            Assert.Equal(e.NeedReference, r.NeedReference);
            Assert.Equal(e.CampaignId, r.CampaignId);
            Assert.Equal(e.ReceiptNumber, r.ReceiptNumber);
            Assert.Equal(e.SourceSequence, r.SourceSequence);
            Assert.Equal($"Hoàn chi: {Supplier}, hoá đơn 00000123", r.Description);
            Assert.DoesNotContain("sai nhà cung cấp", LedgerCanonicalForm.Build(r));
            Assert.DoesNotContain("Rơ Châm", LedgerCanonicalForm.Build(r));
        }
        var verification = await LedgerVerifier.VerifyAsync(ledger.ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);

        await using (var db = Db.NewContext())
        {
            var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking());
            Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
            Assert.Equal(0, balances.Overall.SpentVnd);
            Assert.Equal(2_400_000, balances.Overall.HeldVnd);
            Assert.Equal(2_400_000, balances.Overall.ReceivedVnd);
            var row = await db.Expenses.Include(e => e.Lines).SingleAsync(e => e.Id == expense.Id);
            Assert.Equal(ExpenseState.Approved, row.State);
            Assert.Equal(W.Approver.Id, row.ReversedById);
            Assert.Equal(Reason, row.ReversalReason);
            Assert.Equal(reversals.Select(r => (long?)r.Sequence).Order(), row.Lines.Select(l => l.ReversalSequence).Order());
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Expense" && a.EntityKey == expense.Id.ToString() && a.Action == "Modified"
                && a.UserId == W.Approver.Id && a.After!.Contains("sai nhà cung cấp")));
        }

        // The allocations hold the money again: the waiting proposal and a new expense (the same invoice, now booked right) use it.
        Assert.Equal(1_400_000, (await SpendAsAsync(W.Approver, s => s.HeldAsync([meals.Id])))[meals.Id]);
        Assert.Equal(900_000, (await SpendAsAsync(W.Approver, s => s.HeldAsync([jackets.Id])))[jackets.Id]);
        var again = Ok(await ProposeAsync(Input((meals.Id, 1_400_000))));
        Assert.True((await ApproveAsync(again.Id)).Booked);
        // Nothing is spent from the jackets' allocation any more: it can be reversed.
        Ok(await AsAsync(W.Approver, s => s.ReverseAsync(jackets.Id, "Nhà trường đã nhận áo từ tổ chức khác")));
        await using (var db = Db.NewContext())
        {
            var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking());
            Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
            Assert.Equal(1_400_000, balances.Overall.SpentVnd);
            Assert.Equal(1_500_000, balances.Overall.AllocatedVnd);
            Assert.Equal(100_000, balances.Overall.HeldVnd);
            Assert.Equal(900_000, balances.Overall.UnallocatedVnd);
        }
        Assert.Equal(Expense.AlreadyReversed, (await SpendAsAsync(W.Approver, s => s.ReverseAsync(expense.Id, Reason))).Errors["Reason"]);
    }

    [Fact]
    public async Task A_double_click_reverses_once_and_the_database_refuses_a_second_reversal_or_a_reversal_without_its_entries()
    {
        var (meals, _, expense) = await ApprovedExpenseAsync();
        var other = Ok(await ProposeAsync(Input((meals.Id, 200_000)).WithNumber("778")));
        Assert.True((await ApproveAsync(other.Id)).Booked);

        var both = await Task.WhenAll(
            SpendAsAsync(W.Approver, s => s.ReverseAsync(expense.Id, Reason)),
            SpendAsAsync(W.Approver, s => s.ReverseAsync(expense.Id, Reason)));
        Assert.Single(both, o => o.Succeeded);
        Assert.Single(both, o => !o.Succeeded && o.Errors["Reason"] == Expense.AlreadyReversed);
        Assert.Equal(2, (await LedgerAsync()).Count(e => e.Kind == LedgerEntryKind.Reversal));

        await using var db = Db.NewContext();
        var spent = (await db.ExpenseLines.AsNoTracking().SingleAsync(l => l.ExpenseId == expense.Id && l.AllocationId == meals.Id)).LedgerSequence!.Value;
        var otherEntry = (await db.ExpenseLines.AsNoTracking().SingleAsync(l => l.ExpenseId == other.Id)).LedgerSequence!.Value;

        // A second ledger entry reversing the same expense entry: unique reverses_sequence.
        await using (var scope = Sp.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var writer = scope.ServiceProvider.GetRequiredService<LedgerWriter>();
            await using var tx = await context.Database.BeginTransactionAsync();
            await writer.WriteAsync(await writer.ReserveSlotAsync(), new LedgerEntry
            {
                ValueDate = new DateOnly(2026, 11, 30), Kind = LedgerEntryKind.Reversal, AmountVnd = -1_000_000, Description = "Hoàn chi lần hai",
                DonorDisplay = "", ReversesSequence = spent,
            });
            Assert.NotNull(await Record.ExceptionAsync(() => context.SaveChangesAsync()));
        }

        // Reversed once: never back, never a new reason; another approved expense is not marked reversed without its entries.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE expenses SET reversed_at = NULL, reversed_by_id = NULL, reversal_reason = NULL WHERE id = {0}", expense.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE expenses SET reversal_reason = 'khác' WHERE id = {0}", expense.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE expense_lines SET reversal_sequence = NULL WHERE expense_id = {0}", expense.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE expenses SET reversed_at = decided_at, reversed_by_id = 'sql', reversal_reason = 'sql' WHERE id = {0}", other.Id)));
        // A line names a "reversal" that is not a reversal of its own entry.
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE expense_lines SET reversal_sequence = {0} WHERE expense_id = {1}", otherEntry, other.Id)));
        var reversalOfMeals = (await db.ExpenseLines.AsNoTracking().SingleAsync(l => l.ExpenseId == expense.Id && l.AllocationId == meals.Id)).ReversalSequence!.Value;
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE expense_lines SET reversal_sequence = {0} WHERE expense_id = {1}", reversalOfMeals, other.Id)));
        // A proposal is never born or made reversed.
        var proposal = Ok(await ProposeAsync(Input((meals.Id, 1_000)).WithNumber("779")));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE expenses SET reversed_at = proposed_at, reversed_by_id = 'sql', reversal_reason = 'sql' WHERE id = {0}", proposal.Id)));

        var rows = await db.Expenses.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([true, false, false], rows.Select(r => r.IsReversed));
        Assert.Equal(Reason, rows[0].ReversalReason);
        Assert.All(await db.ExpenseLines.AsNoTracking().Where(l => l.ExpenseId != expense.Id).ToListAsync(), l => Assert.Null(l.ReversalSequence));
    }

    [Fact]
    public async Task The_trace_shows_the_reversed_expense_as_reversed_and_never_the_reason()
    {
        var receipt = await ReceiptAsync(1_000_000);
        var allocation = Ok(await ProposeMoneyAsync(receipt, W.Meals, 600_000));
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(allocation.Id))).Booked);
        var wrong = Ok(await ProposeAsync(Input((allocation.Id, 500_000))));
        Assert.True((await ApproveAsync(wrong.Id)).Booked);
        Ok(await SpendAsAsync(W.Approver, s => s.ReverseAsync(wrong.Id, Reason)));
        var right = Ok(await ProposeAsync(Input((allocation.Id, 450_000)).WithNumber("124")));
        Assert.True((await ApproveAsync(right.Id)).Booked);
        var ledger = await LedgerAsync();
        var reversal = ledger.Single(e => e.Kind == LedgerEntryKind.Reversal);

        await using var site = new PublicSiteFactory(Db);
        var client = site.CreateClient();
        var json = await client.GetStringAsync($"/api/v1/trace/{receipt.ReceiptNumber}");
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(450_000, doc.RootElement.GetProperty("spentVnd").GetInt64());
        var expenses = Assert.Single(doc.RootElement.GetProperty("allocations").EnumerateArray()).GetProperty("expenses").EnumerateArray().ToList();
        Assert.Equal(2, expenses.Count);
        Assert.Equal(reversal.Sequence, expenses[0].GetProperty("reversedBySequence").GetInt64());
        Assert.Equal(reversal.ValueDate.ToString("yyyy-MM-dd"), expenses[0].GetProperty("reversedOn").GetString());
        Assert.Equal(JsonValueKind.Null, expenses[1].GetProperty("reversedBySequence").ValueKind);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(VerifiedGift.PathPrefix + receipt.VerifyToken));
        Assert.Contains($"500.000 ₫ đã chi: {Supplier}, hoá đơn 00000123", page);
        Assert.Contains($"đã hoàn chi ngày {Shared.Text.VietnameseFormat.Date(reversal.ValueDate)}", page);
        Assert.Contains("450.000 ₫ đã chi", page);
        var statement = WebUtility.HtmlDecode(await client.GetStringAsync("/sao-ke?kind=Reversal"));
        Assert.Contains($"Hoàn chi: {Supplier}, hoá đơn 00000123", statement);
        foreach (var text in new[] { json, page, statement, await client.GetStringAsync("/api/v1/statement.csv") })
        {
            Assert.DoesNotContain("sai nhà cung cấp", WebUtility.HtmlDecode(text));
            Assert.DoesNotContain("Rơ Châm", WebUtility.HtmlDecode(text));
        }
    }
}

public class ExpenseReversalTestsOnSqlite() : ExpenseReversalTests(DatabaseProvider.Sqlite);

public class ExpenseReversalTestsOnPostgres() : ExpenseReversalTests(DatabaseProvider.Postgres);
