using ChildAid.Shared.Allocations;
using ChildAid.Shared.Balances;
using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Expenses;

/// <summary>
/// Money paid out: proposed by one person, approved by another, one ledger entry of kind expense per allocation it draws
/// from; never more than an allocation still holds, only from approved money allocations of one commune — refused by the
/// service with a message next to the field, and by the database whoever writes.
/// </summary>
public abstract class ExpenseTests(DatabaseProvider provider) : ExpenseTest(provider)
{
    [Fact]
    public async Task The_proposer_cannot_approve_a_colleague_books_one_expense_entry_per_allocation_and_the_balances_hold()
    {
        var meals = await AllocatedAsync(1_500_000);
        var jackets = await AllocatedAsync(900_000, W.Jackets);
        var proposed = Ok(await ProposeAsync(Input((meals.Id, 1_000_000), (jackets.Id, 900_000))));
        Assert.Equal(1_900_000, proposed.AmountVnd);
        Assert.Equal(W.IaDal.Id, proposed.AdminUnitId);

        var own = await ApproveAsync(proposed.Id, W.Proposer);
        Assert.False(own.Booked);
        Assert.Equal(Expense.OwnProposal, own.Refusal);
        Assert.Equal(4, (await LedgerAsync()).Count);

        var approved = await ApproveAsync(proposed.Id);
        Assert.True(approved.Booked, approved.Problem ?? approved.Refusal);

        var ledger = await LedgerAsync();
        var allocationEntries = ledger.Where(e => e.Kind == LedgerEntryKind.Allocation).ToList();
        var expenses = ledger.Where(e => e.Kind == LedgerEntryKind.Expense).ToList();
        Assert.Equal(2, expenses.Count);
        Assert.Equal([1_000_000L, 900_000L], expenses.Select(e => e.AmountVnd));
        Assert.Equal(allocationEntries.Select(e => (long?)e.Sequence), expenses.Select(e => e.SourceSequence));
        Assert.Equal(allocationEntries.Select(e => e.NeedReference), expenses.Select(e => e.NeedReference));
        Assert.All(expenses, e =>
        {
            Assert.Equal(W.IaDal.Code, e.UnitCode);
            Assert.Equal(new DateOnly(2026, 11, 25), e.ValueDate);
            Assert.Equal($"{Supplier}, hoá đơn 00000123 ngày 20/11/2026 (ký hiệu 1C26TAA)", e.Description);
            Assert.Null(e.DonorCommitment);
            Assert.Equal(LedgerDocuments.Of([InvoicePdf(proposed.Id)]), e.Documents);
            Assert.DoesNotContain("Rơ Châm", LedgerCanonicalForm.Build(e));
        });
        var verification = await LedgerVerifier.VerifyAsync(ledger.ToAsyncEnumerable());
        Assert.True(verification.IsIntact, verification.Problem);

        await using var db = Db.NewContext();
        var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries.AsNoTracking());
        Assert.True(balances.Holds, string.Join(" | ", balances.Violations.Select(v => v.Message)));
        Assert.Equal(1_900_000, balances.Overall.SpentVnd);
        Assert.Equal(500_000, balances.Overall.HeldVnd);
        var row = await db.Expenses.Include(e => e.Lines).SingleAsync();
        Assert.Equal(ExpenseState.Approved, row.State);
        Assert.Equal(W.Approver.Id, row.DecidedById);
        Assert.Equal(expenses.Select(e => (long?)e.Sequence).Order(), row.Lines.Select(l => l.LedgerSequence).Order());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Expense" && a.Action == "Added" && a.UserId == W.Proposer.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Expense" && a.Action == "Modified" && a.UserId == W.Approver.Id));
        Assert.Equal(500_000, (await SpendAsAsync(W.Approver, s => s.HeldAsync([meals.Id])))[meals.Id]);
    }

    [Fact]
    public async Task More_than_the_allocation_still_holds_is_refused_by_the_service_and_by_the_database()
    {
        var meals = await AllocatedAsync(1_000_000);
        var first = Ok(await ProposeAsync(Input((meals.Id, 600_000))));

        var input = Input((meals.Id, 500_000));
        input.InvoiceNumber = "124";
        var over = await ProposeAsync(input);

        Assert.False(over.Succeeded);
        Assert.Equal($"Phân bổ số {meals.Id} chỉ còn 400.000 ₫ chưa chi; không chi vượt số được phân bổ.", over.Errors[ExpenseService.LineKey(0)]);
        await using var db = Db.NewContext();
        var ex = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO expense_lines (expense_id, allocation_id, amount_vnd) VALUES ({0}, {1}, 500000)", first.Id, meals.Id));
        Assert.NotNull(ex);
        Assert.Contains("still holds", ex.ToString());
        Assert.Equal(1, await db.ExpenseLines.CountAsync());

        // A rejection frees what the proposal reserved.
        Assert.Equal("Nhập lý do từ chối.", (await SpendAsAsync(W.Approver, s => s.RejectAsync(first.Id, " "))).Errors["Reason"]);
        Ok(await SpendAsAsync(W.Approver, s => s.RejectAsync(first.Id, "Sai số tiền")));
        Assert.Equal(Expense.AlreadyDecided, (await ApproveAsync(first.Id)).Problem);
        var whole = Ok(await ProposeAsync(input.With(meals.Id, 1_000_000)));
        Assert.True((await ApproveAsync(whole.Id)).Booked);
        Assert.Contains("chỉ còn 0 ₫", (await ProposeAsync(Input((meals.Id, 1)).WithNumber("125"))).Errors[ExpenseService.LineKey(0)]);
    }

    [Fact]
    public async Task Only_approved_money_allocations_of_one_commune_and_a_well_formed_invoice()
    {
        var meals = await AllocatedAsync(1_000_000);
        var toi = await AllocatedAsync(500_000, W.MealsIaToi, W.OtherCommune);
        var receipt = await ReceiptAsync(300_000);
        var proposal = Ok(await ProposeMoneyAsync(receipt, W.Meals, 300_000));
        var goods = await GoodsReceiptAsync("Áo ấm trẻ em 6–8 tuổi", 10, 150_000);
        var goodsAllocation = Ok(await ProposeGoodsAsync(goods, W.Jackets, 5));
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(goodsAllocation.Id))).Booked);

        Assert.Contains("chưa được duyệt", (await ProposeAsync(Input((proposal.Id, 100_000)))).Errors[ExpenseService.LineKey(0)]);
        Assert.Contains("hiện vật", (await ProposeAsync(Input((goodsAllocation.Id, 100_000)))).Errors[ExpenseService.LineKey(0)]);
        Assert.Contains("cùng một xã", (await ProposeAsync(Input((meals.Id, 100_000), (toi.Id, 100_000)))).Errors["Lines"]);
        Assert.Contains("Không tìm thấy", (await ProposeAsync(Input((meals.Id, 100_000)), W.OtherCommune)).Errors[ExpenseService.LineKey(0)]);
        Assert.Equal("Chọn ít nhất một phân bổ để chi.", (await ProposeAsync(Input())).Errors["Lines"]);

        var bad = Input((meals.Id, 100_000));
        bad.SupplierName = " ";
        bad.SupplierTaxCode = "12345";
        bad.InvoiceSymbol = "AB123";
        bad.InvoiceNumber = "123456789";
        bad.PaymentDate = null;
        var errors = (await ProposeAsync(bad)).Errors;
        Assert.Equal("Nhập tên nhà cung cấp (như trên hoá đơn).", errors["SupplierName"]);
        Assert.StartsWith("Mã số thuế gồm 10 chữ số", errors["SupplierTaxCode"]);
        Assert.StartsWith("Ký hiệu hoá đơn điện tử gồm 7 ký tự", errors["InvoiceSymbol"]);
        Assert.Equal("Số hoá đơn gồm 1 đến 8 chữ số.", errors["InvoiceNumber"]);
        Assert.Equal("Nhập ngày chi tiền.", errors["PaymentDate"]);
        var wrongYear = Input((meals.Id, 100_000));
        wrongYear.InvoiceSymbol = "1c25taa";
        Assert.Equal("Ký hiệu 1C25TAA ghi năm 2025, khác năm của ngày hoá đơn.", (await ProposeAsync(wrongYear)).Errors["InvoiceSymbol"]);

        var branch = Input((meals.Id, 100_000));
        branch.SupplierTaxCode = "5901234567001";
        var ok = Ok(await ProposeAsync(branch));
        Assert.Equal("5901234567-001", ok.SupplierTaxCode);
        Assert.Equal(Messages("Hoá đơn này đã được ghi ở khoản chi số {0}.", ok.Id), (await ProposeAsync(branch)).Errors["InvoiceNumber"]);
        await using var db = Db.NewContext();
        var ex = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO expense_lines (expense_id, allocation_id, amount_vnd) VALUES ({0}, {1}, 1000)", ok.Id, goodsAllocation.Id));
        Assert.NotNull(ex);
        Assert.Contains("approved money allocation", ex.ToString());
    }

    [Fact]
    public async Task A_double_click_on_approve_books_once()
    {
        var meals = await AllocatedAsync(1_000_000);
        var proposed = Ok(await ProposeAsync(Input((meals.Id, 400_000))));

        var both = await Task.WhenAll(ApproveAsync(proposed.Id), ApproveAsync(proposed.Id));

        Assert.Single(both, d => d.Booked);
        Assert.Single(both, d => d.Problem == Expense.AlreadyDecided);
        Assert.Single(await LedgerAsync(), e => e.Kind == LedgerEntryKind.Expense);
    }

    [Fact]
    public async Task An_allocation_with_expenses_is_not_reversed_by_the_service_nor_by_the_database()
    {
        var meals = await AllocatedAsync(1_000_000);
        Ok(await ProposeAsync(Input((meals.Id, 400_000))));

        var reversal = await AsAsync(W.Approver, s => s.ReverseAsync(meals.Id, "Nhập nhầm"));
        Assert.Equal(AllocationService.HasExpenses, reversal.Errors["Reason"]);

        await using var db = Db.NewContext();
        var ex = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE allocations SET state = 'Reversed', reversal_reason = 'x', reversed_by_id = 'x', reversed_at = decided_at, reversal_sequence = 99 WHERE id = {0}", meals.Id));
        Assert.NotNull(ex);
        Assert.Equal(AllocationState.Approved, (await db.Allocations.AsNoTracking().SingleAsync(a => a.Id == meals.Id)).State);
    }

    [Fact]
    public async Task Another_commune_neither_sees_nor_approves_and_a_decided_expense_never_changes()
    {
        var meals = await AllocatedAsync(1_000_000);
        var proposed = Ok(await ProposeAsync(Input((meals.Id, 400_000))));

        Assert.Equal(0, await SpendAsAsync(W.OtherCommune, (_, db) => db.Expenses.CountAsync()));
        Assert.Equal(0, await SpendAsAsync(W.OtherCommune, (_, db) => db.ExpenseLines.CountAsync()));
        Assert.Equal(ExpenseService.NotFound, (await ApproveAsync(proposed.Id, W.OtherCommune)).Problem);
        Assert.False((await SpendAsAsync(W.OtherCommune, s => s.RejectAsync(proposed.Id, "Không phải xã tôi"))).Succeeded);

        await using var db = Db.NewContext();
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE expenses SET state = 'Approved', decided_by_id = proposed_by_id, decided_at = proposed_at WHERE id = {0}", proposed.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE expenses SET state = 'Approved', decided_by_id = 'someone', decided_at = proposed_at WHERE id = {0}", proposed.Id)));
        Assert.True((await ApproveAsync(proposed.Id)).Booked);
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE expenses SET amount_vnd = 1 WHERE id = {0}", proposed.Id)));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE expense_lines SET amount_vnd = 1")));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM expense_lines")));
        Assert.NotNull(await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM expenses")));
        Assert.Equal(400_000, (await db.Expenses.AsNoTracking().SingleAsync()).AmountVnd);
    }

    private static string Messages(string key, params object[] values) => Shared.Localization.Messages.Format(key, values);
}

internal static class ExpenseInputs
{
    public static ExpenseInput With(this ExpenseInput input, int allocationId, long amount)
    {
        input.Lines = [new ExpenseLineInput { AllocationId = allocationId, AmountVnd = amount }];
        return input;
    }

    public static ExpenseInput WithNumber(this ExpenseInput input, string number)
    {
        input.InvoiceNumber = number;
        return input;
    }
}

public class ExpenseTestsOnSqlite() : ExpenseTests(DatabaseProvider.Sqlite);

public class ExpenseTestsOnPostgres() : ExpenseTests(DatabaseProvider.Postgres);
