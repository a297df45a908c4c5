using ChildAid.BackOffice.Web;
using ChildAid.Shared.Children;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Needs;

/// <summary>Support other agencies declared for children or schools of the user's units: the register and a form to add to it.</summary>
public class DeclaredSupportModel(DeclaredSupportService service, ChildService children, WhoDoesWhatWhere threeW) : PageModel
{
    /// <summary>Who does what where in the user's units: the agencies' declared support and this programme's approved allocations.</summary>
    public IReadOnlyList<WhoWhatWhereRow> ThreeW { get; private set; } = [];

    /// <summary>The 3W as HXL CSV (UTF-8, a row of names then a row of hashtags).</summary>
    public async Task<IActionResult> OnGetThreeWAsync(CancellationToken ct)
    {
        var rows = await threeW.RowsAsync(ct);
        await using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        await WhoDoesWhatWhere.WriteCsvAsync(text, rows);
        return File(new System.Text.UTF8Encoding(false).GetBytes(text.ToString()), "text/csv; charset=utf-8", "ai-lam-gi-o-dau-3w.csv");
    }

    [BindProperty] public DeclaredSupportInput Input { get; set; } = new();
    public IReadOnlyList<DeclaredSupportRow> Register { get; private set; } = [];
    public Organisation? OwnAgency { get; private set; }
    public IReadOnlyList<Organisation> Agencies { get; private set; } = [];
    public IReadOnlyList<Choice> Children { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var outcome = await service.AddAsync(Input, ct);
            if (outcome.Succeeded)
            {
                TempData["Saved"] = "Đã ghi nhận hỗ trợ đã đăng ký.";
                return RedirectToPage();
            }
            ModelState.AddErrors(outcome.Errors);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Register = await service.ListAsync(ct);
        ThreeW = await threeW.RowsAsync(ct);
        OwnAgency = await service.OwnAgencyAsync(ct);
        Agencies = OwnAgency is null ? await service.AgenciesAsync(ct) : [];
        Children = await children.ChoicesAsync(ct);
        Schools = await service.SchoolsAsync(ct);
    }

    public IReadOnlyList<Organisation> Schools { get; private set; } = [];
}
