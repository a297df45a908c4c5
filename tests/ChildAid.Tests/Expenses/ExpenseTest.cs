using ChildAid.Shared.Allocations;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Security;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Expenses;

/// <summary>The allocation world (<see cref="AllocationWorld"/>) with expense services run as a given person, their unit scope applied.</summary>
public abstract class ExpenseTest(DatabaseProvider provider) : AllocationTest(provider)
{
    /// <summary>A lunch supplier of Ia Đal and its e-invoice of 2026.</summary>
    public const string Supplier = "HTX Dịch vụ Nông nghiệp Ia Đal";

    protected Task<T> SpendAsAsync<T>(Person? person, Func<ExpenseService, ChildAidDbContext, Task<T>> act) => ActAsAsync(person, act);

    protected Task<T> SpendAsAsync<T>(Person? person, Func<ExpenseService, Task<T>> act) => SpendAsAsync(person, (s, _) => act(s));

    /// <summary>An approved money allocation of a fresh receipt to <paramref name="line"/> (default: Ia Đal's lunch meals).</summary>
    protected async Task<Allocation> AllocatedAsync(long amountVnd, Shared.Needs.NeedLine? line = null, Person? approver = null)
    {
        var receipt = await ReceiptAsync(amountVnd);
        var proposed = Ok(await ProposeMoneyAsync(receipt, line ?? W.Meals, amountVnd));
        var decision = await AsAsync(approver ?? W.Approver, s => s.ApproveAsync(proposed.Id));
        Assert.True(decision.Booked, decision.Problem ?? decision.Refusal);
        return decision.Approved!;
    }

    protected static ExpenseInput Input(params (int AllocationId, long Amount)[] lines) => new()
    {
        SupplierName = Supplier,
        SupplierTaxCode = "5901234567",
        InvoiceSymbol = "1C26TAA",
        InvoiceNumber = "00000123",
        InvoiceDate = new DateOnly(2026, 11, 20),
        PaymentDate = new DateOnly(2026, 11, 25),
        Lines = [.. lines.Select(l => new ExpenseLineInput { AllocationId = l.AllocationId, AmountVnd = l.Amount })],
    };

    /// <summary>Proposes as <paramref name="by"/> (default: the proposer) and, when that succeeds, uploads its invoice (<see cref="InvoicePdf"/>).</summary>
    protected async Task<Shared.Validation.Outcome<Expense>> ProposeAsync(ExpenseInput input, Person? by = null, bool withInvoice = true)
    {
        var outcome = await SpendAsAsync(by ?? W.Proposer, s => s.ProposeAsync(input));
        if (outcome.Succeeded && withInvoice)
            Ok(await SpendAsAsync(by ?? W.Proposer, s => s.AddDocumentAsync(outcome.Value!.Id, ExpenseDocumentKind.Invoice, "hoa-don.pdf", InvoicePdf(outcome.Value.Id))));
        return outcome;
    }

    /// <summary>A small file that starts like a PDF, different for each expense.</summary>
    protected static byte[] InvoicePdf(int expenseId) => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% hoa don {expenseId}\n%%EOF\n");

    protected Task<ExpenseDecision> ApproveAsync(int expenseId, Person? by = null) =>
        SpendAsAsync(by ?? W.Approver, s => s.ApproveAsync(expenseId));
}
