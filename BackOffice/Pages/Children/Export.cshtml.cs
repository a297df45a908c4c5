using ChildAid.BackOffice.Web;
using ChildAid.Shared.Children;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Children;

/// <summary>The children of the user's units as .xlsx, after a reason is given; the export is audited (<see cref="ChildExport"/>).</summary>
public class ExportModel(ChildExport export) : PageModel
{
    public class ExportInput
    {
        public string? Reason { get; set; }
    }

    [BindProperty] public ExportInput Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await export.ExportAsync(Input.Reason, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome.Errors);
            return Page();
        }
        return File(outcome.Value!.Bytes, ChildExport.ContentType, $"tre-em-{DateTime.UtcNow:yyyyMMdd}.xlsx");
    }
}
