using System.Net;
using System.Text.Json;
using ChildAid.Shared.Checkups;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Growth;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.PublicNutrition;
using ChildAid.Tests.Checkups;
using ChildAid.Tests.Infrastructure;
using ChildAid.Tests.PublicSite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ChildAid.Tests.PublicNutrition;

/// <summary>The small-cell rules of <see cref="PublicNutritionProjection"/> on hand-made cells.</summary>
public class PublicNutritionCellTests
{
    private static PublicNutritionProjection.Enrolment[] Children(int school, int from, int count) =>
        Enumerable.Range(from, count).Select(id => new PublicNutritionProjection.Enrolment(id, school)).ToArray();

    [Fact]
    public void A_school_of_ten_children_is_its_own_row_and_smaller_ones_are_merged_into_other_sites()
    {
        var cells = PublicNutritionProjection.ReachCells([.. Children(1, 0, 10), .. Children(2, 100, 4), .. Children(3, 200, 6)],
            [new(1, 200, 20, 4_000_000), new(2, 80, 20, 1_600_000)]);

        Assert.Equal(2, cells.Count);
        Assert.Equal((1, 10, 200L), (cells[0].SchoolId, cells[0].Count, cells[0].Meals));
        // 4 + 6 children of schools 2 and 3 make one "other sites" row of ten: published, with school 2's meals.
        Assert.Equal(((int?)null, 10, 80L), (cells[1].SchoolId, cells[1].Count, cells[1].Meals));
    }

    [Fact]
    public void What_is_still_under_ten_after_merging_is_one_row_and_a_child_counts_once()
    {
        var cells = PublicNutritionProjection.ReachCells([.. Children(1, 0, 12), .. Children(2, 100, 3), new(100, 2), new(300, null)], []);

        Assert.Equal(2, cells.Count);
        Assert.Equal(12, cells[0].Count);
        Assert.Equal(((int?)null, 4), (cells[1].SchoolId, cells[1].Count));
        Assert.True(cells[1].Count < PublicNutritionProjection.MinimumChildren);
    }

    [Fact]
    public void The_evaluation_is_cut_by_the_children_measured_twice_not_by_those_enrolled()
    {
        var visit = new VisitScores(-1m, -2.5m, -0.5m, -0.5m, GrowthFlags.None, NutritionStatus.Stunting);
        PairedVisit Pair(int id, int school) => new(id, Sex.Female, 96, "", visit, visit) { SchoolId = school };
        var cells = PublicNutritionProjection.EvaluationCells([.. Enumerable.Range(0, 11).Select(i => Pair(i, 1)), .. Enumerable.Range(20, 9).Select(i => Pair(i, 2))]);

        Assert.Equal([(1, 11), (null, 9)], cells.Select(c => (c.SchoolId, c.Count)));
    }
}

/// <summary>
/// The projection on both databases, read through PublicSite as the public (and an attacker) would: a school of 14
/// enrolled children is published, a school of 3 in another commune is never named and its figures never appear, the
/// evaluation waits for the programme's end, and the database refuses a published row under ten children.
/// </summary>
public abstract class PublicNutritionTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static readonly DateOnly Baseline = new(2026, 9, 7);
    private CheckupWorld W = null!;
    private readonly List<string> _names = [];
    private int _intervention;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Db.NewContext();
        W = await CheckupWorld.CreateAsync(db);
        var own = new List<int> { W.OwnGirl, W.OwnBoy };
        var other = new List<int> { W.OtherChild };
        _names.AddRange(["Rơ Châm H'Nhi", "A Dũng", "Siu Thị Hoa"]);
        for (var i = 0; i < 14; i++)
        {
            var inOwn = i < 12;
            var name = $"Kpă Thị Lan Số{i}";
            _names.Add(name);
            var child = new Child
            {
                FullName = name, SearchText = Shared.Text.TextFolding.Fold(name), DateOfBirth = new DateOnly(2018, 3, 1 + i), Sex = i % 2 == 0 ? Sex.Female : Sex.Male,
                AdminUnitId = inOwn ? W.Own : W.Other, SchoolId = inOwn ? W.OwnSchool : W.OtherSchool, ClassName = "3A", HealthStationId = inOwn ? W.OwnStation : W.OtherStation,
            };
            db.Children.Add(child);
            await db.SaveChangesAsync();
            (inOwn ? own : other).Add(child.Id);
        }
        var baseline = new CheckupSession
        {
            HeldOn = Baseline, SiteId = W.OwnSchool, HealthStationId = W.OwnStation, AdminUnitId = W.Own, Team = "Y sĩ Hoa", CreatedBy = "test", CreatedAt = DateTime.UtcNow,
        };
        db.CheckupSessions.Add(baseline);
        await db.SaveChangesAsync();
        var intervention = new Intervention
        {
            Name = "Bữa trưa bán trú Ia Đal", Kind = InterventionKind.SchoolMeals, StartsOn = new DateOnly(2026, 9, 1), EndsOn = new DateOnly(2026, 11, 30),
            BudgetVnd = 50_000_000, AdminUnitId = W.Own, HealthStationId = W.OwnStation, CreatedBy = "test",
            BaselineSessionId = baseline.Id, EndlineSessionId = W.OwnSession,
            Sites = [new InterventionSite { OrganisationId = W.OwnSchool }, new InterventionSite { OrganisationId = W.OtherSchool }],
            Children = own.Concat(other).Select(c => new InterventionChild { ChildId = c }).ToList(),
        };
        db.Interventions.Add(intervention);
        await db.SaveChangesAsync();
        _intervention = intervention.Id;

        foreach (var (school, unit, meals) in new[] { (W.OwnSchool, W.Own, 14), (W.OtherSchool, W.Other, 3) })
        foreach (var day in new[] { new DateOnly(2026, 9, 8), new DateOnly(2026, 9, 9) })
            db.MealDays.Add(new MealDay
            {
                InterventionId = intervention.Id, SchoolId = school, AdminUnitId = unit, ServedOn = day, Meals = meals, CostPerMealVnd = 20_000,
                EnteredBy = "test", EnteredAt = DateTime.UtcNow,
            });

        // Both visits for every child; at the own school 6 of 14 are stunted before and 4 after. The other school's three
        // children are all stunted at both visits: an attacker who could isolate them would learn it.
        Measurement Visit(int session, int child, int unit, bool stunted) => new()
        {
            SessionId = session, ChildId = child, AdminUnitId = unit, WeightKg = 22m, LengthCm = 120m, Position = MeasuredPosition.Standing,
            WeightForAge = -1m, LengthForAge = stunted ? -2.4m : -1m, BmiForAge = 0m, Status = stunted ? NutritionStatus.Stunting : NutritionStatus.None,
            RecordedBy = "test", RecordedAt = DateTime.UtcNow,
        };
        var otherSession = new CheckupSession
        {
            HeldOn = Baseline, SiteId = W.OtherSchool, HealthStationId = W.OtherStation, AdminUnitId = W.Other, Team = "Y sĩ Hoa", CreatedBy = "test", CreatedAt = DateTime.UtcNow,
        };
        db.CheckupSessions.Add(otherSession);
        await db.SaveChangesAsync();
        foreach (var (child, i) in own.Select((c, i) => (c, i)))
        {
            db.Measurements.Add(Visit(baseline.Id, child, W.Own, i < 6));
            db.Measurements.Add(Visit(W.OwnSession, child, W.Own, i < 4));
        }
        // The other school's children were measured at the other commune's sessions, which are not the programme's:
        // the programme's baseline and endline are the own school's, so they are measured at both only if there.
        foreach (var child in other)
        {
            db.Measurements.Add(Visit(baseline.Id, child, W.Own, true));
            db.Measurements.Add(Visit(W.OwnSession, child, W.Own, true));
        }
        await db.SaveChangesAsync();
    }

    private async Task<int> RefreshAsync(DateTimeOffset now)
    {
        await using var db = Db.NewContext();
        return await new PublicNutritionProjection(db, new FakeTimeProvider(now)).RefreshAsync();
    }

    [Fact]
    public async Task The_public_reads_a_school_of_fourteen_and_never_the_three_children_of_the_small_school()
    {
        Assert.Equal(4, await RefreshAsync(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero)));
        await using (var db = Db.NewContext())
        {
            var rows = await db.PublicNutritionRows.OrderBy(r => r.Id).ToListAsync();
            var reach = rows.Where(r => r.Part == PublicNutritionPart.Reach).ToList();
            Assert.Equal((W.OwnSchool, 14, 28L, 2, 560_000L), (reach[0].SchoolId!.Value, reach[0].ChildrenCount!.Value, reach[0].MealsServed!.Value, reach[0].MealDays!.Value, reach[0].MealCostVnd!.Value));
            Assert.True(reach[1] is { Suppressed: true, SchoolId: null, SchoolName: null, ChildrenCount: null, MealsServed: null, MealCostVnd: null });
            var evaluation = rows.Where(r => r.Part == PublicNutritionPart.Evaluation).ToList();
            Assert.Equal((14, 14, 6, 4), (evaluation[0].ChildrenCount!.Value, evaluation[0].StuntingChildren!.Value, evaluation[0].StuntingBefore!.Value, evaluation[0].StuntingAfter!.Value));
            Assert.True(evaluation[1] is { Suppressed: true, StuntingBefore: null, StuntingChildren: null });
        }

        await using var site = new PublicSiteFactory(Db);
        var client = site.CreateClient();
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/dinh-duong"));
        var json = await client.GetStringAsync("/api/v1/nutrition");
        Assert.Contains("Bữa trưa bán trú Ia Đal", page);
        Assert.Contains("Trường TH Ia Đal", page);
        Assert.Contains("6/14 (42,9 %)", page);
        Assert.Contains("4/14 (28,6 %)", page);
        Assert.Contains("< 10", page);
        Assert.Contains(Shared.Text.VietnameseFormat.Vnd(560_000), page);
        using (var doc = JsonDocument.Parse(json))
            Assert.Equal(4, doc.RootElement.GetArrayLength());
        Assert.Contains("/api/v1/nutrition", await client.GetStringAsync("/openapi/v1.json"));

        // As an attacker: no child's name, no date of birth, no visit date, not the small school's name, and no figure
        // from which its three children's meals or status could be subtracted (the page's totals are sums of published rows).
        foreach (var text in new[] { page, json })
        {
            foreach (var name in _names) Assert.DoesNotContain(name, text);
            Assert.DoesNotContain("Trường TH Ia Tơi", text);
            Assert.DoesNotContain("07/09/2026", text);
            Assert.DoesNotContain("2026-09-07", text);
            Assert.DoesNotContain("2018", text);
            Assert.DoesNotContain(Shared.Text.VietnameseFormat.Vnd(680_000), text); // both schools' meals together
        }
    }

    [Fact]
    public async Task Before_the_programme_ends_only_its_reach_is_published_and_the_same_figures_are_not_written_again()
    {
        Assert.Equal(2, await RefreshAsync(new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero)));
        await using var db = Db.NewContext();
        Assert.DoesNotContain(await db.PublicNutritionRows.ToListAsync(), r => r.Part == PublicNutritionPart.Evaluation);
        var ids = await db.PublicNutritionRows.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        var version = await db.PublicDataVersions.Select(v => v.Version).SingleAsync();

        Assert.Equal(2, await RefreshAsync(new DateTimeOffset(2026, 11, 20, 4, 0, 0, TimeSpan.Zero)));
        Assert.Equal(ids, await db.PublicNutritionRows.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
        Assert.Equal(version, await db.PublicDataVersions.Select(v => v.Version).SingleAsync());

        // Fewer meals served change the figures: the rows are replaced, and cached pages follow.
        await db.MealDays.Where(m => m.SchoolId == W.OwnSchool).ExecuteUpdateAsync(m => m.SetProperty(x => x.Meals, 13));
        // The CLI verb does what BackOffice's hourly worker does (the real clock: the programme has ended, so four rows).
        var (code, output) = await Cli.CliRunner.RunAsync(Db, "publish-nutrition");
        Assert.True(code == 0, output);
        Assert.Contains("OK: 4 public nutrition row(s)", output);
        Assert.Equal(26, await db.PublicNutritionRows.Where(r => r.SchoolId == W.OwnSchool && r.Part == PublicNutritionPart.Reach).Select(r => r.MealsServed).SingleAsync());
        Assert.True(await db.PublicDataVersions.Select(v => v.Version).SingleAsync() > version);
    }

    [Fact]
    public async Task The_database_refuses_a_published_row_of_fewer_than_ten_children()
    {
        await using var db = Db.NewContext();
        PublicNutritionRow Row(bool suppressed, int? children, int? stuntingChildren = null) => new()
        {
            InterventionId = _intervention, InterventionName = "x", Kind = InterventionKind.SchoolMeals, CommuneId = W.Own, CommuneCode = "23535", CommuneName = "Xã Ia Đal",
            Part = PublicNutritionPart.Evaluation, Suppressed = suppressed, ChildrenCount = children, StuntingChildren = stuntingChildren,
            StuntingBefore = stuntingChildren is null ? null : 1, StuntingAfter = stuntingChildren is null ? null : 1,
        };
        foreach (var bad in new[] { Row(false, 9), Row(true, 12), Row(false, 12, stuntingChildren: 9) })
        {
            db.PublicNutritionRows.Add(bad);
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
        }
        db.PublicNutritionRows.Add(Row(false, 10, stuntingChildren: 10));
        await db.SaveChangesAsync();
    }
}

public class PublicNutritionTestsOnSqlite() : PublicNutritionTests(DatabaseProvider.Sqlite);

public class PublicNutritionTestsOnPostgres() : PublicNutritionTests(DatabaseProvider.Postgres);
