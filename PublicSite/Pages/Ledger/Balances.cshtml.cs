using ChildAid.PublicSite.Api;
using ChildAid.Shared.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildAid.PublicSite.Pages.Ledger;

/// <summary>Balances overall, per campaign and per commune, recomputed from the public ledger: the same figures as GET /api/v1/balances.</summary>
public class BalancesModel(PublicDbContext db) : PageModel
{
    public BalancesJson Result { get; private set; } = null!;
    /// <summary>The latest published nightly runs, newest first.</summary>
    public IReadOnlyList<BalanceRunJson> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await BalancesJson.ComputeAsync(db, ct);
        Runs = await BalanceRunJson.LatestAsync(db, 30, ct);
    }
}
