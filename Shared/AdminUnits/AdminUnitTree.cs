namespace ChildAid.Shared.AdminUnits;

/// <summary>
/// The whole unit table in memory (it holds a few hundred rows) with the two questions every feature asks:
/// which units does a unit cover (for staff scope), and which unit in force at a date carries a record
/// made under an older unit (for totals along the hierarchy of that date).
/// </summary>
public class AdminUnitTree
{
    private readonly Dictionary<int, AdminUnit> _byId;
    private readonly ILookup<int, AdminUnit> _children;
    private readonly ILookup<int, AdminUnit> _predecessors;

    public AdminUnitTree(IEnumerable<AdminUnit> units)
    {
        _byId = units.ToDictionary(u => u.Id);
        _children = _byId.Values.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value);
        _predecessors = _byId.Values.Where(u => u.MergedIntoId is not null && u.MergedIntoId != u.Id)
            .ToLookup(u => u.MergedIntoId!.Value);
    }

    public AdminUnit this[int id] => _byId[id];

    public IEnumerable<AdminUnit> All => _byId.Values;

    /// <summary>
    /// Every unit whose records a person assigned to <paramref name="unitIds"/> may act on: the units themselves,
    /// everything below them, and every unit that was merged into one of them (with what was below it).
    /// </summary>
    public HashSet<int> Covered(IEnumerable<int> unitIds)
    {
        var covered = new HashSet<int>();
        var queue = new Queue<int>(unitIds.Where(_byId.ContainsKey));
        while (queue.TryDequeue(out var id))
        {
            if (!covered.Add(id)) continue;
            foreach (var child in _children[id]) queue.Enqueue(child.Id);
            foreach (var predecessor in _predecessors[id]) queue.Enqueue(predecessor.Id);
        }
        return covered;
    }

    /// <summary>The unit in force on <paramref name="date"/> that carries on <paramref name="unitId"/>, following mergers.</summary>
    public AdminUnit InForceOn(int unitId, DateOnly date)
    {
        var unit = _byId[unitId];
        var guard = 0;
        while (unit.ValidTo is not null && unit.ValidTo < date && unit.MergedIntoId is { } next && guard++ < 20)
            unit = _byId[next];
        return unit;
    }

    /// <summary>The unit of <paramref name="level"/> above (or equal to) <paramref name="unitId"/> in the hierarchy in force on <paramref name="date"/>.</summary>
    public AdminUnit? Ancestor(int unitId, AdminUnitLevel level, DateOnly date)
    {
        AdminUnit? unit = InForceOn(unitId, date);
        while (unit is not null && unit.Level > level)
            unit = unit.ParentId is { } p ? InForceOn(p, date) : null;
        return unit?.Level == level ? unit : null;
    }

    public IEnumerable<AdminUnit> ValidOn(DateOnly date) => _byId.Values.Where(u => u.IsValidOn(date));
}
