using ChildAid.Shared.Interventions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Interventions;

/// <summary>The before/after evaluation of one intervention, as a page and as an .xlsx workbook.</summary>
public class EvaluationModel(InterventionService interventions, InterventionEvaluation evaluation) : PageModel
{
    public Intervention Intervention { get; private set; } = null!;
    public EvaluationResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await interventions.FindAsync(id, ct) is not { } intervention) return NotFound();
        Intervention = intervention;
        Result = await evaluation.EvaluateAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken ct)
    {
        if (await interventions.FindAsync(id, ct) is null || await evaluation.EvaluateAsync(id, ct) is not { } result) return NotFound();
        var file = EvaluationWorkbook.Write(result, k => Localization.StaffText.T(k));
        return File(file, EvaluationWorkbook.ContentType, $"danh-gia-chuong-trinh-{id}.xlsx");
    }
}
