using ChildAid.Shared.Allocations;
using ChildAid.Shared.Balances;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Distributions;
using ChildAid.Shared.Expenses;
using ChildAid.Shared.Security;
using ChildAid.Tests.Expenses;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Allocations;

/// <summary>
/// A gift received by the district and allocated to a commune's need: the commune's officer cannot read the receipt (it is
/// the district's), yet the allocation is theirs — it must be in their lists, spendable, creditable with meals and counted on
/// their dashboard, showing the receipt's number (public on the statement) without a link to the district's record.
/// </summary>
public abstract class DistrictReceiptInCommuneTests(DatabaseProvider provider) : ExpenseTest(provider)
{
    [Fact]
    public async Task The_commune_officer_sees_lists_spends_and_counts_an_allocation_of_a_district_receipt()
    {
        Person district;
        Contribution receipt;
        await using (var db = Db.NewContext())
            district = await NeedsWorld.PersonAsync(db, "huyen", [Roles.ProgrammeOfficer], W.IaDal.ParentId!.Value);
        await using (var scope = Sp.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Shared.Audit.AuditActor>().Name = "cli";
            receipt = Ok(await scope.ServiceProvider.GetRequiredService<ContributionService>()
                .RecordAsync(TestData.Cash(W.DonorId, W.IaDal.ParentId!.Value, 2_000_000)));
        }
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Meals, 1_000_000, district));
        var decision = await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id));
        Assert.True(decision.Booked, decision.Problem ?? decision.Refusal);

        var listed = await ActAsAsync<AllocationQueries, List<AllocationRow>>(W.Approver, (q, _) => q.ListAsync(null));
        var row = Assert.Single(listed);
        Assert.Equal(proposed.Id, row.Id);
        Assert.Equal(receipt.ReceiptNumber, row.ReceiptNumber);
        Assert.False(row.ReceiptReadable);
        Assert.Single(await ActAsAsync<AllocationQueries, List<AllocationRow>>(W.Approver, (q, _) => q.ListAsync(AllocationState.Approved, needLineId: W.Meals.Id)));
        Assert.True(Assert.Single(await ActAsAsync<AllocationQueries, List<AllocationRow>>(district, (q, _) => q.ListAsync(null))).ReceiptReadable);

        var spendable = await ActAsAsync<ExpenseQueries, List<SpendableAllocation>>(W.Approver, (q, _) => q.SpendableAsync([]));
        Assert.Equal(receipt.ReceiptNumber, Assert.Single(spendable).ReceiptNumber);
        var expense = Ok(await ProposeAsync(Input((proposed.Id, 400_000)), W.Approver));
        var detail = await ActAsAsync<ExpenseQueries, (Expense, List<ExpenseLineView>, string)?>(W.Approver, (q, _) => q.DetailAsync(expense.Id));
        Assert.Equal(receipt.ReceiptNumber, Assert.Single(detail!.Value.Item2).ReceiptNumber);

        var services = await ActAsAsync<ServiceDeliveryService, IReadOnlyList<ServiceAllocation>>(W.Approver, (s, _) => s.AllocationsAsync());
        Assert.Equal(proposed.Id, Assert.Single(services).Id);

        var figures = await ActAsAsync<ProgrammeDashboard, ProgrammeFigures>(W.Approver, (d, _) => d.ComputeAsync());
        Assert.Equal(1_000_000, figures.Total.AllocatedVnd);
        Assert.Equal(1_000_000, Assert.Single(figures.ByCommune, c => c.AllocatedVnd > 0).AllocatedVnd);
    }
}

public class DistrictReceiptInCommuneTestsOnSqlite() : DistrictReceiptInCommuneTests(DatabaseProvider.Sqlite);

public class DistrictReceiptInCommuneTestsOnPostgres() : DistrictReceiptInCommuneTests(DatabaseProvider.Postgres);
