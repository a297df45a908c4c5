using ChildAid.Shared.Allocations;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.PublicNeeds;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Allocations;

/// <summary>
/// Need-line fulfilment: an approval, a reversal and an expense move the need's committed and received figures and its
/// "last moved" time, on the line and in the public needs list, in the same transaction; the public list links to the
/// statement's entries for the commune's needs of that year (the drill-down), and flags a row that has not moved in 90 days.
/// </summary>
public abstract class NeedFulfilmentTests(DatabaseProvider provider) : Expenses.ExpenseTest(provider)
{
    private async Task<(Shared.Needs.NeedLine Line, PublicNeed Row)> JacketsAsync()
    {
        await using var db = Db.NewContext();
        var line = await db.NeedLines.IgnoreQueryFilters().AsNoTracking().SingleAsync(l => l.Id == W.Jackets.Id);
        var row = await db.Set<PublicNeed>().AsNoTracking().SingleAsync(n => n.SchoolId == W.SchoolIaDal && n.ItemCode != null && n.SizeBand == line.SizeBand
            && n.Unit == Shared.Needs.NeedUnit.Items);
        return (line, row);
    }

    [Fact]
    public async Task Approval_reversal_and_expense_move_the_need_and_its_public_row_with_the_time_of_the_last_movement()
    {
        await using (var db = Db.NewContext())
            await new PublicNeedsProjection(db, TimeProvider.System).RefreshAsync(W.IaDal.Id, 2026);
        var (_, before) = await JacketsAsync();
        Assert.Equal(0, before.CommittedQuantity);
        Assert.Null(before.LastMovedAt);

        var receipt = await ReceiptAsync(5_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Jackets, 1_800_000));
        Assert.Equal(0, (await JacketsAsync()).Line.CommittedQuantity); // a proposal is not a commitment
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id))).Booked);

        var (line, row) = await JacketsAsync();
        Assert.Equal(10, line.CommittedQuantity); // 1.800.000 ₫ at 180.000 ₫ a jacket
        Assert.Equal(0, line.ReceivedQuantity);
        Assert.NotNull(line.LastMovedAt);
        Assert.Equal(10, row.CommittedQuantity);
        Assert.Equal(1_800_000, row.CommittedVnd);
        Assert.Equal(line.LastMovedAt, row.LastMovedAt);
        Assert.False(row.IsStale(DateTime.UtcNow));
        Assert.True(row.IsStale(row.UpdatedAt.AddDays(91)));

        // Paid out by an approved expense: received.
        var expense = Ok(await ProposeAsync(Input((proposed.Id, 900_000))));
        var paid = await ApproveAsync(expense.Id);
        Assert.True(paid.Booked, paid.Problem ?? paid.Refusal);
        (line, row) = await JacketsAsync();
        Assert.Equal(5, line.ReceivedQuantity);
        Assert.Equal(5, row.ReceivedQuantity);
    }

    [Fact]
    public async Task A_reversal_takes_the_commitment_back_and_still_counts_as_a_movement()
    {
        var receipt = await ReceiptAsync(5_000_000);
        var proposed = Ok(await ProposeMoneyAsync(receipt, W.Jackets, 900_000));
        Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(proposed.Id))).Booked);
        var approvedAt = (await JacketsAsync()).Line.LastMovedAt!.Value;
        await Task.Delay(20);

        Ok(await AsAsync(W.Approver, s => s.ReverseAsync(proposed.Id, "Nhầm dòng nhu cầu")));

        var (line, row) = await JacketsAsync();
        Assert.Equal(0, line.CommittedQuantity);
        Assert.Equal(0, row.CommittedQuantity);
        Assert.True(line.LastMovedAt > approvedAt);
    }

    [Fact]
    public async Task The_statement_filtered_by_a_need_prefix_shows_the_entries_of_that_communes_needs_only()
    {
        var receipt = await ReceiptAsync(5_000_000);
        foreach (var need in new[] { W.Jackets, W.MealsIaToi })
        {
            var proposed = Ok(await ProposeMoneyAsync(receipt, need, 400_000));
            var approver = need == W.Jackets ? W.Approver : W.OtherCommune;
            Assert.True((await AsAsync(approver, s => s.ApproveAsync(proposed.Id))).Booked);
        }
        var services = new ServiceCollection();
        services.AddPublicData(Db.PublicOptions);
        await using var sp = services.BuildServiceProvider();
        await using var scope = sp.CreateAsyncScope();
        var statement = new StatementQuery(scope.ServiceProvider.GetRequiredService<PublicDbContext>());

        var iaDal = await statement.PageAsync(new StatementFilter(Need: $"{W.IaDal.Code}-2026"));
        var line = Assert.Single(iaDal.Lines);
        Assert.Equal(LedgerEntryKind.Allocation, line.Kind);
        Assert.Contains("Trường TH-THCS Ia Đal", line.Description);
        // The same through the search path, and a prefix with other characters is ignored rather than matched.
        Assert.Single((await statement.PageAsync(new StatementFilter("phân bổ", Need: $"{W.IaDal.Code}-2026"))).Lines);
        Assert.Equal(3, (await statement.PageAsync(new StatementFilter(Need: "%"))).Lines.Count);

        // The page says what it shows, its CSV link keeps the filter, and the API takes the same filter (and kind).
        await using var site = new PublicSite.PublicSiteFactory(Db);
        var client = site.CreateClient();
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/sao-ke?nhu-cau={W.IaDal.Code}-2026"));
        Assert.Contains($"Chỉ các bút toán cho nhu cầu có mã bắt đầu bằng {W.IaDal.Code}-2026", page);
        Assert.Contains($"/api/v1/statement.csv?need={W.IaDal.Code}-2026", page);
        var csv = await client.GetStringAsync($"/api/v1/statement.csv?need={W.IaDal.Code}-2026");
        Assert.Equal(2, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // the header and Ia Đal's one allocation
        using var json = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/v1/statement?need={W.IaDal.Code}-2026&kind=Allocation"));
        Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/statement?need=%25")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/statement?kind=Gift")).StatusCode);
    }
}

public class NeedFulfilmentTestsOnSqlite() : NeedFulfilmentTests(DatabaseProvider.Sqlite);

public class NeedFulfilmentTestsOnPostgres() : NeedFulfilmentTests(DatabaseProvider.Postgres);
