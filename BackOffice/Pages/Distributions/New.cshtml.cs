using ChildAid.BackOffice.Web;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Distributions;

/// <summary>
/// Plans a distribution for an approved goods allocation of the user's units (opened from the allocation list): how many
/// of its stocked goods, when, where, who carries them and who receives them. The double-support check runs again here.
/// </summary>
public class NewModel(DistributionQueries queries, DistributionService distributions, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "allocation")] public int AllocationId { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty] public DistributionInput Input { get; set; } = new();
    public DistributionPlan Plan { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await queries.PlanAsync(AllocationId, Search, ct) is not { } plan) return NotFound();
        Plan = plan;
        Input.Quantity = plan.IsPurchase ? Math.Max(0, plan.Undelivered) : plan.Lot?.OnHand is { } onHand ? Math.Min(plan.Undelivered, onHand) : null;
        Input.PlannedOn = clock.VietnamToday();
        Input.PerChildQuantity = 1;
        // A child's need: that child is proposed, with all that is left for them.
        if (plan.Target == NeedTarget.Child && plan.Children.Count == 1)
        {
            Input.Recipient = DistributionRecipient.Children;
            Input.ChildIds = [plan.Children[0].Id];
            Input.PerChildQuantity = Input.Quantity;
        }
        else if (plan.Schools.Count == 1)
        {
            Input.Recipient = DistributionRecipient.School;
            Input.SchoolId = plan.Schools[0].Id;
            Input.Place = plan.Schools[0].Name;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await queries.PlanAsync(AllocationId, Search, ct) is not { } plan) return NotFound();
        Plan = plan;
        if (!ModelState.IsValid) return Page();
        Input.AllocationId = AllocationId;
        var outcome = await distributions.CreateAsync(Input, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome.Errors.ToDictionary(e => e.Key == nameof(Input.AllocationId) ? "" : e.Key, e => e.Value));
            return Page();
        }
        TempData["Saved"] = "Đã lập đợt cấp phát. Xác nhận đợt, xuất kho, rồi người nhận xác nhận đã giao.";
        return Redirect($"/Distributions/{outcome.Distribution!.Id}");
    }
}
