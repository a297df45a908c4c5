using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Needs;

/// <summary>An admin changes the published weights: open reviews follow, approved ones keep the level they were approved with.</summary>
public abstract class PriorityCriteriaEditingTests(DatabaseProvider provider) : NeedsServiceTest(provider)
{
    private static readonly DateOnly Winter = new(2026, 11, 1), WinterEnd = new(2027, 2, 28);

    [Fact]
    public async Task New_weights_reassess_open_reviews_only_and_the_change_is_audited()
    {
        var iaDal = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var iaToi = await PersonAsync("xa-iatoi", [Roles.CommuneOfficer], W.IaToi);
        var province = await PersonAsync("tinh", [Roles.ProgrammeOfficer], W.QuangNgai);
        var admin = await PersonAsync("quantri", [Roles.Admin]);
        var open = Ok(await AsAsync(iaDal, s => s.OpenAsync(W.IaDal, 2026)));
        var openLine = Ok(await AsAsync(iaDal, s => s.AddLineAsync(open.Id, NeedsWorld.ChildLine(W.ChildIaDal, Winter, WinterEnd))));
        var approved = Ok(await AsAsync(iaToi, s => s.OpenAsync(W.IaToi, 2026)));
        var approvedLine = Ok(await AsAsync(iaToi, s => s.AddLineAsync(approved.Id, NeedsWorld.ChildLine(W.ChildIaToi, Winter, WinterEnd))));
        Ok(await AsAsync(iaToi, s => s.SubmitAsync(approved.Id)));
        Ok(await AsAsync(province, s => s.ApproveAsync(approved.Id)));

        // Poor household 20 → 50 points: level 1; orphan of both parents 40 → 0: no longer counts.
        var refused = await AsAsync(admin, async (_, db) => await new PriorityCriteriaService(db, new NeedPriority(db)).SaveAsync(
            [new CriterionInput { Id = 6, Weight = 50, IsActive = true }], 30, 40, 15));
        var saved = await AsAsync(admin, async (_, db) => await new PriorityCriteriaService(db, new NeedPriority(db)).SaveAsync(
            [new CriterionInput { Id = 6, Weight = 50, IsActive = true }, new CriterionInput { Id = 1, Weight = 0, IsActive = true }], 50, 30, 15));

        Assert.Contains("giảm dần", refused.Errors["Level1From"]);
        Assert.Equal(1, Ok(saved));
        await using var check = Db.NewContext();
        Assert.Equal((3, 1), (openLine.ComputedLevel, (await check.NeedLines.SingleAsync(l => l.Id == openLine.Id)).ComputedLevel));
        Assert.Equal(approvedLine.ComputedLevel, (await check.NeedLines.SingleAsync(l => l.Id == approvedLine.Id)).ComputedLevel);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityType == nameof(PriorityCriterion) && a.Action == "Modified" && a.After!.Contains("\"Weight\":50")));
    }
}

public class PriorityCriteriaEditingTestsOnSqlite() : PriorityCriteriaEditingTests(DatabaseProvider.Sqlite);

public class PriorityCriteriaEditingTestsOnPostgres() : PriorityCriteriaEditingTests(DatabaseProvider.Postgres);
