using ChildAid.Shared.Allocations;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.Demo;

/// <summary>
/// A few allocations of unrestricted demo gifts to approved demo needs, through <see cref="AllocationService"/> as the demo
/// staff would make them: three proposed by the province programme officer and approved by the commune officer (so they
/// are ledger entries and show on the trace of their gift), one still waiting for approval, and one approved then reversed
/// with a reason (an approval and its reversal entry; the money is unallocated again). Skipped when any exists.
/// </summary>
public static class DemoAllocations
{
    public const string Proposer = "chuongtrinh.tinh@demo.childaid.example";
    public const string Approver = "xa.iadal@demo.childaid.example";

    public static async Task<int> SeedAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        List<(int Id, int AdminUnitId)> lines;
        List<int> receipts;
        string? proposer, approver;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            (db.UnitScope, db.OrganisationScope) = (null, null);
            if (await db.Allocations.IgnoreQueryFilters().AnyAsync(ct)) return 0;
            proposer = await db.Users.Where(u => u.Email == Proposer).Select(u => u.Id).FirstOrDefaultAsync(ct);
            approver = await db.Users.Where(u => u.Email == Approver).Select(u => u.Id).FirstOrDefaultAsync(ct);
            if (proposer is null || approver is null) return 0;
            lines = (await db.NeedLines.IgnoreQueryFilters().AsNoTracking()
                    .Where(l => l.NeedsReview!.Status == NeedsReviewStatus.Approved && l.EstimatedUnitCostVnd > 0)
                    .OrderBy(l => l.Target == NeedTarget.Child).ThenBy(l => l.Id).Select(l => new { l.Id, l.AdminUnitId }).Take(5).ToListAsync(ct))
                .Select(l => (l.Id, l.AdminUnitId)).ToList();
            receipts = await db.Contributions.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.IsDemo && c.CampaignId == null && c.Method != ContributionMethod.InKind && c.Reversal == null && c.AmountVnd >= 500_000)
                .OrderByDescending(c => c.AmountVnd).ThenBy(c => c.Id).Select(c => c.Id).Take(5).ToListAsync(ct);
        }
        var added = 0;
        for (var i = 0; i < Math.Min(lines.Count, receipts.Count); i++)
        {
            var proposed = await AsAsync(scopes, proposer, async (s, db) =>
            {
                var receipt = await db.Contributions.Include(c => c.GoodsLines).Include(c => c.Reversal).SingleAsync(c => c.Id == receipts[i], ct);
                var line = await db.NeedLines.SingleAsync(l => l.Id == lines[i].Id, ct);
                var amount = Math.Min((await s.RemainderAsync(receipt, ct)).MoneyLeftVnd / 2, (await s.NeedRemainderAsync(line, ct)).ValueLeftVnd);
                amount -= amount % 1_000;
                return amount <= 0 ? null
                    : (await s.ProposeAsync(new AllocationInput { ContributionId = receipt.Id, NeedLineId = line.Id, AmountVnd = amount, Note = "Dữ liệu demo" }, ct)).Value;
            });
            if (proposed is null) continue;
            added++;
            // The last one waits for a second person, so the demo shows a proposal to approve.
            if (i < 3 || i == 4) await AsAsync(scopes, approver, (s, _) => s.ApproveAsync(proposed.Id, ct));
            // The fifth is undone: the school found another sponsor (a reversal entry; the money is free again).
            if (i == 4) await AsAsync(scopes, approver, (s, _) => s.ReverseAsync(proposed.Id, "Dữ liệu demo: trường đã có nhà tài trợ khác cho dòng này", ct));
        }
        return added;
    }

    private static Task<T> AsAsync<T>(IServiceScopeFactory scopes, string userId, Func<AllocationService, ChildAidDbContext, Task<T>> act) =>
        AsStaffAsync(scopes, userId, act);

    /// <summary>
    /// Runs a service as a demo staff member, as the pages would (their id on each change), but across every unit as the
    /// CLI does whatever host runs the seeder, and without audit rows: a bulk load of synthetic data is not a staff change.
    /// </summary>
    internal static async Task<T> AsStaffAsync<TService, T>(IServiceScopeFactory scopes, string userId, Func<TService, ChildAidDbContext, Task<T>> act)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
        actor.UserId = userId;
        actor.Name = DemoSeeder.ActorName;
        actor.Suppressed = true;
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        (db.UnitScope, db.OrganisationScope) = (null, null);
        return await act(scope.ServiceProvider.GetRequiredService<TService>(), db);
    }
}
