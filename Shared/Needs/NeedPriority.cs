using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Needs;

/// <summary>
/// Gives need lines their computed level and reasons from the published criteria: the facts of each line's child and
/// place are read in a few batched queries, so the form, the import and a re-assessment after an admin changes the
/// weights all use this one path. Frozen (approved) lines are not the caller's to pass: their level is part of what was
/// approved.
/// </summary>
public class NeedPriority(ChildAidDbContext db)
{
    public async Task AssessAsync(IReadOnlyList<NeedLine> lines, int reviewYear, CancellationToken ct = default)
    {
        if (lines.Count == 0) return;
        await (await PrepareAsync(reviewYear, ct)).AssessAsync(lines, ct);
    }

    /// <summary>The criteria and scale read once, for assessing many batches of lines of one review (an import).</summary>
    public async Task<Assessor> PrepareAsync(int reviewYear, CancellationToken ct = default) =>
        new(db, await db.PriorityCriteria.AsNoTracking().ToListAsync(ct), await db.PriorityScales.AsNoTracking().SingleAsync(ct), reviewYear);

    /// <summary>
    /// Assesses batches of lines with the criteria it was made with. It remembers the places it has read (a unit and
    /// the units above it) and the result for each distinct set of facts, so a batch costs a few queries for its
    /// children and schools and little else.
    /// </summary>
    public sealed class Assessor(ChildAidDbContext db, List<PriorityCriterion> criteria, PriorityScale scale, int reviewYear)
    {
        private const int Chunk = 500;
        private readonly Dictionary<int, AdminUnits.AdminUnit> _units = [];
        private readonly Dictionary<PriorityFacts, (int Level, string Reasons)> _results = [];

        public async Task AssessAsync(IReadOnlyList<NeedLine> lines, CancellationToken ct = default)
        {
            var childIds = lines.Where(l => l.ChildId is not null).Select(l => l.ChildId!.Value).Distinct().ToList();
            var children = new Dictionary<int, (CircumstanceGroups Groups, DateOnly Birth, int UnitId)>();
            foreach (var ids in childIds.Chunk(Chunk))
                foreach (var c in await db.Children.AsNoTracking().Where(c => ids.Contains(c.Id))
                             .Select(c => new { c.Id, c.Circumstances, c.DateOfBirth, c.AdminUnitId }).ToListAsync(ct))
                    children[c.Id] = (c.Circumstances, c.DateOfBirth, c.AdminUnitId);

            var schoolIds = lines.Where(l => l.SchoolId is not null).Select(l => l.SchoolId!.Value).Distinct().ToList();
            var schoolUnits = new Dictionary<int, int>();
            foreach (var ids in schoolIds.Chunk(Chunk))
                foreach (var o in await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.AdminUnitId }).ToListAsync(ct))
                    schoolUnits[o.Id] = o.AdminUnitId;

            await LoadUnitsAsync(children.Values.Select(c => c.UnitId).Concat(schoolUnits.Values).Concat(lines.Select(l => l.AdminUnitId)), ct);

            foreach (var line in lines)
            {
                PriorityFacts facts;
                if (line.ChildId is { } childId && children.TryGetValue(childId, out var child))
                {
                    var place = Place(child.UnitId);
                    facts = new(child.Groups, PriorityAssessment.AgeOn(child.Birth, line.PeriodStart), place.Cold, place.Disaster, reviewYear);
                }
                else
                {
                    var place = Place(line.SchoolId is { } s && schoolUnits.TryGetValue(s, out var su) ? su : line.AdminUnitId);
                    facts = new(CircumstanceGroups.None, null, place.Cold, place.Disaster, reviewYear);
                }
                if (!_results.TryGetValue(facts, out var result))
                {
                    var assessed = PriorityAssessment.Assess(facts, criteria, scale);
                    _results[facts] = result = (assessed.Level, PriorityScale.FormatReasons(assessed.Fired));
                }
                line.ComputedLevel = result.Level;
                line.PriorityReasons = result.Reasons;
            }
        }

        /// <summary>Reads the units not read yet, and the units above them, a level at a time.</summary>
        private async Task LoadUnitsAsync(IEnumerable<int> unitIds, CancellationToken ct)
        {
            var wanted = unitIds.Where(id => !_units.ContainsKey(id)).Distinct().ToList();
            while (wanted.Count > 0)
            {
                var parents = new List<int>();
                foreach (var ids in wanted.Chunk(Chunk))
                    foreach (var u in await db.AdminUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct))
                    {
                        _units[u.Id] = u;
                        if (u.ParentId is { } p && !_units.ContainsKey(p)) parents.Add(p);
                    }
                wanted = parents.Distinct().Where(id => !_units.ContainsKey(id)).ToList();
            }
        }

        // Conditions of a place: its own, or else those of the unit above it (a village inherits its commune's highland zone).
        private (bool Cold, int? Disaster) Place(int unitId)
        {
            var cold = false;
            int? disaster = null;
            for (var u = _units.GetValueOrDefault(unitId); u is not null; u = u.ParentId is { } p ? _units.GetValueOrDefault(p) : null)
            {
                cold |= u.ColdHighland;
                if (u.DisasterYear is { } y && (disaster is null || y > disaster)) disaster = y;
            }
            return (cold, disaster);
        }
    }
}
