using ChildAid.Shared.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Needs;

/// <summary>Where a commune's children and schools are: the commune itself and its villages.</summary>
public static class NeedsPlaces
{
    public static async Task<List<int>> UnitsOfCommuneAsync(ChildAidDbContext db, int communeId, CancellationToken ct = default)
    {
        var units = await db.AdminUnits.AsNoTracking().Where(u => u.ParentId == communeId).Select(u => u.Id).ToListAsync(ct);
        units.Add(communeId);
        return units;
    }
}
