using System.Net;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Security;
using ChildAid.Tests.BackOffice;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Allocations;

/// <summary>The allocation pages through the real forms: propose from a receipt, the proposer's approval answers 403, a colleague's books it.</summary>
public abstract class AllocationPagesTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    private async Task<(AllocationWorld World, Contribution Receipt)> ArrangeAsync()
    {
        AllocationWorld world;
        await using (var db = Db.NewContext()) world = await AllocationWorld.CreateAsync(db);
        await StaffAsync("canbo-de-xuat", [Roles.ProgrammeOfficer], world.IaDal.Id);
        await StaffAsync("canbo-duyet", [Roles.CommuneOfficer], world.IaDal.Id);
        await StaffAsync("canbo-xa-khac", [Roles.CommuneOfficer], world.IaToi.Id);
        await using var sp = Db.Services();
        await using var scope = Scope(sp, "cli");
        var receipt = (await scope.ServiceProvider.GetRequiredService<ContributionService>()
            .RecordAsync(TestData.Cash(world.DonorId, world.IaDal.Id, 3_000_000))).Value!;
        return (world, receipt);
    }

    private static async Task<HttpResponseMessage> ApproveAsync(StaffClient client, string allocationId)
    {
        var page = await client.GetPageAsync("/Allocations?state=Proposed");
        return await client.PostWithTokenAsync("/Allocations?handler=Approve", StaffClient.Token(page), new() { ["AllocationId"] = allocationId });
    }

    [Fact]
    public async Task A_proposal_from_the_receipt_page_is_refused_to_its_proposer_with_403_and_booked_once_by_a_colleague()
    {
        var (w, receipt) = await ArrangeAsync();
        var proposer = await LogInAsync("canbo-de-xuat");
        var form = await proposer.GetPageAsync($"/Allocations/Propose/{receipt.Id}");
        Assert.Contains("3.000.000 ₫", form);
        Assert.Contains("còn thiếu", form);

        var tooMuch = await proposer.PostFormAsync($"/Allocations/Propose/{receipt.Id}",
            new() { ["Input.NeedLineId"] = w.Meals.Id.ToString(), ["Input.AmountVnd"] = "2.500.000" });
        Assert.Equal(HttpStatusCode.OK, tooMuch.StatusCode);
        Assert.Contains("chỉ còn thiếu 2.000.000 ₫", await tooMuch.Content.ReadAsStringAsync());

        var sent = await proposer.PostFormAsync($"/Allocations/Propose/{receipt.Id}",
            new() { ["Input.NeedLineId"] = w.Meals.Id.ToString(), ["Input.AmountVnd"] = "1.500.000" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        int id;
        await using (var db = Db.NewContext()) id = (await db.Allocations.SingleAsync()).Id;

        var own = await ApproveAsync(proposer, id.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("người đề xuất", await own.Content.ReadAsStringAsync());

        var other = await LogInAsync("canbo-xa-khac");
        Assert.DoesNotContain(receipt.ReceiptNumber, await other.GetPageAsync("/Allocations"));
        Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync($"/Allocations/Propose/{receipt.Id}")).Response.StatusCode);
        var fromOther = await other.PostWithTokenAsync("/Allocations?handler=Approve", StaffClient.Token(await other.GetPageAsync("/Allocations")),
            new() { ["AllocationId"] = id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, fromOther.StatusCode);

        var approver = await LogInAsync("canbo-duyet");
        var page = await approver.GetPageAsync("/Allocations?state=Proposed");
        var fields = new Dictionary<string, string> { ["AllocationId"] = id.ToString() };
        var first = await approver.PostWithTokenAsync("/Allocations?handler=Approve", StaffClient.Token(page), fields);
        var again = await approver.PostWithTokenAsync("/Allocations?handler=Approve", StaffClient.Token(page), fields);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        await using var check = Db.NewContext();
        Assert.Single(await check.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.Allocation).ToListAsync());
        Assert.Equal(AllocationState.Approved, (await check.Allocations.SingleAsync()).State);
        var workbook = await approver.GetAsync("/Allocations?handler=Export");
        Assert.Equal(HttpStatusCode.OK, workbook.Response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_approved_allocation_is_reversed_from_the_list_with_a_reason_once_even_when_clicked_twice()
    {
        var (w, receipt) = await ArrangeAsync();
        int id;
        await using (var sp = Db.Services())
        {
            await using (var scope = Scope(sp, "cli"))
                id = (await scope.ServiceProvider.GetRequiredService<AllocationService>()
                    .ProposeAsync(new AllocationInput { ContributionId = receipt.Id, NeedLineId = w.Meals.Id, AmountVnd = 1_000_000 })).Value!.Id;
        }
        var approver = await LogInAsync("canbo-duyet");
        Assert.Equal(HttpStatusCode.Redirect, (await ApproveAsync(approver, id.ToString())).StatusCode);

        var page = await approver.GetPageAsync("/Allocations?state=Approved");
        Assert.Contains("Hoàn phân bổ", page);
        var noReason = await approver.PostWithTokenAsync("/Allocations?handler=Reverse", StaffClient.Token(page), new() { ["AllocationId"] = id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, noReason.StatusCode);
        await using (var db = Db.NewContext()) Assert.Equal(AllocationState.Approved, (await db.Allocations.SingleAsync()).State);

        var fields = new Dictionary<string, string> { ["AllocationId"] = id.ToString(), ["ReversalReason"] = "Nhập nhầm dòng nhu cầu" };
        var first = await approver.PostWithTokenAsync("/Allocations?handler=Reverse", StaffClient.Token(page), fields);
        var again = await approver.PostWithTokenAsync("/Allocations?handler=Reverse", StaffClient.Token(page), fields);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Nhập nhầm dòng nhu cầu", await approver.GetPageAsync("/Allocations?state=Reversed"));

        await using var check = Db.NewContext();
        Assert.Single(await check.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.Reversal).ToListAsync());
        Assert.Equal(AllocationState.Reversed, (await check.Allocations.SingleAsync()).State);
    }
}

public class AllocationPagesTestsOnSqlite() : AllocationPagesTests(DatabaseProvider.Sqlite);

public class AllocationPagesTestsOnPostgres() : AllocationPagesTests(DatabaseProvider.Postgres);
