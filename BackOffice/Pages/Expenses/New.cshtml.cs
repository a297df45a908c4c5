using ChildAid.BackOffice.Web;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Expenses;

/// <summary>
/// Proposes an expense from one or several approved money allocations of the user's units, showing what each still holds;
/// opened from the allocation list with the allocation chosen. The invoice is uploaded on the expense's page, then a colleague approves.
/// A proposer blocked by an advance whose invoice is 31 days late is told so at the top, with the link to file it, before
/// filling anything in (the service refuses the proposal all the same).
/// </summary>
public class NewModel(ExpenseQueries queries, ExpenseService expenses, AuditActor actor, TimeProvider clock) : PageModel
{
    [BindProperty] public ExpenseInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "allocation")] public List<int> Asked { get; set; } = [];
    public IReadOnlyList<SpendableAllocation> Allocations { get; private set; } = [];
    /// <summary>The user's advance that blocks new disbursements (31 days or more without its invoice), if any.</summary>
    public Expense? Overdue { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.PaymentDate = clock.VietnamToday();
        Input.Lines = [.. Allocations.Select(a => new ExpenseLineInput { AllocationId = a.Id, AmountVnd = Asked.Contains(a.Id) && a.HeldVnd > 0 ? a.HeldVnd : null })];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        // Rows left empty are not part of the expense; messages go back to the row they came from.
        var chosen = Input.Lines.Select((line, i) => (line, i)).Where(x => x.line.AmountVnd is not null).ToList();
        var input = new ExpenseInput
        {
            SupplierName = Input.SupplierName, SupplierTaxCode = Input.SupplierTaxCode, InvoiceSymbol = Input.InvoiceSymbol, InvoiceNumber = Input.InvoiceNumber,
            InvoiceDate = Input.InvoiceDate, PaymentDate = Input.PaymentDate, Note = Input.Note, Kind = Input.Kind, Lines = [.. chosen.Select(x => x.line)],
        };
        var outcome = await expenses.ProposeAsync(input, ct);
        if (outcome.Succeeded)
        {
            TempData["Saved"] = input.Kind == ExpenseKind.Advance
                ? "Đã gửi đề xuất tạm ứng. Tải lên chứng từ thanh toán nếu có, rồi một cán bộ khác duyệt; nộp hoá đơn sau trên trang này."
                : "Đã gửi đề xuất chi. Tải lên hoá đơn (và chứng từ thanh toán), rồi một cán bộ khác duyệt.";
            return Redirect($"/Expenses/{outcome.Value!.Id}");
        }
        var errors = outcome.Errors.ToDictionary(
            e => Enumerable.Range(0, chosen.Count).FirstOrDefault(j => e.Key == ExpenseService.LineKey(j), -1) is var j and >= 0 ? ExpenseService.LineKey(chosen[j].i)
                : Enumerable.Range(0, chosen.Count).FirstOrDefault(k => e.Key == ExpenseService.QuantityKey(k), -1) is var k and >= 0 ? ExpenseService.QuantityKey(chosen[k].i)
                : e.Key,
            e => e.Value);
        await LoadAsync(ct);
        // The block is already said at the top of the page, with its link.
        ModelState.AddErrors(Overdue is null ? errors : errors.Where(e => e.Key.Length > 0).ToDictionary());
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Allocations = await queries.SpendableAsync(Asked, ct);
        Overdue = await expenses.OverdueAdvanceAsync(actor.UserId ?? actor.Name, ct);
    }
}
