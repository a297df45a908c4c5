using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Tests.Cli;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Demo;

/// <summary>The demo shows the needs review in every state, decided by the level of its time.</summary>
public abstract class DemoNeedsTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task The_demo_has_reviews_in_every_state_each_decided_by_the_level_above_on_its_submission_day()
    {
        var seeded = await CliRunner.RunAsync(Db, "seed", "--demo");
        Assert.True(seeded.ExitCode == 0, seeded.Output);
        await using var db = Db.NewContext();
        var units = await db.AdminUnits.AsNoTracking().ToDictionaryAsync(u => u.Id);
        var reviews = await db.NeedsReviews.Include(r => r.Lines).ToListAsync();
        var users = await db.Users.ToDictionaryAsync(u => u.Id, u => u.Email);

        Assert.Superset(new HashSet<NeedsReviewStatus> { NeedsReviewStatus.Draft, NeedsReviewStatus.Submitted, NeedsReviewStatus.Returned, NeedsReviewStatus.Approved },
            reviews.Select(r => r.Status).ToHashSet());
        var early = reviews.Single(r => r.Year == 2024);
        Assert.Equal(NeedsReviewStatus.Approved, early.Status);
        Assert.True(early.SubmittedAt < new DateTime(2025, 7, 1));
        Assert.Equal(("618", AdminUnitLevel.District), (units[early.ApprovingUnitId!.Value].Code, units[early.ApprovingUnitId!.Value].Level));
        Assert.Equal("chuongtrinh@demo.childaid.example", users[early.DecidedById!]);
        var late = reviews.Single(r => r.Year == 2026 && r.Status == NeedsReviewStatus.Approved);
        Assert.Equal(("51", AdminUnitLevel.Province), (units[late.ApprovingUnitId!.Value].Code, units[late.ApprovingUnitId!.Value].Level));
        Assert.Equal("chuongtrinh.tinh@demo.childaid.example", users[late.DecidedById!]);
        Assert.False(string.IsNullOrWhiteSpace(reviews.Single(r => r.Status == NeedsReviewStatus.Returned).ReturnComment));
        var draft = reviews.Single(r => r.Status == NeedsReviewStatus.Draft);
        Assert.Equal(late.Id, draft.PreviousRevisionId);
        Assert.Subset(draft.Lines.Select(l => l.Key).ToHashSet(), late.Lines.Select(l => l.Key).ToHashSet());
        Assert.All(reviews.SelectMany(r => r.Lines), l => Assert.InRange(l.ComputedLevel, 1, 4));
        Assert.Contains(reviews.SelectMany(r => r.Lines), l => l.ComputedLevel <= 2 && l.PriorityReasons.Length > 0);
        Assert.Contains(late.Lines, l => l.LevelOverride is not null && l.OverrideReason is not null);

        var agencies = await db.DeclaredSupports.Select(d => d.Agency!.Name).Distinct().ToListAsync();
        Assert.Contains(agencies, a => a.StartsWith("Hội Chữ thập đỏ", StringComparison.Ordinal));
        Assert.Contains(agencies, a => a.StartsWith("Hội Liên hiệp Phụ nữ", StringComparison.Ordinal));
        Assert.True(await db.Children.CountAsync(c => c.Circumstances != CircumstanceGroups.None) > 100);
        Assert.True(await db.AdminUnits.AnyAsync(u => u.ColdHighland));
        Assert.True(await db.AdminUnits.AnyAsync(u => u.DisasterYear != null));
    }
}

public class DemoNeedsTestsOnSqlite() : DemoNeedsTests(DatabaseProvider.Sqlite);

public class DemoNeedsTestsOnPostgres() : DemoNeedsTests(DatabaseProvider.Postgres);
