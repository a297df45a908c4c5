using System.Text.Json;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Data;
using ChildAid.Shared.Interventions;
using ChildAid.Shared.Time;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.PublicNutrition;

/// <summary>
/// Builds <see cref="PublicNutritionRow"/>s for every intervention: the public's only view of nutrition work.
/// <para>
/// Small cells: each intervention's children are counted by school — the children enrolled (with the meals served at
/// that school) and, separately, the children measured at both the baseline and the endline (with the prevalence of
/// stunting, underweight, wasting/thinness and overweight before and after). A school of fewer than
/// <see cref="MinimumChildren"/> children is merged with the intervention's other small schools (and the children
/// without one) into "other sites"; if that is still too small it is one "&lt; 10" row with every figure left out. So
/// every figure belongs to a row of ten children or more, and an intervention's total on the page is the sum of its
/// published rows: subtracting one figure from another only gives sums of published rows.
/// </para>
/// <para>
/// Over time: the evaluation is published only once the intervention's period has ended, so it does not change child by
/// child as endline measurements are typed in (comparing two snapshots would tell one child's result). Reach and meals
/// are counts that say nothing about a child's health, and follow the data at each refresh.
/// </para>
/// </summary>
public sealed class PublicNutritionProjection(ChildAidDbContext db, TimeProvider clock)
{
    public const int MinimumChildren = 10;

    /// <summary>An enrolled child (the id only to count each once) and the school they attend.</summary>
    public sealed record Enrolment(int ChildId, int? SchoolId);

    /// <summary>The meals of one intervention at one school: summed over its meal days.</summary>
    public sealed record SchoolMeals(int SchoolId, long Meals, int Days, long CostVnd);

    public sealed class Cell(int? schoolId)
    {
        public int? SchoolId { get; } = schoolId;
        public HashSet<int> Children { get; } = [];
        public List<PairedVisit> Pairs { get; } = [];
        public long Meals, CostVnd;
        public int MealDays;

        public int Count => Math.Max(Children.Count, Pairs.Count);

        public void Add(Cell other)
        {
            Children.UnionWith(other.Children);
            Pairs.AddRange(other.Pairs);
            Meals += other.Meals;
            MealDays += other.MealDays;
            CostVnd += other.CostVnd;
        }
    }

    /// <summary>The reach cells of one intervention: enrolled children and meals by school, small schools merged. Pure.</summary>
    public static IReadOnlyList<Cell> ReachCells(IEnumerable<Enrolment> children, IEnumerable<SchoolMeals> meals)
    {
        var bySchool = new Dictionary<int, Cell>();
        var other = new Cell(null);
        Cell At(int? school) => school is { } s ? bySchool.TryGetValue(s, out var c) ? c : bySchool[s] = new Cell(s) : other;
        foreach (var e in children) At(e.SchoolId).Children.Add(e.ChildId);
        foreach (var m in meals)
        {
            var cell = At(m.SchoolId);
            cell.Meals += m.Meals;
            cell.MealDays += m.Days;
            cell.CostVnd += m.CostVnd;
        }
        return Merge(bySchool.Values, other);
    }

    /// <summary>The evaluation cells of one intervention: children measured at both visits, by school, small ones merged. Pure.</summary>
    public static IReadOnlyList<Cell> EvaluationCells(IEnumerable<PairedVisit> pairs)
    {
        var bySchool = new Dictionary<int, Cell>();
        var other = new Cell(null);
        foreach (var p in pairs)
            (p.SchoolId is { } s ? bySchool.TryGetValue(s, out var c) ? c : bySchool[s] = new Cell(s) : other).Pairs.Add(p);
        return Merge(bySchool.Values, other);
    }

    private static List<Cell> Merge(IEnumerable<Cell> schools, Cell other)
    {
        var cells = new List<Cell>();
        foreach (var school in schools.OrderBy(c => c.SchoolId))
        {
            if (school.Count >= MinimumChildren) cells.Add(school);
            else other.Add(school);
        }
        if (other.Count > 0 || other.Meals > 0) cells.Add(other);
        return cells;
    }

    /// <summary>
    /// Recomputes every intervention's rows and replaces the table when anything differs (so the public data version, and
    /// every cached page, moves only on a real change). Returns the number of rows now published.
    /// </summary>
    public async Task<int> RefreshAsync(CancellationToken ct = default)
    {
        var rows = await BuildAsync(ct);
        var existing = await db.PublicNutritionRows.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        if (existing.Select(Signature).SequenceEqual(rows.Select(Signature))) return existing.Count;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.PublicNutritionRows.ExecuteDeleteAsync(ct);
        db.PublicNutritionRows.AddRange(rows);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>A row's figures without its id and time, to tell a real change from the same figures again.</summary>
    private static string Signature(PublicNutritionRow r)
    {
        var figures = JsonSerializer.SerializeToNode(r)!.AsObject();
        figures.Remove(nameof(PublicNutritionRow.Id));
        figures.Remove(nameof(PublicNutritionRow.RefreshedAt));
        return figures.ToJsonString();
    }

    private async Task<List<PublicNutritionRow>> BuildAsync(CancellationToken ct)
    {
        // The projection reads for the public, whoever runs it: not limited by a unit scope. Only aggregates leave here.
        var interventions = await db.Interventions.IgnoreQueryFilters().AsNoTracking().OrderBy(i => i.Id)
            .Select(i => new { i.Id, i.Name, i.Kind, i.StartsOn, i.EndsOn, i.AdminUnitId, HasSessions = i.BaselineSessionId != null && i.EndlineSessionId != null })
            .ToListAsync(ct);
        var enrolments = (await db.InterventionChildren.IgnoreQueryFilters().AsNoTracking()
                .Select(c => new { c.InterventionId, c.ChildId, c.Child!.SchoolId }).ToListAsync(ct))
            .ToLookup(c => c.InterventionId, c => new Enrolment(c.ChildId, c.SchoolId));
        var meals = (await db.MealDays.IgnoreQueryFilters().AsNoTracking()
                .GroupBy(m => new { m.InterventionId, m.SchoolId })
                .Select(g => new { g.Key.InterventionId, g.Key.SchoolId, Meals = g.Sum(m => (long)m.Meals), Days = g.Count(m => m.Meals > 0),
                    Cost = g.Sum(m => (long)m.Meals * m.CostPerMealVnd) })
                .ToListAsync(ct))
            .ToLookup(m => m.InterventionId, m => new SchoolMeals(m.SchoolId, m.Meals, m.Days, m.Cost));

        var today = clock.VietnamToday();
        var now = clock.GetUtcNow().UtcDateTime;
        var tree = new AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync(ct));
        var schools = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);

        var rows = new List<PublicNutritionRow>();
        foreach (var i in interventions)
        {
            var commune = tree.InForceOn(i.AdminUnitId, today);
            var province = tree.Ancestor(commune.Id, AdminUnitLevel.Province, today);
            PublicNutritionRow Row(PublicNutritionPart part, Cell c) => new()
            {
                InterventionId = i.Id, InterventionName = i.Name, Kind = i.Kind, StartsOn = i.StartsOn, EndsOn = i.EndsOn,
                CommuneId = commune.Id, CommuneCode = commune.Code, CommuneName = commune.Name, ProvinceName = province?.Name,
                Part = part, SchoolId = c.SchoolId, SchoolName = c.SchoolId is { } s ? schools.GetValueOrDefault(s) : null,
                Suppressed = c.Count < MinimumChildren, RefreshedAt = now,
            };

            foreach (var c in ReachCells(enrolments[i.Id], meals[i.Id]))
            {
                var row = Row(PublicNutritionPart.Reach, c);
                if (!row.Suppressed)
                {
                    row.ChildrenCount = c.Count;
                    row.MealsServed = c.Meals;
                    row.MealDays = c.MealDays;
                    row.MealCostVnd = c.CostVnd;
                }
                rows.Add(row);
            }

            if (!i.HasSessions || i.EndsOn >= today) continue;
            var pairs = await InterventionEvaluation.PairsAsync(db, i.Id, wholeProgramme: true, ct) ?? [];
            foreach (var c in EvaluationCells(pairs))
            {
                var row = Row(PublicNutritionPart.Evaluation, c);
                if (!row.Suppressed)
                {
                    row.ChildrenCount = c.Count;
                    var prevalence = InterventionEvaluation.Group(c.Pairs).Prevalences.ToDictionary(p => p.Condition);
                    (row.StuntingChildren, row.StuntingBefore, row.StuntingAfter) = Figures(prevalence[Condition.Stunting]);
                    (row.UnderweightChildren, row.UnderweightBefore, row.UnderweightAfter) = Figures(prevalence[Condition.Underweight]);
                    (row.WastingChildren, row.WastingBefore, row.WastingAfter) = Figures(prevalence[Condition.WastingOrThinness]);
                    (row.OverweightChildren, row.OverweightBefore, row.OverweightAfter) = Figures(prevalence[Condition.Overweight]);
                }
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>A condition's children, before and after; all null when fewer than ten children could be classified.</summary>
    private static (int?, int?, int?) Figures(PrevalenceChange p) =>
        p.Pairs >= MinimumChildren ? (p.Pairs, p.Before.Count, p.After.Count) : (null, null, null);
}
