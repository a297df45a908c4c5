using ChildAid.Shared.Distributions;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Distributions;

/// <summary>
/// Services delivered against money allocations (meals served, check-ups held): record one (those who dispatch goods), confirm
/// it (those who confirm deliveries; never the recorder: 403 with the reason), cancel a recorded one with a reason; the list of
/// the user's units (a school's staff: their school's) with its Excel export.
/// </summary>
public class ServicesModel(ServiceDeliveryService services) : PageModel
{
    [BindProperty(SupportsGet = true)] public ServiceDeliveryState? State { get; set; }
    /// <summary>Only one need line's services: the needs review links here from a meal or check-up line's "delivered" figure.</summary>
    [BindProperty(SupportsGet = true)] public int? Need { get; set; }
    [BindProperty] public ServiceDeliveryInput Input { get; set; } = new();
    [BindProperty] public string? CancelReason { get; set; }

    public IReadOnlyList<ServiceDeliveryRow> Rows { get; private set; } = [];
    public IReadOnlyList<ServiceAllocation> Allocations { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Programmes { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Schools { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Sessions { get; private set; } = [];
    public string? Refusal { get; private set; }
    public bool MayRecord => Roles.DispatchGoods.Any(User.IsInRole);
    public bool MayConfirm => Roles.ConfirmDeliveries.Any(User.IsInRole);

    /// <param name="rest">A live record whose days (or session) served more than was credited: the form is filled in with them, for another allocation.</param>
    public async Task OnGetAsync(int? allocation, int? rest, CancellationToken ct)
    {
        if (rest is { } r && MayRecord && await services.RestOfAsync(r, ct) is { } same) Input = same;
        if (allocation is { } a) Input.AllocationId = a;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(await ServiceDeliveryService.WorkbookAsync(await services.ListAsync(State, ct, Need), ct), NeedsExport.ContentType, "dich-vu.xlsx");

    public async Task<IActionResult> OnPostRecordAsync(CancellationToken ct)
    {
        if (!MayRecord) return Forbid();
        if (ModelState.IsValid)
        {
            var step = await services.RecordAsync(Input, ct);
            if (step.Succeeded)
            {
                TempData["Saved"] = "Đã ghi nhận dịch vụ; cần một người khác xác nhận để ghi vào sổ cái.";
                return Redirect("/Distributions/Services");
            }
            foreach (var (key, message) in step.Errors) ModelState.AddModelError("Input." + key, message);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct)
    {
        if (!MayConfirm) return Forbid();
        var step = await services.ConfirmAsync(id, ct);
        return await OutcomeAsync(step, "Đã xác nhận: sổ cái công khai ghi một bút toán cấp phát dịch vụ.", ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct)
    {
        if (!MayConfirm) return Forbid();
        return await OutcomeAsync(await services.CancelAsync(id, CancelReason, ct), "Đã huỷ bản ghi dịch vụ.", ct);
    }

    private async Task<IActionResult> OutcomeAsync(ServiceDeliveryStep step, string saved, CancellationToken ct)
    {
        if (step.Refusal is { } refusal)
        {
            Refusal = refusal;
            await LoadAsync(ct);
            var page = Page();
            page.StatusCode = StatusCodes.Status403Forbidden;
            return page;
        }
        if (!step.Succeeded)
        {
            if (step.Errors.Values.Contains(ServiceDeliveryService.NotFound)) return NotFound();
            foreach (var (key, message) in step.Errors) ModelState.AddModelError(key == "CancelReason" ? "CancelReason" : "", message);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Saved"] = saved;
        return Redirect("/Distributions/Services");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = await services.ListAsync(State, ct, Need);
        if (!MayRecord) return;
        Allocations = await services.AllocationsAsync(ct);
        (Programmes, Schools, Sessions) = await services.SourcesAsync(ct);
    }
}
