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

    /// <summary>Roles whose work is at one organisation (a school, a health station): they read only records that name it.</summary>
    public static readonly IReadOnlyList<string> OrganisationBoundRoles = [Roles.SchoolStaff, Roles.HealthWorker];

    /// <summary>
    /// Null: not restricted by organisation (admins and every role not bound to one). For school staff and health
    /// workers, their organisation (none yet: nothing).
    /// </summary>
    public async Task<IReadOnlyCollection<int>?> OrganisationsForAsync(string userId, bool isAdmin, IEnumerable<string> roles, CancellationToken ct = default)
    {
        if (isAdmin || !roles.Any(OrganisationBoundRoles.Contains)) return null;
        var organisationId = await db.Users.Where(u => u.Id == userId).Select(u => u.OrganisationId).FirstOrDefaultAsync(ct);
        return organisationId is { } id ? [id] : [];
    }

    /// <summary>Narrows the context to what this staff member may read: their units, and their organisation if their role is bound to one.</summary>
    public async Task ApplyAsync(string userId, bool isAdmin, IEnumerable<string> roles, CancellationToken ct = default)
    {
        db.UnitScope = await UnitsForAsync(userId, isAdmin, ct);
        db.OrganisationScope = await OrganisationsForAsync(userId, isAdmin, roles, ct);
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
