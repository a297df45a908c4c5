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
        var criteria = await db.PriorityCriteria.AsNoTracking().ToListAsync(ct);
        var scale = await db.PriorityScales.AsNoTracking().SingleAsync(ct);

        var childIds = lines.Where(l => l.ChildId is not null).Select(l => l.ChildId!.Value).Distinct().ToList();
        var children = new Dictionary<int, (CircumstanceGroups Groups, DateOnly Birth, int UnitId)>();
        foreach (var ids in childIds.Chunk(500))
            foreach (var c in await db.Children.AsNoTracking().Where(c => ids.Contains(c.Id))
                         .Select(c => new { c.Id, c.Circumstances, c.DateOfBirth, c.AdminUnitId }).ToListAsync(ct))
                children[c.Id] = (c.Circumstances, c.DateOfBirth, c.AdminUnitId);

        var schoolIds = lines.Where(l => l.SchoolId is not null).Select(l => l.SchoolId!.Value).Distinct().ToList();
        var schoolUnits = await db.Organisations.AsNoTracking().Where(o => schoolIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.AdminUnitId, ct);

        // Conditions of a place: its own, or else those of the unit above it (a village inherits its commune's highland zone).
        var units = await db.AdminUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        (bool Cold, int? Disaster) Place(int unitId)
        {
            var cold = false;
            int? disaster = null;
            for (var u = units.GetValueOrDefault(unitId); u is not null; u = u.ParentId is { } p ? units.GetValueOrDefault(p) : null)
            {
                cold |= u.ColdHighland;
                if (u.DisasterYear is { } y && (disaster is null || y > disaster)) disaster = y;
            }
            return (cold, disaster);
        }

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
            var result = PriorityAssessment.Assess(facts, criteria, scale);
            line.ComputedLevel = result.Level;
            line.PriorityReasons = PriorityScale.FormatReasons(result.Fired);
        }
    }
}
