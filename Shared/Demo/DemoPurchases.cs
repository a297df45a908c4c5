using ChildAid.Shared.Allocations;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Shared.Demo;

/// <summary>
/// Goods bought with donated money, in the demo: money of an unrestricted demo gift allocated to a school's warm-clothes need
/// (up to <see cref="Pieces"/> at the need's unit cost; proposed by the province programme officer, approved by the commune
/// officer), paid to a clothes shop by an approved expense that says how many it bought, and handed over to the school by a
/// distribution without a stock lot, confirmed by the commune officer: the need shows them delivered, the gift's trace
/// shows the money spent and the pieces handed over. Skipped when any distribution of purchased goods exists.
/// </summary>
public static class DemoPurchases
{
    public const int Pieces = 25;
    public const string Shop = "Cửa hàng quần áo trẻ em Chư Prông (DEMO)";
    /// <summary>Ia Đal, whose officer approves and receives in the demo.</summary>
    private const string IaDal = "23535";

    public static async Task<int> SeedAsync(IServiceScopeFactory scopes, DateOnly today, CancellationToken ct)
    {
        string? buyer, approver;
        List<NeedLine> lines;
        List<int> gifts;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            (db.UnitScope, db.OrganisationScope) = (null, null);
            if (await db.Distributions.IgnoreQueryFilters().AnyAsync(d => d.StockLotId == null, ct)) return 0;
            buyer = await db.Users.Where(u => u.Email == DemoAllocations.Proposer).Select(u => u.Id).FirstOrDefaultAsync(ct);
            approver = await db.Users.Where(u => u.Email == DemoAllocations.Approver).Select(u => u.Id).FirstOrDefaultAsync(ct);
            if (buyer is null || approver is null) return 0;
            lines = await db.NeedLines.IgnoreQueryFilters().AsNoTracking()
                .Where(l => l.NeedsReview!.Status == NeedsReviewStatus.Approved && db.AdminUnits.Any(u => u.Id == l.AdminUnitId && u.Code == IaDal)
                            && l.Category == NeedCategory.WarmClothes && l.Unit == NeedUnit.Items
                            && l.Target == NeedTarget.School && l.SchoolId != null && l.EstimatedUnitCostVnd > 0)
                .OrderBy(l => l.LevelOverride ?? l.ComputedLevel).ThenBy(l => l.Id).Take(40).ToListAsync(ct);
            gifts = await db.Contributions.IgnoreQueryFilters()
                .Where(c => c.IsDemo && c.CampaignId == null && c.Method != ContributionMethod.InKind && c.Reversal == null && c.AmountVnd >= 1_000_000)
                .OrderByDescending(c => c.AmountVnd).ThenBy(c => c.Id).Select(c => c.Id).Take(20).ToListAsync(ct);
        }

        // The first school need a gift can still pay for, approved by someone else.
        Allocation? allocation = null;
        NeedLine? need = null;
        foreach (var line in lines)
        {
            foreach (var gift in gifts)
            {
                var proposed = await DemoAllocations.AsStaffAsync<AllocationService, Allocation?>(scopes, buyer, async (s, _) =>
                {
                    var pieces = Math.Min(Pieces, (await s.NeedRemainderAsync(line, ct)).QuantityLeft);
                    if (pieces <= 0) return null;
                    return (await s.ProposeAsync(new AllocationInput
                    {
                        ContributionId = gift, NeedLineId = line.Id, AmountVnd = pieces * line.EstimatedUnitCostVnd, Note = "Dữ liệu demo: mua áo ấm",
                    }, ct)).Value;
                });
                if (proposed is null) continue;
                var decision = await DemoAllocations.AsStaffAsync<AllocationService, AllocationDecision>(scopes, approver, (s, _) => s.ApproveAsync(proposed.Id, ct));
                allocation = decision.Approved;
                break;
            }
            if (allocation is not null)
            {
                need = line;
                break;
            }
        }
        if (allocation is null || need is null) return 0;

        // The shop is paid the whole allocation for the pieces it sold, against its e-invoice.
        var bought = (int)(allocation.AmountVnd / need.EstimatedUnitCostVnd);
        var invoiceDate = today.AddDays(-3);
        var expense = await DemoAllocations.AsStaffAsync<ExpenseService, Expense?>(scopes, buyer, (s, _) => DemoExpenses.ProposeWithDocumentsAsync(s, new ExpenseInput
            {
                SupplierName = Shop, SupplierTaxCode = "5900000006", InvoiceSymbol = $"1C{invoiceDate.Year % 100:00}TDM", InvoiceNumber = "00000401",
                InvoiceDate = invoiceDate, PaymentDate = invoiceDate, Note = "Dữ liệu demo: áo ấm mua cho trường",
                Lines = [new ExpenseLineInput { AllocationId = allocation.Id, AmountVnd = allocation.AmountVnd, Quantity = bought }],
            }, ct));
        if (expense is null) return 0;
        var approved = await DemoAllocations.AsStaffAsync<ExpenseService, ExpenseDecision>(scopes, approver, (s, _) => s.ApproveAsync(expense.Id, ct));
        if (!approved.Booked) return 0;

        // The shop brings them to the school; the commune officer confirms the hand-over.
        var school = await DemoAllocations.AsStaffAsync<AllocationService, string>(scopes, approver, async (_, db) =>
            await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == need.SchoolId).Select(o => o.Name).SingleAsync(ct));
        var draft = await AsAsync(scopes, buyer, s => s.CreateAsync(new DistributionInput
        {
            AllocationId = allocation.Id, Quantity = bought, PlannedOn = today.AddDays(-1), Place = school, Carrier = Shop,
            Recipient = DistributionRecipient.School, SchoolId = need.SchoolId,
        }, ct));
        if (draft.Distribution is not { } distribution) return 0;
        await AsAsync(scopes, buyer, s => s.ConfirmAsync(distribution.Id, ct));
        await AsAsync(scopes, buyer, s => s.DepartAsync(distribution.Id, ct));
        await AsAsync(scopes, buyer, s => s.ArriveAsync(distribution.Id, ct));
        var delivered = await AsAsync(scopes, approver, s => s.ConfirmDeliveryAsync(distribution.Id, new DeliveryInput
        {
            DeliveredQuantity = bought, DeliveredOn = today.AddDays(-1), ReceiverName = "Ksor Thị Lan (dữ liệu demo)", ReceiverRole = "Hiệu trưởng",
        }, "bien-ban-ban-giao-demo.png", DemoDistributions.HandOverListPng(distribution.Id, school, bought), ct));
        return delivered.Succeeded ? 1 : 0;
    }

    private static Task<T> AsAsync<T>(IServiceScopeFactory scopes, string userId, Func<DistributionService, Task<T>> act) =>
        DemoAllocations.AsStaffAsync<DistributionService, T>(scopes, userId, (s, _) => act(s));
}
