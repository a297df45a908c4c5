using ChildAid.Shared.Allocations;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Shared.Stock;
using ChildAid.Shared.Time;
using ChildAid.Shared.Validation;
using ChildAid.Tests.Allocations;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using ChildAid.Tests.PublicNeeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Distributions;

/// <summary>
/// A draft distribution made the way people make one, through the real services: a school's jackets need (approved review of
/// 2025, so it stays clear of a test's own 2026 review), an in-kind receipt of 20 jackets, a goods allocation proposed by one
/// officer and approved by another, its lot received, inspected by the other and stocked, and 10 jackets planned for the school.
/// </summary>
public static class DistributionWorld
{
    public sealed record Draft(int DistributionId, int AllocationId, Person Dispatcher, Person Colleague);

    public static async Task<Draft> DraftAsync(IServiceProvider sp, ChildAidDbContext db, int unitId, int schoolId, string tag)
    {
        await ApprovedNeeds.ApproveAsync(db, unitId, unitId, 2025,
            new LineSpec(ApprovedNeeds.WinterJacket, 1, Quantity: 20, UnitCost: 150_000, Band: SizeBand.Age6To8, SchoolId: schoolId, SchoolChildren: 20));
        var line = await db.NeedLines.AsNoTracking().Where(l => l.AdminUnitId == unitId && l.NeedsReview!.Year == 2025).SingleAsync();
        var dispatcher = await NeedsWorld.PersonAsync(db, "cap-phat-" + tag, [Roles.CommuneOfficer], unitId);
        var colleague = await NeedsWorld.PersonAsync(db, "kiem-kho-" + tag, [Roles.CommuneOfficer], unitId);
        var donor = await TestData.DonorAsync(db, unitId, "Công ty may " + tag);

        var input = TestData.Cash(donor.Id, unitId, 0);
        input.Method = ContributionMethod.InKind;
        input.AmountVnd = null;
        input.GoodsLines = [new GoodsLineInput { Item = "Áo ấm trẻ em", Quantity = 20, Unit = "chiếc", UnitValueVnd = 150_000 }];
        var receipt = await AsAsync<ContributionService, Contribution>(sp, null, async s => (await s.RecordAsync(input)).Value!);
        var goodsLine = await db.Set<ContributionGoodsLine>().AsNoTracking().Where(g => g.ContributionId == receipt.Id).Select(g => g.Id).SingleAsync();

        var proposed = await AsAsync<AllocationService, Outcome<Allocation>>(sp, dispatcher, s => s.ProposeAsync(new AllocationInput
        {
            ContributionId = receipt.Id, NeedLineId = line.Id, GoodsLineId = goodsLine, Quantity = 20,
        }));
        Assert.True(proposed.Succeeded, string.Join(" | ", proposed.Errors.Values));
        var approved = await AsAsync<AllocationService, AllocationDecision>(sp, colleague, s => s.ApproveAsync(proposed.Value!.Id));
        Assert.True(approved.Booked, approved.Problem ?? approved.Refusal);

        var lot = (await AsAsync<StockService, Outcome<List<StockLot>>>(sp, dispatcher, s => s.AnnounceAsync(receipt.Id))).Value!.Single();
        var yesterday = TimeProvider.System.VietnamToday().AddDays(-1);
        Step(await AsAsync<StockService, StockStep>(sp, dispatcher, s => s.ReceiveAsync(lot.Id, new StockReceiveInput { Quantity = 20, ReceivedOn = yesterday })));
        Step(await AsAsync<StockService, StockStep>(sp, colleague, s => s.InspectAsync(lot.Id, new StockInspectInput
        {
            GoodsKind = StockGoodsKind.Clothes, GoodQuantity = 20, DamagedQuantity = 0, ExpiredQuantity = 0, SizeBand = SizeBand.Age6To8,
        })));
        Step(await AsAsync<StockService, StockStep>(sp, colleague, s => s.StockAsync(lot.Id, "LO-" + tag)));

        var draft = await AsAsync<DistributionService, DistributionStep>(sp, dispatcher, s => s.CreateAsync(new DistributionInput
        {
            AllocationId = proposed.Value!.Id, Quantity = 10, PlannedOn = yesterday, Place = "Trường " + tag, Carrier = "Người chở " + tag,
            Recipient = DistributionRecipient.School, SchoolId = schoolId,
        }));
        Assert.True(draft.Succeeded, string.Join(" | ", draft.Errors.Values));
        return new Draft(draft.Distribution!.Id, proposed.Value!.Id, dispatcher, colleague);
    }

    private static void Step(StockStep step) => Assert.True(step.Succeeded, step.Refusal ?? string.Join(" | ", step.Errors.Values));

    private static Task<T> AsAsync<TService, T>(IServiceProvider sp, Person? person, Func<TService, Task<T>> act) where TService : notnull =>
        AllocationTest.ActAsAsync<TService, T>(sp, person, (s, _) => act(s));
}
