using ChildAid.BackOffice.Security;
using ChildAid.Shared.Contributions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.BackOffice.Pages.Contributions;

/// <summary>The receipt, printable; shows whether it was reversed.</summary>
public class DetailsModel(ContributionQueries queries, ReversalService reversals, IAuthorizationService authorization, ChildAid.Shared.Stock.StockQueries stock,
    ChildAid.Shared.Data.ChildAidDbContext db) : PageModel
{
    public ContributionDetails Details { get; private set; } = null!;
    public Contribution Receipt => Details.Contribution;
    public ReversalRequest? PendingReversal { get; private set; }
    /// <summary>The stock lot of each goods line the user can see (goods line id → lot id).</summary>
    public IReadOnlyDictionary<int, int> Lots { get; private set; } = new Dictionary<int, int>();
    /// <summary>Goods lines allocated beyond what their lot may now deliver (the inspection found fewer good).</summary>
    public IReadOnlyList<ChildAid.Shared.Allocations.OverAllocatedGoods> OverAllocated { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var details = await queries.DetailsAsync(id, ct);
        if (details is null) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, details.Contribution.AdminUnitId, Policies.CoversUnit)).Succeeded) return Forbid();
        Details = details;
        PendingReversal = await reversals.PendingForAsync(id, ct);
        if (details.Contribution.GoodsLines.Count > 0)
        {
            Lots = await stock.LotsOfReceiptAsync(id, ct);
            OverAllocated = await ChildAid.Shared.Allocations.AllocatableGoods.OverAllocatedAsync(db,
                [.. details.Contribution.GoodsLines.Select(g => (g.Id, g.Quantity))], ct);
        }
        return Page();
    }
}
