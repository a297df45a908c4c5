using ChildAid.BackOffice.Security;
using ChildAid.BackOffice.Web;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ChildAid.BackOffice.Pages.Allocations;

/// <summary>Proposes part of a receipt for a need line, showing what is left on both sides; a colleague approves it on the list.</summary>
public class ProposeModel(AllocationQueries queries, AllocationService allocations, IAuthorizationService authorization) : PageModel
{
    [BindProperty] public AllocationInput Input { get; set; } = new();
    public Contribution Receipt { get; private set; } = null!;
    public ReceiptRemainder Left { get; private set; } = null!;
    public IReadOnlyList<NeedOption> Needs { get; private set; } = [];

    public IEnumerable<SelectListItem> NeedItems => Needs.Select(n => new SelectListItem(
        Localization.StaffText.T("{0} — {1} — {2} — cấp {3} — còn thiếu {4} {5}, {6}", n.Commune, n.Who,
            NeedLabels.WithSizeBand(n.Item, n.SizeBand, Localization.StaffText.T), n.Level,
            VietnameseFormat.Number(n.Left.QuantityLeft), Localization.StaffText.T(NeedLabels.Units[n.Unit]), VietnameseFormat.Vnd(n.Left.ValueLeftVnd)),
        n.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    public IEnumerable<SelectListItem> GoodsItems => Receipt.GoodsLines.Select(g => new SelectListItem(
        Localization.StaffText.T("{0} — còn {1} {2}", g.Item, VietnameseFormat.Number(Left.GoodsLeft.GetValueOrDefault(g.Id)), g.Unit),
        g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Input.ContributionId = id;
        var outcome = await allocations.ProposeAsync(Input, ct);
        if (outcome.Succeeded)
        {
            TempData["Saved"] = Localization.StaffText.T("Đã gửi đề xuất phân bổ từ phiếu thu {0}; một cán bộ khác cần duyệt.", Receipt.ReceiptNumber);
            return RedirectToPage("/Allocations/Index", new { State = AllocationState.Proposed });
        }
        ModelState.AddErrors(outcome.Errors);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (await queries.ReceiptAsync(id, ct) is not var (receipt, left)) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, receipt.AdminUnitId, Policies.CoversUnit)).Succeeded) return Forbid();
        (Receipt, Left) = (receipt, left);
        Needs = await queries.NeedOptionsAsync(ct);
        return null;
    }
}
