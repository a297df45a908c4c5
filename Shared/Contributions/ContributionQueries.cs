using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Security;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Contributions;

public sealed record ContributionRow(int Id, string ReceiptNumber, DateOnly ReceivedOn, string DonorName, string? CampaignTitle,
    ContributionMethod Method, long AmountVnd, string UnitName, bool Reversed);

public sealed record ContributionDetails(Contribution Contribution, string RecordedBy, string? ReversedBy);

public sealed record CampaignTotal(int? CampaignId, string? Title, long AmountVnd, int Count);

/// <summary>What a commune (or, for gifts recorded above commune level, that unit) received, as the map stood on a date.</summary>
public sealed record UnitTotal(AdminUnit Unit, AdminUnit? Province, long AmountVnd, int Count);

public sealed record Dashboard(int Year, long TotalVnd, int Count, IReadOnlyList<CampaignTotal> ByCampaign, IReadOnlyList<ContributionRow> Recent);

/// <summary>
/// Reads of receipts for staff. Every query goes through the context's unit scope on receipts: a receipt belongs to
/// the unit that received it. The donor registry is shared, so a receipt shows its donor's name even when another
/// unit registered the donor (only the donor filter is lifted, never the receipt's).
/// </summary>
public class ContributionQueries(ChildAidDbContext db)
{
    private IQueryable<Contribution> Receipts => db.Contributions.AsNoTracking().IgnoreQueryFilters([ScopeFilters.Unit<Donor>()]);

    /// <summary>
    /// By receipt number (e.g. "2026-000123" or "123") or donor, ignoring diacritics; newest first. A donor of the
    /// user's units is found by name, e-mail, phone or tax code; a donor another unit registered by name only, as in
    /// the donor picker (<see cref="DonorService.PickAsync"/>): their contacts must not confirm who they are.
    /// </summary>
    public async Task<Paged<ContributionRow>> SearchAsync(string? query, int page, int pageSize = 20, CancellationToken ct = default)
    {
        var q = Receipts;
        var text = query?.Trim() ?? "";
        var folded = TextFolding.Fold(text);
        if (folded.Length > 0)
        {
            var scope = db.UnitScope;
            if (scope is null)
                q = q.Where(c => c.ReceiptNumber.Contains(text) || c.Donor!.SearchText.Contains(folded));
            else
            {
                var byName = await OtherUnitsDonorsNamedAsync(scope, folded, ct);
                q = q.Where(c => c.ReceiptNumber.Contains(text)
                    || (scope.Contains(c.Donor!.AdminUnitId) && c.Donor.SearchText.Contains(folded))
                    || byName.Contains(c.DonorId));
            }
        }
        return await Paged<ContributionRow>.FromAsync(Rows(q.OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Id)), page, pageSize, ct);
    }

    /// <summary>
    /// Donors registered outside <paramref name="scope"/> who gave to it and whose name (not contacts) contains the
    /// folded query. Few: only donors with a receipt the user may read are looked at, and the name is folded here
    /// because the stored search text runs name and contacts together.
    /// </summary>
    private async Task<List<int>> OtherUnitsDonorsNamedAsync(IReadOnlyCollection<int> scope, string folded, CancellationToken ct)
    {
        var candidates = await Receipts.Where(c => !scope.Contains(c.Donor!.AdminUnitId) && c.Donor.SearchText.Contains(folded))
            .Select(c => new { c.DonorId, c.Donor!.Name }).Distinct().ToListAsync(ct);
        return candidates.Where(d => TextFolding.Fold(d.Name).Contains(folded, StringComparison.Ordinal)).Select(d => d.DonorId).ToList();
    }

    public Task<ContributionDetails?> DetailsAsync(int id, CancellationToken ct = default) =>
        DetailsAsync(Receipts.Where(c => c.Id == id), ct);

    /// <summary>
    /// A receipt by its number whatever the unit scope: for the system itself (a mail's PDF, the donor's own private
    /// link, whose token already decided whose receipts these are), never for a staff page.
    /// </summary>
    public Task<ContributionDetails?> DetailsForSystemAsync(string receiptNumber, CancellationToken ct = default) =>
        DetailsAsync(db.Contributions.AsNoTracking().IgnoreQueryFilters().Where(c => c.ReceiptNumber == receiptNumber), ct);

    private async Task<ContributionDetails?> DetailsAsync(IQueryable<Contribution> receipt, CancellationToken ct)
    {
        var c = await receipt.AsSplitQuery()
            .Include(c => c.Donor).Include(c => c.Campaign).Include(c => c.AdminUnit).Include(c => c.GoodsLines).Include(c => c.Reversal)
            .FirstOrDefaultAsync(ct);
        if (c is null) return null;
        var ids = new[] { c.RecordedById, c.Reversal?.ReversedById ?? "" };
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName.Length > 0 ? u.FullName : u.UserName ?? u.Id, ct);
        return new ContributionDetails(c, names.GetValueOrDefault(c.RecordedById, c.RecordedById),
            c.Reversal is { } r ? names.GetValueOrDefault(r.ReversedById, r.ReversedById) : null);
    }

    /// <summary>Receipts of <paramref name="year"/> not reversed, in the user's scope.</summary>
    public async Task<Dashboard> DashboardAsync(int year, int recent = 10, CancellationToken ct = default)
    {
        var valid = Receipts.Where(c => c.FiscalYear == year && c.Reversal == null);
        var byCampaign = await valid.GroupBy(c => c.CampaignId)
            .Select(g => new { CampaignId = g.Key, Sum = g.Sum(c => c.AmountVnd), Count = g.Count() }).ToListAsync(ct);
        var titles = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var totals = byCampaign
            .Select(x => new CampaignTotal(x.CampaignId, x.CampaignId is { } id ? titles.GetValueOrDefault(id) : null, x.Sum, x.Count))
            .OrderByDescending(x => x.AmountVnd).ToList();
        var latest = await Rows(Receipts.OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)).Take(recent).ToListAsync(ct);
        return new Dashboard(year, totals.Sum(t => t.AmountVnd), totals.Sum(t => t.Count), totals, latest);
    }

    /// <summary>
    /// Receipts received up to <paramref name="asOf"/>, not reversed, in the user's scope, totalled by commune along the
    /// hierarchy in force on that date. A record keeps the unit it was made under; here it rolls up through mergers,
    /// so after 1 July 2025 old Ia Dom's gifts count under the merged Ia Tơi, and before it under Ia Dom.
    /// </summary>
    public async Task<IReadOnlyList<UnitTotal>> TotalsByCommuneAsync(AdminUnitTree tree, DateOnly asOf, CancellationToken ct = default)
    {
        var byUnit = await Receipts.Where(c => c.Reversal == null && c.ReceivedOn <= asOf)
            .GroupBy(c => c.AdminUnitId)
            .Select(g => new { UnitId = g.Key, Sum = g.Sum(c => c.AmountVnd), Count = g.Count() }).ToListAsync(ct);
        return byUnit
            .Select(x => (Unit: tree.Ancestor(x.UnitId, AdminUnitLevel.Commune, asOf) ?? tree.InForceOn(x.UnitId, asOf), x.Sum, x.Count))
            .GroupBy(x => x.Unit.Id)
            .Select(g => new UnitTotal(g.First().Unit, tree.Ancestor(g.Key, AdminUnitLevel.Province, asOf), g.Sum(x => x.Sum), g.Sum(x => x.Count)))
            .OrderByDescending(t => t.AmountVnd).ThenBy(t => t.Unit.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static IQueryable<ContributionRow> Rows(IQueryable<Contribution> q) =>
        q.Select(c => new ContributionRow(c.Id, c.ReceiptNumber, c.ReceivedOn, c.Donor!.Name, c.Campaign != null ? c.Campaign.Title : null,
            c.Method, c.AmountVnd, c.AdminUnit!.Name, c.Reversal != null));
}
