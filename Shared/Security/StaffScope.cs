using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ChildAid.Shared.Security;

/// <summary>
/// Works out which administrative units a staff member may act on: the units assigned to them with everything
/// below them and everything merged into them (<see cref="AdminUnitTree.Covered"/>). Admins are unrestricted.
/// The unit tree is cached briefly: it changes a few times a decade, but a new unit should show up within a minute.
/// </summary>
public class StaffScope(ChildAidDbContext db, IMemoryCache cache)
{
    private const string TreeKey = "childaid:admin-unit-tree";
    public static readonly TimeSpan TreeLifetime = TimeSpan.FromSeconds(30);

    public async Task<AdminUnitTree> TreeAsync(CancellationToken ct = default) =>
        (await cache.GetOrCreateAsync(TreeKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TreeLifetime;
            return new AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync(ct));
        }))!;

    public void Forget() => cache.Remove(TreeKey);

    /// <summary>Null: every unit (admin). Otherwise the covered unit ids, possibly empty.</summary>
    public async Task<IReadOnlyCollection<int>?> UnitsForAsync(string userId, bool isAdmin, CancellationToken ct = default)
    {
        if (isAdmin) return null;
        var assigned = await db.StaffUserUnits.Where(u => u.UserId == userId).Select(u => u.AdminUnitId).ToListAsync(ct);
        if (assigned.Count == 0) return [];
        return (await TreeAsync(ct)).Covered(assigned);
    }

    /// <summary>The units the current context may act on, for pick lists: in force today first, then by level and name.</summary>
    public async Task<IReadOnlyList<AdminUnit>> SelectableUnitsAsync(DateOnly today, CancellationToken ct = default)
    {
        var tree = await TreeAsync(ct);
        var scope = db.UnitScope;
        return tree.All.Where(u => scope is null || scope.Contains(u.Id))
            .OrderByDescending(u => u.IsValidOn(today)).ThenBy(u => u.Level).ThenBy(u => u.Name, StringComparer.Create(Text.VietnameseFormat.Culture, false))
            .ToList();
    }

    public bool Covers(int unitId) => db.UnitScope is null || db.UnitScope.Contains(unitId);
}
