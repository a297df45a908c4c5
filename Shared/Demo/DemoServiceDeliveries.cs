using ChildAid.Shared.Allocations;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.Demo;

/// <summary>
/// Meals served are distributions too, in the demo: the approved Ia Đal 2026 review has a school lunch line (DemoNeeds; 40 meals' worth
/// of money is what the gift pays for), the school runs a lunch programme whose last full school week of meal days is entered
/// (30 meals a day), 800.000 ₫ of an unrestricted demo gift is allocated to the line (proposed by the province programme
/// officer, approved by Ia Đal's officer) and paid to a caterer by an approved expense; the programme officer records the
/// week's meals against the allocation and Ia Đal's officer confirms: one ledger entry "40 suất ăn trưa, &lt;school&gt;, đã phục
/// vụ dd–dd/MM/yyyy". The rest of the week's meals is split to a second allocation of 600.000 ₫ (30 meals), recorded and waiting
/// for confirmation. Skipped when any service delivery exists.
/// </summary>
public static class DemoServiceDeliveries
{
    public const string ProgrammeName = "Bữa trưa bán trú Ia Đal (demo)";
    public const long AllocatedVnd = 800_000;
    public const long SecondAllocatedVnd = 600_000;

    public static async Task<int> SeedAsync(IServiceScopeFactory scopes, DateOnly today, CancellationToken ct)
    {
        string? recorder, confirmer;
        int lineId, programmeId;
        DateOnly monday, friday;
        List<int> gifts;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Audit.AuditActor>().Suppressed = true;
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            (db.UnitScope, db.OrganisationScope) = (null, null);
            if (await db.ServiceDeliveries.IgnoreQueryFilters().AnyAsync(ct)) return 0;
            recorder = await db.Users.Where(u => u.Email == DemoAllocations.Proposer).Select(u => u.Id).FirstOrDefaultAsync(ct);
            confirmer = await db.Users.Where(u => u.Email == DemoAllocations.Approver).Select(u => u.Id).FirstOrDefaultAsync(ct);
            var review = await db.NeedsReviews.IgnoreQueryFilters()
                .Where(r => r.Year == 2026 && r.Status == NeedsReviewStatus.Approved && db.AdminUnits.Any(u => u.Id == r.AdminUnitId && u.Code == "23535"))
                .FirstOrDefaultAsync(ct);
            if (recorder is null || confirmer is null || review is null) return 0;
            // The school lunch line DemoNeeds put in the approved review (an approved review is never edited afterwards).
            var item = await db.NeedItems.FirstOrDefaultAsync(i => i.Code == "lunch-meal", ct);
            var line = item is null ? null : await db.NeedLines.IgnoreQueryFilters()
                .FirstOrDefaultAsync(l => l.NeedsReviewId == review.Id && l.Target == NeedTarget.School && l.NeedItemId == item.Id, ct);
            var school = line?.SchoolId is { } schoolId ? await db.Organisations.FirstOrDefaultAsync(o => o.Id == schoolId, ct) : null;
            if (line is null || school is null) return 0;
            // The last full school week before today.
            friday = today.AddDays(-1);
            while (friday.DayOfWeek != DayOfWeek.Friday) friday = friday.AddDays(-1);
            monday = friday.AddDays(-4);

            var programme = new Intervention
            {
                Name = ProgrammeName, Kind = InterventionKind.SchoolMeals, StartsOn = review.PeriodStart, EndsOn = new DateOnly(review.Year + 1, 5, 31),
                BudgetVnd = 40_000_000, AdminUnitId = school.AdminUnitId, CreatedBy = DemoSeeder.ActorName, CreatedAt = DateTime.UtcNow, IsDemo = true,
                Sites = [new InterventionSite { OrganisationId = school.Id }],
            };
            db.Interventions.Add(programme);
            await db.SaveChangesAsync(ct);
            for (var day = monday; day <= friday; day = day.AddDays(1))
                db.MealDays.Add(new MealDay
                {
                    InterventionId = programme.Id, SchoolId = school.Id, AdminUnitId = school.AdminUnitId, ServedOn = day, Meals = 30, CostPerMealVnd = 18_000,
                    EnteredBy = DemoSeeder.ActorName, EnteredAt = day.ToDateTime(new TimeOnly(5, 0), DateTimeKind.Utc), IsDemo = true,
                });
            await db.SaveChangesAsync(ct);
            (lineId, programmeId) = (line.Id, programme.Id);
            gifts = await db.Contributions.IgnoreQueryFilters()
                .Where(c => c.IsDemo && c.CampaignId == null && c.Method != ContributionMethod.InKind && c.Reversal == null && c.AmountVnd >= AllocatedVnd)
                .OrderByDescending(c => c.AmountVnd).ThenBy(c => c.Id).Select(c => c.Id).Take(20).ToListAsync(ct);
        }

        // 800.000 ₫ of the first gift that still holds it, approved by someone else.
        async Task<Allocation?> AllocateAsync(long amount, IEnumerable<int> from)
        {
            foreach (var gift in from)
            {
                var proposed = await DemoAllocations.AsStaffAsync<AllocationService, Allocation?>(scopes, recorder, async (s, _) =>
                    (await s.ProposeAsync(new AllocationInput { ContributionId = gift, NeedLineId = lineId, AmountVnd = amount, Note = "Dữ liệu demo: bữa trưa" }, ct)).Value);
                if (proposed is null) continue;
                var decision = await DemoAllocations.AsStaffAsync<AllocationService, AllocationDecision>(scopes, confirmer, (s, _) => s.ApproveAsync(proposed.Id, ct));
                return decision.Approved;
            }
            return null;
        }
        var allocation = await AllocateAsync(AllocatedVnd, gifts);
        if (allocation is null) return 0;

        // The caterer is paid the whole allocation against its e-invoice.
        var expense = await DemoAllocations.AsStaffAsync<ExpenseService, Expense?>(scopes, recorder, (s, _) => DemoExpenses.ProposeWithDocumentsAsync(s, new ExpenseInput
            {
                SupplierName = "HTX Dịch vụ suất ăn Ia Đal (DEMO)", SupplierTaxCode = "5900000005", InvoiceSymbol = $"1C{friday.Year % 100:00}TDM",
                InvoiceNumber = "00000301", InvoiceDate = friday, PaymentDate = friday, Note = "Dữ liệu demo: 40 suất ăn trưa",
                Lines = [new ExpenseLineInput { AllocationId = allocation.Id, AmountVnd = AllocatedVnd }],
            }, ct));
        if (expense is not null)
            await DemoAllocations.AsStaffAsync<ExpenseService, ExpenseDecision>(scopes, confirmer, (s, _) => s.ApproveAsync(expense.Id, ct));

        // The week's meals recorded against the allocation, confirmed by the commune officer.
        var recorded = await DemoAllocations.AsStaffAsync<ServiceDeliveryService, ServiceDeliveryStep>(scopes, recorder, (s, _) => s.RecordAsync(new ServiceDeliveryInput
        {
            AllocationId = allocation.Id, Kind = ServiceKind.Meals, InterventionId = programmeId, FromDate = monday, ToDate = friday,
        }, ct));
        if (recorded.Delivery is not { } delivery) return 0;
        var confirmed = await DemoAllocations.AsStaffAsync<ServiceDeliveryService, ServiceDeliveryStep>(scopes, confirmer, (s, _) => s.ConfirmAsync(delivery.Id, ct));
        if (!confirmed.Succeeded) return 0;

        // The week served 150 meals, the first allocation paid for 40: a second gift's 600.000 ₫ takes 30 more of the same days
        // (a split), recorded and left for Ia Đal's officer to confirm.
        var second = await AllocateAsync(SecondAllocatedVnd, gifts.Skip(1));
        if (second is null) return 1;
        var rest = await DemoAllocations.AsStaffAsync<ServiceDeliveryService, ServiceDeliveryStep>(scopes, recorder, (s, _) => s.RecordAsync(new ServiceDeliveryInput
        {
            AllocationId = second.Id, Kind = ServiceKind.Meals, InterventionId = programmeId, FromDate = monday, ToDate = friday,
        }, ct));
        return rest.Succeeded ? 2 : 1;
    }
}
