using ChildAid.Shared.Allocations;
using ChildAid.Shared.Data;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace ChildAid.Shared.Demo;

/// <summary>
/// Goods from the demo's stocked clothes on their way to children, through the services as the demo staff would move them:
/// goods allocations of the first stocked clothes lot to the three most urgent warm-clothes needs of its size band (proposed by
/// the province programme officer, approved by the commune officer), then a distribution for each, planned by the programme
/// officer: one delivered and confirmed by the commune officer with a drawn hand-over list, one on the road, one planned again
/// after its first trip was called back on the road (cancelled: its goods back in the lot).
/// The warm-clothes campaign first declares where it helps. Skipped when any distribution exists.
/// </summary>
public static class DemoDistributions
{
    public static async Task<int> SeedAsync(IServiceScopeFactory scopes, DateOnly today, CancellationToken ct)
    {
        List<StockLot> lots;
        List<NeedLine> lines;
        string? dispatcher, receiver;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // A bulk load of synthetic data is not a staff change: no audit rows (the campaign areas below).
            scope.ServiceProvider.GetRequiredService<Audit.AuditActor>().Suppressed = true;
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            (db.UnitScope, db.OrganisationScope) = (null, null);
            if (await db.Distributions.IgnoreQueryFilters().AnyAsync(ct)) return 0;
            dispatcher = await db.Users.Where(u => u.Email == DemoAllocations.Proposer).Select(u => u.Id).FirstOrDefaultAsync(ct);
            receiver = await db.Users.Where(u => u.Email == DemoAllocations.Approver).Select(u => u.Id).FirstOrDefaultAsync(ct);
            if (dispatcher is null || receiver is null) return 0;
            lots = await db.StockLots.IgnoreQueryFilters().AsNoTracking().Where(l => l.State == StockLotState.Stocked && l.OnHand > 1)
                .OrderBy(l => l.Id).Take(3).ToListAsync(ct);
            // Approved needs with a cost, most urgent first (the allocation service decides which fits the goods).
            lines = await db.NeedLines.IgnoreQueryFilters().AsNoTracking()
                .Where(l => l.NeedsReview!.Status == NeedsReviewStatus.Approved && l.EstimatedUnitCostVnd > 0)
                .OrderBy(l => l.LevelOverride ?? l.ComputedLevel).ThenBy(l => l.Id).Take(200).ToListAsync(ct);
            // A campaign's goods go only where the campaign says it helps: the demo's warm-clothes campaign declares the
            // communes of the approved warm-clothes needs, as its programme officer would before allocating.
            var campaigns = await db.Contributions.IgnoreQueryFilters().Where(c => lots.Select(l => l.ContributionId).Contains(c.Id) && c.CampaignId != null)
                .Select(c => c.CampaignId!.Value).Distinct().ToListAsync(ct);
            foreach (var campaign in campaigns.Where(c => !db.CampaignAreas.IgnoreQueryFilters().Any(a => a.CampaignId == c)))
                db.CampaignAreas.AddRange(lines.Where(l => l.Category == NeedCategory.WarmClothes).Select(l => l.AdminUnitId).Distinct()
                    .Select(unit => new Campaigns.CampaignArea { CampaignId = campaign, AdminUnitId = unit, Category = NeedCategory.WarmClothes }));
            await db.SaveChangesAsync(ct);
        }
        // Clothes go to warm-clothes needs of their size band: the first clothes lot to three children (three allocations),
        // whose distributions end delivered, on the road and planned.
        var lot = lots.FirstOrDefault(l => l.GoodsKind == StockGoodsKind.Clothes);
        if (lot is null) return 0;
        // A child with another warm-clothes need would then count as supported for it (no double support): the demo gives
        // to children with one such need, so the other needs stay open for the suggestion run.
        var fitting = lines.Where(l => l.Category == NeedCategory.WarmClothes && l.Unit == NeedUnit.Items && (l.SizeBand is null || l.SizeBand == lot.SizeBand)
                && l.ChildId is { } child && lines.Count(o => o.ChildId == child && o.Category == NeedCategory.WarmClothes) == 1).ToList();
        var childOf = fitting.ToDictionary(l => l.Id, l => l.ChildId);
        int? fittingChild(Allocation a) => childOf.GetValueOrDefault(a.NeedLineId);
        var made = 0;
        for (var step = 0; step < 3; step++)
        {
            var allocation = await AllocateAsync(scopes, dispatcher, receiver, lot, fitting, ct);
            if (allocation is null) break;
            fitting.RemoveAll(l => l.Id == allocation.NeedLineId);
            var school = await SchoolOfAsync(scopes, allocation, ct);
            var quantity = await AsAsync(scopes, dispatcher, s => s.UndeliveredAsync(allocation, ct));
            var child = fittingChild(allocation);
            if (step == 2 && await PlanAsync(scopes, dispatcher, allocation, school, child, quantity, today.AddDays(1), ct) is { } calledOff)
            {
                // The first trip of the last need set off and was called back: its goods came back to the lot, and the need was planned again.
                await AsAsync(scopes, dispatcher, s => s.ConfirmAsync(calledOff, ct));
                await AsAsync(scopes, dispatcher, s => s.DepartAsync(calledOff, ct));
                await AsAsync(scopes, dispatcher, s => s.CancelAsync(calledOff, "Đường lên thôn bị sạt lở, xe quay về kho (dữ liệu demo)", ct));
            }
            var id = await PlanAsync(scopes, dispatcher, allocation, school, child, quantity, today.AddDays(step * 3), ct);
            if (id is null) break;
            made++;
            if (step == 2) continue;
            await AsAsync(scopes, dispatcher, s => s.ConfirmAsync(id.Value, ct));
            await AsAsync(scopes, dispatcher, s => s.DepartAsync(id.Value, ct));
            if (step == 1) continue;
            await AsAsync(scopes, dispatcher, s => s.ArriveAsync(id.Value, ct));
            await AsAsync(scopes, receiver, s => s.ConfirmDeliveryAsync(id.Value, new DeliveryInput
            {
                DeliveredQuantity = quantity, DeliveredOn = today, ReceiverName = "Rơ Mah Thị Hằng (dữ liệu demo)", ReceiverRole = "Hiệu trưởng",
                ReceivedChildIds = child is { } received ? [received] : [],
            }, "bien-ban-ban-giao-demo.png", HandOverListPng(id.Value, school.Name, quantity), ct));
        }
        return made;
    }

    /// <summary>A child's need: the goods go to that child, named (handed over at their school, or the commune); otherwise to the school or commune.</summary>
    private static async Task<int?> PlanAsync(IServiceScopeFactory scopes, string dispatcher, Allocation allocation, (int? Id, string Name) school, int? child,
        int quantity, DateOnly on, CancellationToken ct)
    {
        var draft = await AsAsync(scopes, dispatcher, s => s.CreateAsync(new DistributionInput
        {
            AllocationId = allocation.Id, Quantity = quantity, PlannedOn = on, Place = school.Name, Carrier = "Tổ vận chuyển xã (dữ liệu demo)",
            Recipient = child is not null ? DistributionRecipient.Children : school.Id is null ? DistributionRecipient.Commune : DistributionRecipient.School,
            SchoolId = child is null ? school.Id : null, ChildIds = child is { } named ? [named] : [], PerChildQuantity = child is null ? null : quantity,
        }, ct));
        return draft.Distribution?.Id;
    }

    /// <summary>Allocates the lot's goods to the first approved school need the allocation service accepts (category, what is left).</summary>
    private static async Task<Allocation?> AllocateAsync(IServiceScopeFactory scopes, string dispatcher, string receiver, StockLot lot, List<NeedLine> lines, CancellationToken ct)
    {
        foreach (var line in lines.Take(40))
        {
            var proposed = await DemoAllocations.AsStaffAsync<AllocationService, Allocation?>(scopes, dispatcher, async (s, _) =>
            {
                var left = (await s.NeedRemainderAsync(line, ct)).QuantityLeft;
                var quantity = Math.Min(Math.Min(left, lot.OnHand ?? 0), 40);
                if (quantity <= 0) return null;
                var outcome = await s.ProposeAsync(new AllocationInput
                {
                    ContributionId = lot.ContributionId, NeedLineId = line.Id, GoodsLineId = lot.GoodsLineId, Quantity = quantity, Note = "Dữ liệu demo",
                }, ct);
                return outcome.Value;
            });
            if (proposed is null) continue;
            var decision = await DemoAllocations.AsStaffAsync<AllocationService, AllocationDecision>(scopes, receiver, (s, _) => s.ApproveAsync(proposed.Id, ct));
            return decision.Booked ? decision.Approved : null;
        }
        return null;
    }

    /// <summary>Where the goods go: the need's school (a school's need, or the child's school), else the commune.</summary>
    private static async Task<(int? Id, string Name)> SchoolOfAsync(IServiceScopeFactory scopes, Allocation allocation, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        (db.UnitScope, db.OrganisationScope) = (null, null);
        var schoolId = await db.NeedLines.IgnoreQueryFilters().Where(l => l.Id == allocation.NeedLineId)
            .Select(l => l.SchoolId ?? (l.Child != null ? l.Child.SchoolId : null)).SingleAsync(ct);
        var school = await db.Organisations.Where(o => o.Id == schoolId && o.AdminUnitId == allocation.AdminUnitId).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct);
        if (school is not null) return (school.Id, school.Name);
        return (null, await db.AdminUnits.Where(u => u.Id == allocation.AdminUnitId).Select(u => u.Name).SingleAsync(ct));
    }

    /// <summary>A synthetic signed hand-over list (biên bản bàn giao) as a PNG; marked DEMO.</summary>
    public static byte[] HandOverListPng(int distributionId, string school, int quantity)
    {
        using var surface = SKSurface.Create(new SKImageInfo(480, 300));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var frame = new SKPaint { Color = SKColors.DarkGreen, IsStroke = true, StrokeWidth = 3 };
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var font = new SKFont(SKTypeface.Default, 16);
        canvas.DrawRect(4, 4, 472, 292, frame);
        canvas.DrawText($"BIEN BAN BAN GIAO (DEMO) so {distributionId}", 16, 36, font, ink);
        canvas.DrawText(Text.TextFolding.Fold(school), 16, 100, font, ink);
        canvas.DrawText($"So luong: {quantity}", 16, 140, font, ink);
        canvas.DrawText("Ben giao ............   Ben nhan ............", 16, 240, font, ink);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static Task<T> AsAsync<T>(IServiceScopeFactory scopes, string userId, Func<DistributionService, Task<T>> act) =>
        DemoAllocations.AsStaffAsync<DistributionService, T>(scopes, userId, (s, _) => act(s));
}
