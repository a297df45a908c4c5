using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Data;
using ChildAid.Shared.Demo;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Allocations;

/// <summary>
/// On the seeded demo, the province programme officer's suggestion run proposes something useful (the demo has unallocated
/// money and approved needs still lacking); the most urgent suggestion, proposed and then approved by the demo admin, keeps
/// every balance rule.
/// </summary>
public abstract class SuggestionDemoTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private async Task<T> AsAsync<T>(ServiceProvider sp, string email, Func<IServiceProvider, Task<T>> act)
    {
        await using var scope = sp.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        var units = await db.StaffUserUnits.AsNoTracking().Where(u => u.UserId == user.Id).Select(u => u.AdminUnitId).ToArrayAsync();
        var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
        actor.UserId = user.Id;
        actor.Name = user.UserName ?? email;
        db.UnitScope = units.Length == 0 ? null : new AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync()).Covered(units);
        return await act(scope.ServiceProvider);
    }

    [Fact]
    public async Task The_demo_gives_a_useful_suggestion_that_can_be_proposed_and_approved_with_balances_holding()
    {
        var seeded = await CliRunner.RunAsync(Db, "seed", "--demo");
        Assert.True(seeded.ExitCode == 0, seeded.Output);
        await using var sp = Db.Services();

        var result = await AsAsync(sp, DemoAllocations.Proposer, s => s.GetRequiredService<SuggestionRun>().RunAsync());
        Assert.NotEmpty(result.Rows);
        var first = result.Rows[0];
        Assert.True(first.Suggestion.AmountVnd > 0);
        Assert.Contains(first.Suggestion.Reasons, r => r.StartsWith("Mức ưu tiên ", StringComparison.Ordinal));

        var choice = new SuggestionChoice(first.Suggestion.ContributionId, first.Suggestion.GoodsLineId, first.Suggestion.NeedLineId,
            first.Suggestion.Quantity ?? first.Suggestion.AmountVnd);
        var outcomes = await AsAsync(sp, DemoAllocations.Proposer, s => s.GetRequiredService<SuggestionRun>().ProposeAsync(Guid.NewGuid(), [choice], null));
        Assert.Null(outcomes.Values.Single());
        int id;
        await using (var db = Db.NewContext())
            id = await db.Allocations.Where(a => a.Note!.StartsWith("Gợi ý phân bổ")).Select(a => a.Id).SingleAsync();
        var decision = await AsAsync(sp, "quantri@demo.childaid.example", s => s.GetRequiredService<AllocationService>().ApproveAsync(id));
        Assert.True(decision.Booked, decision.Problem ?? decision.Refusal);

        var (code, output) = await CliRunner.RunAsync(Db, "verify-balances");
        Assert.True(code == 0, output);
    }
}

public class SuggestionDemoTestsOnSqlite() : SuggestionDemoTests(DatabaseProvider.Sqlite);

public class SuggestionDemoTestsOnPostgres() : SuggestionDemoTests(DatabaseProvider.Postgres);
