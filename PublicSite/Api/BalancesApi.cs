using ChildAid.PublicSite.Caching;
using ChildAid.Shared.Balances;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.PublicSite.Api;

/// <summary>Balances per campaign, per commune and overall, recomputed from the public ledger alone, with the invariants' result.</summary>
public static class BalancesApi
{
    public static void MapBalancesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/balances/runs", async (PublicDbContext db, CancellationToken ct) => TypedResults.Ok(await BalanceRunJson.LatestAsync(db, 100, ct)))
            .WithName("GetBalanceRuns")
            .WithSummary("The latest 100 published runs of every balance invariant over the whole ledger (nightly), newest first: when, up to which entry, and the result.")
            .WithDescription("Each night BackOffice checks every invariant of GET /api/v1/balances over the whole ledger, with the campaigns' areas, and publishes the result here. " +
                "A published run is never changed or removed (the database refuses it). firstRule, firstSequence and firstMessage name the first broken rule when invariantsHold is false. Times in UTC.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .CacheOutput(PublicCache.Policy)
            .RequireRateLimiting(PublicRateLimits.Api);
        api.MapGet("/balances", async (PublicDbContext db, CancellationToken ct) => TypedResults.Ok(await BalancesJson.ComputeAsync(db, ct)))
            .WithName("GetBalances")
            .WithSummary("Money received, allocated, unallocated, spent, delivered in kind and held — overall, per campaign and per commune — and stock on hand, recomputed from the ledger entries (/api/v1/statement.csv) so anyone can check them.")
            .WithDescription("received = allocated + unallocated; allocated = spent + deliveredInKind + held. invariantsHold is false when an entry breaks a rule " +
                "(a gift allocated beyond its amount or after its reversal, an allocation outside its campaign, an expense beyond its allocation, an entry reversed twice, " +
                "stock below zero); violations then name each entry and rule. Amounts in whole đồng. Campaign 0 is money given without a campaign. " +
                "The campaigns' areas are checked by the verify-balances CLI, which reads them from the database.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .CacheOutput(PublicCache.Policy)
            .RequireRateLimiting(PublicRateLimits.Api);
    }
}

/// <summary>One published nightly run of the invariants (<see cref="BalanceRun"/>).</summary>
public sealed record BalanceRunJson(DateTime StartedAt, DateTime FinishedAt, long EntriesChecked, long LastSequence, bool InvariantsHold,
    int ViolationCount, string? FirstRule, long? FirstSequence, string? FirstMessage)
{
    public static async Task<IReadOnlyList<BalanceRunJson>> LatestAsync(PublicDbContext db, int count, CancellationToken ct) =>
        await db.BalanceRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(count)
            .Select(r => new BalanceRunJson(DateTime.SpecifyKind(r.StartedAt, DateTimeKind.Utc), DateTime.SpecifyKind(r.FinishedAt, DateTimeKind.Utc),
                r.EntriesChecked, r.LastSequence, r.InvariantsHold, r.ViolationCount, r.FirstRule, r.FirstSequence, r.FirstMessage))
            .ToListAsync(ct);
}

public sealed record BalanceJson(long Received, long Allocated, long Unallocated, long Spent, long DeliveredInKind, long Held)
{
    public static BalanceJson From(BalanceTotals t) => new(t.ReceivedVnd, t.AllocatedVnd, t.UnallocatedVnd, t.SpentVnd, t.DeliveredInKindVnd, t.HeldVnd);
}

public sealed record CampaignBalanceJson(int Campaign, string? Slug, string? Title, BalanceJson Balance);

public sealed record CommuneBalanceJson(string Code, string? Name, BalanceJson Balance);

public sealed record StockJson(string Item, string? Unit, decimal OnHand);

public sealed record BalanceViolationJson(long Sequence, string Rule, string Message);

public sealed record BalancesJson(long Entries, long LastSequence, bool InvariantsHold, BalanceJson Overall,
    IReadOnlyList<CampaignBalanceJson> Campaigns, IReadOnlyList<CommuneBalanceJson> Communes, IReadOnlyList<StockJson> Stock,
    IReadOnlyList<BalanceViolationJson> Violations, BalanceRunJson? LastNightlyRun)
{
    public static async Task<BalancesJson> ComputeAsync(PublicDbContext db, CancellationToken ct)
    {
        var balances = await LedgerBalances.ComputeAsync(db.LedgerEntries, ct: ct);
        var campaigns = await db.Campaigns.AsNoTracking().Select(c => new { c.Id, c.Slug, c.Title }).ToDictionaryAsync(c => c.Id, ct);
        var codes = balances.ByCommune.Keys.ToList();
        // A code may name a unit before and after a merger: the first row's name serves.
        var communes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var u in await db.AdminUnits.AsNoTracking().Where(u => codes.Contains(u.Code)).OrderBy(u => u.Id).Select(u => new { u.Code, u.Name }).ToListAsync(ct))
            communes.TryAdd(u.Code, u.Name);
        return new BalancesJson(balances.EntriesRead, balances.LastSequence, balances.Holds, BalanceJson.From(balances.Overall),
            balances.ByCampaign.Select(c => new CampaignBalanceJson(c.Key, campaigns.GetValueOrDefault(c.Key)?.Slug, campaigns.GetValueOrDefault(c.Key)?.Title,
                BalanceJson.From(c.Value))).ToList(),
            balances.ByCommune.Select(c => new CommuneBalanceJson(c.Key, communes.GetValueOrDefault(c.Key), BalanceJson.From(c.Value))).ToList(),
            balances.StockOnHand.OrderBy(s => s.Key.Item, StringComparer.Ordinal).ThenBy(s => s.Key.Unit, StringComparer.Ordinal)
                .Select(s => new StockJson(s.Key.Item, s.Key.Unit, s.Value)).ToList(),
            balances.Violations.Select(v => new BalanceViolationJson(v.Sequence, v.Rule, v.Message)).ToList(),
            (await BalanceRunJson.LatestAsync(db, 1, ct)).FirstOrDefault());
    }
}
