using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.PublicNeeds;

/// <summary>The filters of the public needs list and its API: every one selects whole rows, never part of a row.</summary>
public sealed record PublicNeedsFilter(int? CommuneId = null, NeedCategory? Category = null, int? Priority = null, int Page = 1)
{
    public const int PageSize = 50;
    public const int MaxPage = 100_000;
}

public sealed record PublicNeedsTotals(long Items, long Meals, long Sessions, long EstimatedCostVnd, long CommittedVnd, long ReceivedVnd,
    long DeliveredVnd, int Rows, int SuppressedRows, long InTransitVnd = 0)
{
    public static readonly PublicNeedsTotals None = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
}

public sealed record PublicNeedsPage(IReadOnlyList<PublicNeed> Rows, PublicNeedsTotals Totals, int Page, bool HasNext);

public sealed record PublicCommune(int Id, string Name, string? DistrictName, string? ProvinceName);

public sealed record PublishedCriteria(IReadOnlyList<PriorityCriterion> Criteria, PriorityScale Scale);

/// <summary>What PublicSite reads of the needs: the projection's rows, their totals, and the published criteria.</summary>
public sealed class PublicNeedsQuery(PublicDbContext db)
{
    public async Task<PublicNeedsPage> PageAsync(PublicNeedsFilter filter, CancellationToken ct = default)
    {
        var page = Math.Clamp(filter.Page, 1, PublicNeedsFilter.MaxPage);
        var rows = await Ordered(Filtered(filter)).Skip((page - 1) * PublicNeedsFilter.PageSize).Take(PublicNeedsFilter.PageSize + 1).ToListAsync(ct);
        var totals = await TotalsAsync(filter, ct);
        return new PublicNeedsPage(rows.Take(PublicNeedsFilter.PageSize).ToList(), totals, page, rows.Count > PublicNeedsFilter.PageSize);
    }

    /// <summary>Every matching row, in the list's order (the CSV).</summary>
    public async Task<IReadOnlyList<PublicNeed>> ExportAsync(PublicNeedsFilter filter, CancellationToken ct = default) =>
        await Ordered(Filtered(filter)).ToListAsync(ct);

    /// <summary>Sums of whole published rows: figures of a "&lt; 5" row are null and add nothing.</summary>
    public async Task<PublicNeedsTotals> TotalsAsync(PublicNeedsFilter filter, CancellationToken ct = default)
    {
        var byUnit = await Filtered(filter).GroupBy(n => n.Unit).Select(g => new
        {
            Unit = g.Key,
            Quantity = g.Sum(n => n.Quantity ?? 0),
            Cost = g.Sum(n => n.EstimatedCostVnd ?? 0),
            Committed = g.Sum(n => n.CommittedVnd ?? 0),
            Received = g.Sum(n => n.ReceivedVnd ?? 0),
            Delivered = g.Sum(n => n.DeliveredVnd ?? 0),
            InTransit = g.Sum(n => n.InTransitVnd ?? 0),
            Rows = g.Count(),
            Suppressed = g.Count(n => n.Suppressed),
        }).ToListAsync(ct);
        long Of(NeedUnit unit) => byUnit.Where(u => u.Unit == unit).Sum(u => u.Quantity);
        return new PublicNeedsTotals(Of(NeedUnit.Items), Of(NeedUnit.Meals), Of(NeedUnit.Sessions), byUnit.Sum(u => u.Cost),
            byUnit.Sum(u => u.Committed), byUnit.Sum(u => u.Received), byUnit.Sum(u => u.Delivered), byUnit.Sum(u => u.Rows), byUnit.Sum(u => u.Suppressed),
            byUnit.Sum(u => u.InTransit));
    }

    public async Task<IReadOnlyList<PublicCommune>> CommunesAsync(CancellationToken ct = default) =>
        (await db.PublicNeeds.Select(n => new { n.CommuneId, n.CommuneName, n.DistrictName, n.ProvinceName }).Distinct().ToListAsync(ct))
            .DistinctBy(c => c.CommuneId)
            .Select(c => new PublicCommune(c.CommuneId, c.CommuneName, c.DistrictName, c.ProvinceName))
            .OrderBy(c => c.ProvinceName, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();

    public async Task<bool> CommuneExistsAsync(int communeId, CancellationToken ct = default) =>
        await db.PublicNeeds.AnyAsync(n => n.CommuneId == communeId, ct);

    public async Task<PublishedCriteria> CriteriaAsync(CancellationToken ct = default) => new(
        await db.PriorityCriteria.Where(c => c.IsActive && c.Weight > 0).OrderByDescending(c => c.Weight).ThenBy(c => c.Id).ToListAsync(ct),
        await db.PriorityScales.SingleAsync(ct));

    /// <summary>The published need line a pledge names (<see cref="PublicNeedReference"/>), or null when there is none (any more).</summary>
    public async Task<PublicNeed?> NeedAsync(string? reference, CancellationToken ct = default)
    {
        if (PublicNeedReference.Parse(reference) is not var (commune, year)) return null;
        var rows = await db.PublicNeeds.Where(n => n.CommuneCode == commune && n.Year == year && !n.Suppressed).ToListAsync(ct);
        return rows.OrderBy(n => n.Id).FirstOrDefault(n => PublicNeedReference.Of(n) == reference);
    }

    /// <summary>
    /// The campaign each commune's needs are given to: the active campaign that names the commune (title or summary,
    /// ignoring diacritics and case), else null.
    /// </summary>
    public async Task<Func<int, string, string?>> CampaignByCommuneAsync(CancellationToken ct = default)
    {
        var active = (await db.Campaigns.Where(c => c.Status == Campaigns.CampaignStatus.Active).OrderByDescending(c => c.StartDate)
                .Select(c => new { c.Slug, c.Title, c.Summary }).ToListAsync(ct))
            .Select(c => (c.Slug, Text: " " + Words(c.Title + " " + c.Summary) + " ")).ToList();
        var cache = new Dictionary<int, string?>();
        return (communeId, communeName) =>
        {
            if (cache.TryGetValue(communeId, out var slug)) return slug;
            var place = Words(PlaceName(communeName));
            return cache[communeId] = place.Length < 3 ? null : active.FirstOrDefault(c => c.Text.Contains(" " + place + " ", StringComparison.Ordinal)).Slug;
        };
    }

    /// <summary>The campaign a pledge for <paramref name="need"/> goes to (see <see cref="CampaignByCommuneAsync"/>).</summary>
    public async Task<string?> CampaignForAsync(PublicNeed need, CancellationToken ct = default) =>
        (await CampaignByCommuneAsync(ct))(need.CommuneId, need.CommuneName);

    private static string Words(string text) =>
        Text.TextFolding.Fold(System.Text.RegularExpressions.Regex.Replace(text, @"[^\p{L}\p{N}]+", " "));

    /// <summary>"Xã Ia Đal" → "Ia Đal": campaigns name the place, not always its rank.</summary>
    public static string PlaceName(string communeName)
    {
        foreach (var prefix in new[] { "Xã ", "Phường ", "Thị trấn ", "Đặc khu " })
            if (communeName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return communeName[prefix.Length..];
        return communeName;
    }

    private IQueryable<PublicNeed> Filtered(PublicNeedsFilter filter)
    {
        var q = db.PublicNeeds.AsQueryable();
        if (filter.CommuneId is { } commune) q = q.Where(n => n.CommuneId == commune);
        if (filter.Category is { } category) q = q.Where(n => n.Category == category);
        if (filter.Priority is { } priority) q = q.Where(n => n.PriorityLevel == priority);
        return q;
    }

    // Within a commune and year, the projection inserts rows in reading order, so the id keeps it. The order is the
    // index's (commune name, commune, year, id), so a page is read from the index instead of sorting every row.
    private static IQueryable<PublicNeed> Ordered(IQueryable<PublicNeed> q) =>
        q.OrderBy(n => n.CommuneName).ThenBy(n => n.CommuneId).ThenBy(n => n.Year).ThenBy(n => n.Id);
}
