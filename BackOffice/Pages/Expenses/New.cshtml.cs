using ChildAid.BackOffice.Web;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Expenses;

/// <summary>
/// Proposes an expense from one or several approved money allocations of the user's units, showing what each still holds;
/// opened from the allocation list with the allocation chosen. The invoice is uploaded on the expense's page, then a colleague approves.
/// </summary>
public class NewModel(ExpenseQueries queries, ExpenseService expenses, TimeProvider clock) : PageModel
{
    [BindProperty] public ExpenseInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "allocation")] public List<int> Asked { get; set; } = [];
    public IReadOnlyList<SpendableAllocation> Allocations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Allocations = await queries.SpendableAsync(Asked, ct);
        Input.PaymentDate = clock.VietnamToday();
        Input.Lines = [.. Allocations.Select(a => new ExpenseLineInput { AllocationId = a.Id, AmountVnd = Asked.Contains(a.Id) && a.HeldVnd > 0 ? a.HeldVnd : null })];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Allocations = await queries.SpendableAsync(Asked, ct);
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
        ModelState.AddErrors(errors);
        Allocations = await queries.SpendableAsync(Asked, ct);
        return Page();
    }
}
