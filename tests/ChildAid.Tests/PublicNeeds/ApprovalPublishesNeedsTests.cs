using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Security;
using ChildAid.Tests.Needs;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.PublicNeeds;

/// <summary>The level above approves through the service, and the public list changes in the same transaction.</summary>
public abstract class ApprovalPublishesNeedsTests(DatabaseProvider provider) : NeedsServiceTest(provider)
{
    private static readonly DateOnly Winter = new(2026, 11, 1), WinterEnd = new(2027, 2, 28);

    private NeedLineInput SchoolLine(int children, int itemId = 9) => new()
    {
        Target = NeedTarget.School, SchoolId = W.SchoolIaDal, NeedItemId = itemId, Quantity = 1, ChildrenCount = children, PeriodStart = Winter, PeriodEnd = WinterEnd,
    };

    [Fact]
    public async Task Approving_a_review_publishes_its_needs_and_approving_a_new_revision_replaces_them()
    {
        var officer = await PersonAsync("xa-iadal", [Roles.CommuneOfficer], W.IaDal);
        var province = await PersonAsync("tinh", [Roles.ProgrammeOfficer], W.QuangNgai);
        var review = Ok(await AsAsync(officer, s => s.OpenAsync(W.IaDal, 2026)));
        Ok(await AsAsync(officer, s => s.AddLineAsync(review.Id, SchoolLine(40))));
        Ok(await AsAsync(officer, s => s.SubmitAsync(review.Id)));
        var before = await AsAsync(province, (_, db) => db.PublicNeeds.CountAsync());

        Ok(await AsAsync(province, s => s.ApproveAsync(review.Id)));
        var first = await AsAsync(province, (_, db) => db.PublicNeeds.AsNoTracking().ToListAsync());

        var revision = Ok(await AsAsync(officer, s => s.StartRevisionAsync(review.Id)));
        Ok(await AsAsync(officer, s => s.AddLineAsync(revision.Id, SchoolLine(25, itemId: 18))));
        Ok(await AsAsync(officer, s => s.SubmitAsync(revision.Id)));
        var whileSubmitted = await AsAsync(province, (_, db) => db.PublicNeeds.AsNoTracking().Select(n => n.ChildrenCount).ToListAsync());
        Ok(await AsAsync(province, s => s.ApproveAsync(revision.Id)));
        var second = await AsAsync(province, (_, db) => db.PublicNeeds.AsNoTracking().ToListAsync());

        Assert.Equal(0, before);
        var row = Assert.Single(first);
        Assert.Equal((W.IaDal, 2026, 40, "play-area"), (row.CommuneId, row.Year, row.ChildrenCount!.Value, row.ItemCode!));
        Assert.Equal([(int?)40], whileSubmitted);
        // The revision's lines (the play area copied, school kits added) replace the first revision's: the 40 shows once.
        Assert.Equal([("play-area", (int?)40), ("school-kit", 25)], second.OrderBy(n => n.ItemCode).Select(n => (n.ItemCode!, n.ChildrenCount)));
    }
}

public class ApprovalPublishesNeedsTestsOnSqlite() : ApprovalPublishesNeedsTests(DatabaseProvider.Sqlite);

public class ApprovalPublishesNeedsTestsOnPostgres() : ApprovalPublishesNeedsTests(DatabaseProvider.Postgres);
