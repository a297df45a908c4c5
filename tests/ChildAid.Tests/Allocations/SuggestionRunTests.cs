using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Allocations;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.Needs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Allocations;

/// <summary>
/// <see cref="SuggestionRun"/> on a real database: it reads what the user's units show, counts what others took, and its
/// proposals go through <see cref="AllocationService"/> (four eyes, reservations), once per form even when posted twice.
/// </summary>
public abstract class SuggestionRunTests(DatabaseProvider provider) : AllocationTest(provider)
{
    private async Task<T> RunAsAsync<T>(Person person, Func<SuggestionRun, Task<T>> act)
    {
        await using var scope = Sp.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
        actor.UserId = person.Id;
        actor.Name = person.UserName;
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        db.UnitScope = person.Units is null ? null : new AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync()).Covered(person.Units);
        return await act(scope.ServiceProvider.GetRequiredService<SuggestionRun>());
    }

    private static List<SuggestionChoice> Keep(SuggestionResult result) =>
        [.. result.Rows.Select(r => new SuggestionChoice(r.Suggestion.ContributionId, r.Suggestion.GoodsLineId, r.Suggestion.NeedLineId,
            r.Suggestion.Quantity ?? r.Suggestion.AmountVnd))];

    private async Task<Contribution> ReceiptInAsync(int unitId, long amountVnd)
    {
        await using var scope = Sp.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "cli";
        return Ok(await scope.ServiceProvider.GetRequiredService<ContributionService>().RecordAsync(TestData.Cash(W.DonorId, unitId, amountVnd)));
    }

    [Fact]
    public async Task A_run_is_proposed_then_approved_by_another_person_and_every_balance_still_holds()
    {
        var plain = await ReceiptAsync(1_500_000);
        var warm = await ReceiptAsync(20_000_000, W.WarmClothes.Id);
        // Part of the plain gift is already taken by a hand-made proposal: the run counts it.
        Ok(await ProposeMoneyAsync(plain, W.MealsIaToi, 500_000));

        var result = await RunAsAsync(W.Proposer, r => r.RunAsync());
        Assert.NotEmpty(result.Rows);
        // The campaign's gift goes only to warm clothes in Ia Đal, and never beyond a line: 50 + 1 jackets at 180.000 ₫.
        var fromWarm = result.Rows.Where(r => r.Suggestion.ContributionId == warm.Id).ToList();
        Assert.All(fromWarm, r => Assert.Contains(r.Suggestion.NeedLineId, new[] { W.Jackets.Id, W.ChildJacket.Id }));
        Assert.Equal(51 * 180_000L, fromWarm.Sum(r => r.Suggestion.AmountVnd));
        Assert.All(fromWarm, r => Assert.Contains(r.Suggestion.Reasons, x => x.StartsWith("giới hạn của chiến dịch «Áo ấm cho em Ia Đal»", StringComparison.Ordinal)));
        // The plain gift: 1.000.000 ₫ left, to the most urgent line first (Ia Đal's meals, the older review).
        var fromPlain = Assert.Single(result.Rows, r => r.Suggestion.ContributionId == plain.Id);
        Assert.Equal((W.Meals.Id, 1_000_000L), (fromPlain.Suggestion.NeedLineId, fromPlain.Suggestion.AmountVnd));

        var key = Guid.NewGuid();
        var outcomes = await RunAsAsync(W.Proposer, r => r.ProposeAsync(key, Keep(result), null));
        Assert.All(outcomes.Values, v => Assert.Null(v));
        await using (var db = Db.NewContext())
        {
            var proposals = await db.Allocations.Where(a => a.State == AllocationState.Proposed && a.Note!.StartsWith(SuggestionRun.NotePrefix(key))).ToListAsync();
            Assert.Equal(result.Rows.Count, proposals.Count);
            Assert.All(proposals, a => Assert.Equal(W.Proposer.Id, a.ProposedById));
            // The proposer may not approve their own: four eyes as for any proposal.
            var own = await AsAsync(W.Proposer, s => s.ApproveAsync(proposals[0].Id));
            Assert.NotNull(own.Refusal);
            foreach (var p in proposals) Assert.True((await AsAsync(W.Approver, s => s.ApproveAsync(p.Id))).Booked);
        }
        // Nothing is left to suggest with these gifts, and the ledger's balances hold.
        Assert.DoesNotContain((await RunAsAsync(W.Proposer, r => r.RunAsync())).Rows, r => r.Suggestion.ContributionId == warm.Id || r.Suggestion.ContributionId == plain.Id);
        var (code, output) = await CliRunner.RunAsync(Db, "verify-balances");
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task A_commune_officers_run_never_reads_another_communes_lines_or_money()
    {
        var iaDalGift = await ReceiptAsync(5_000_000);
        var iaToiGift = await ReceiptInAsync(W.IaToi.Id, 300_000);

        var officer = await RunAsAsync(W.OtherCommune, r => r.RunAsync());
        var only = Assert.Single(officer.Rows);
        Assert.Equal((iaToiGift.Id, W.MealsIaToi.Id, 300_000L), (only.Suggestion.ContributionId, only.Suggestion.NeedLineId, only.Suggestion.AmountVnd));
        Assert.Equal(1, officer.OpenNeeds);
        Assert.Equal(300_000, officer.UnallocatedVnd);

        // The Ia Đal officer sees Ia Đal's gift and lines only; the programme officer covering both sees both.
        var iaDal = await RunAsAsync(W.Approver, r => r.RunAsync());
        Assert.All(iaDal.Rows, r => Assert.Equal(iaDalGift.Id, r.Suggestion.ContributionId));
        Assert.DoesNotContain(iaDal.Rows, r => r.Suggestion.NeedLineId == W.MealsIaToi.Id);
        var both = await RunAsAsync(W.Proposer, r => r.RunAsync());
        Assert.Contains(both.Rows, r => r.Suggestion.ContributionId == iaToiGift.Id);
        Assert.Contains(both.Rows, r => r.Suggestion.ContributionId == iaDalGift.Id);

        // A row naming another commune's line, posted by the officer, is refused by the service (not found in their scope).
        var forged = await RunAsAsync(W.OtherCommune, r => r.ProposeAsync(Guid.NewGuid(), [new SuggestionChoice(iaToiGift.Id, null, W.Meals.Id, 100_000)], null));
        Assert.NotNull(forged.Values.Single());
        await using var db = Db.NewContext();
        Assert.False(await db.Allocations.AnyAsync());
    }

    [Fact]
    public async Task The_same_form_posted_twice_or_at_once_proposes_each_row_once()
    {
        await ReceiptAsync(1_000_000);
        await ReceiptAsync(400_000);
        var result = await RunAsAsync(W.Proposer, r => r.RunAsync());
        var key = Guid.NewGuid();
        var choices = Keep(result);
        await Task.WhenAll(RunAsAsync(W.Proposer, r => r.ProposeAsync(key, choices, null)), RunAsAsync(W.Proposer, r => r.ProposeAsync(key, choices, null)));
        var again = await RunAsAsync(W.Proposer, r => r.ProposeAsync(key, choices, null));
        Assert.All(again.Values, v => Assert.Null(v));
        await using var db = Db.NewContext();
        Assert.Equal(choices.Count, await db.Allocations.CountAsync());
        Assert.Equal(1_400_000, await db.Allocations.SumAsync(a => a.AmountVnd));
    }

    [Fact]
    public async Task Two_proposals_of_the_same_suggestion_row_past_the_lock_book_one_allocation()
    {
        // Two BackOffice nodes have no common lock: the unique suggestion key is the database's last word.
        var receipt = await ReceiptAsync(1_000_000);
        var key = SuggestionRun.SuggestionKey(Guid.NewGuid(), SuggestionRow.Reference(receipt.Id, null, W.Meals.Id));
        AllocationInput Input() => new() { ContributionId = receipt.Id, NeedLineId = W.Meals.Id, AmountVnd = 300_000, SuggestionKey = key };
        var first = Ok(await AsAsync(W.Proposer, s => s.ProposeAsync(Input())));
        var second = Ok(await AsAsync(W.Proposer, s => s.ProposeAsync(Input())));
        Assert.Equal(first.Id, second.Id);
        await using var db = Db.NewContext();
        Assert.Equal(300_000, Assert.Single(await db.Allocations.ToListAsync()).AmountVnd);
        // And the database itself refuses a second row with the key, whoever writes.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO allocations (admin_unit_id, contribution_id, need_line_id, need_line_key, amount_vnd, state, proposed_by_id, proposed_at, suggestion_key) " +
            "SELECT admin_unit_id, contribution_id, need_line_id, need_line_key, 1, state, 'x', proposed_at, suggestion_key FROM allocations"));
        Assert.Contains("suggestion_key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_whose_school_already_has_the_same_support_is_not_suggested_but_listed_with_what_was_found()
    {
        await DeclareAsync(NeedTarget.School, null, W.SchoolIaDal, NeedCategory.Nutrition, "Bữa trưa cho học sinh bán trú");
        var receipt = await ReceiptAsync(5_000_000);

        var result = await RunAsAsync(W.Proposer, r => r.RunAsync());

        Assert.DoesNotContain(result.Rows, r => r.Suggestion.NeedLineId == W.Meals.Id);
        var skipped = Assert.Single(result.Skipped, s => s.NeedLineId == W.Meals.Id);
        Assert.Contains(skipped.Findings, f => f.Contains("Hội Chữ thập đỏ tỉnh Gia Lai đã đăng ký hỗ trợ: Bữa trưa cho học sinh bán trú", StringComparison.Ordinal));
        // The money goes to the next lines instead, and every proposal of the run is accepted.
        Assert.Contains(result.Rows, r => r.Suggestion.ContributionId == receipt.Id);
        var outcomes = await RunAsAsync(W.Proposer, r => r.ProposeAsync(Guid.NewGuid(), Keep(result), null));
        Assert.All(outcomes.Values, Assert.Null);
    }

    [Fact]
    public async Task A_line_whose_period_is_over_is_not_suggested_but_listed_with_the_day_it_ended()
    {
        var ended = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10);
        await using (var db = Db.NewContext())
            await db.NeedLines.Where(l => l.Id == W.Meals.Id).ExecuteUpdateAsync(u => u.SetProperty(l => l.PeriodStart, ended.AddDays(-60)).SetProperty(l => l.PeriodEnd, ended));
        await ReceiptAsync(5_000_000);

        var result = await RunAsAsync(W.Proposer, r => r.RunAsync());

        Assert.DoesNotContain(result.Rows, r => r.Suggestion.NeedLineId == W.Meals.Id);
        var skipped = Assert.Single(result.Skipped, s => s.NeedLineId == W.Meals.Id);
        Assert.Equal($"Thời gian cần đã hết ngày {ended:dd/MM/yyyy}.", Assert.Single(skipped.Findings));
        Assert.NotEmpty(result.Rows);
    }

    [Fact]
    public async Task Goods_recognised_as_the_same_item_and_size_band_are_suggested_by_quantity_and_others_are_left_to_a_person()
    {
        var jackets = await GoodsReceiptAsync("Áo ấm mùa đông 6–8 tuổi", 30, 150_000);
        var other = await GoodsReceiptAsync("Áo khoác trẻ em 6–10 tuổi", 30, 150_000);
        var result = await RunAsAsync(W.Proposer, r => r.RunAsync());

        Assert.DoesNotContain(result.Rows, r => r.Suggestion.ContributionId == other.Id);
        var rows = result.Rows.Where(r => r.Suggestion.ContributionId == jackets.Id).ToList();
        Assert.All(rows, r => Assert.True(r.Suggestion.IsGoods));
        Assert.All(rows, r => Assert.Contains(r.Suggestion.NeedLineId, new[] { W.Jackets.Id, W.ChildJacket.Id }));
        Assert.Equal(30, rows.Sum(r => r.Suggestion.Quantity));

        var outcomes = await RunAsAsync(W.Proposer, r => r.ProposeAsync(Guid.NewGuid(), Keep(result), null));
        Assert.All(outcomes.Values, v => Assert.Null(v));
        await using var db = Db.NewContext();
        Assert.Equal(30, await db.Allocations.Where(a => a.ContributionId == jackets.Id).SumAsync(a => a.Quantity));
        Assert.Equal(30 * 150_000L, await db.Allocations.Where(a => a.ContributionId == jackets.Id).SumAsync(a => a.AmountVnd));
    }
}

public class SuggestionRunTestsOnSqlite() : SuggestionRunTests(DatabaseProvider.Sqlite);

public class SuggestionRunTestsOnPostgres() : SuggestionRunTests(DatabaseProvider.Postgres);
