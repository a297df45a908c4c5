using System.Globalization;
using System.Text;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Text;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Shared.Demo;

/// <summary>
/// The child registry's demo: a synthetic possible duplicate (the first pupil of the demo class entered a second time
/// without diacritics, four days off, no school — as from a phone without a Vietnamese keyboard) and a child whose date
/// of birth is only an estimated year, both in that pupil's village; and the class's second pupil entered again by a
/// neighbouring village of the same commune (same name, sex and date of birth, no school: a family that moved), the
/// duplicates page's pair of two places. Idempotent by name.
/// </summary>
public static class DemoRegistry
{
    public const int ChildCount = 3;
    public const string EstimatedName = "Ksor H'Lim";

    public static async Task<int> SeedAsync(ChildAidDbContext db, CancellationToken ct = default)
    {
        var school = await db.Organisations.FirstOrDefaultAsync(o => o.Name == DemoCheckups.SchoolName, ct);
        if (school is null) return 0;
        var pupil = await db.Children.IgnoreQueryFilters().Where(c => c.IsDemo && c.SchoolId == school.Id && c.ClassName == DemoCheckups.ClassName)
            .OrderBy(c => c.Id).FirstOrDefaultAsync(c => true, ct);
        if (pupil is null) return 0;
        var names = (await db.Children.IgnoreQueryFilters().Where(c => c.IsDemo && c.SchoolId == null).Select(c => c.FullName).ToListAsync(ct)).ToHashSet();
        var added = 0;
        var duplicate = WithoutDiacritics(pupil.FullName);
        if (!names.Contains(duplicate))
        {
            db.Children.Add(new Child
            {
                FullName = duplicate, SearchText = TextFolding.Fold(duplicate), DateOfBirth = pupil.DateOfBirth.AddDays(4), Sex = pupil.Sex,
                EthnicGroup = pupil.EthnicGroup, AdminUnitId = pupil.AdminUnitId, GuardianName = pupil.GuardianName, IsDemo = true,
            });
            added++;
        }
        if (!names.Contains(EstimatedName))
        {
            db.Children.Add(new Child
            {
                FullName = EstimatedName, SearchText = TextFolding.Fold(EstimatedName), DateOfBirth = ChildService.FromBirthYear(2019), DateOfBirthEstimated = true,
                Sex = Sex.Female, EthnicGroup = "Gia Rai", AdminUnitId = pupil.AdminUnitId, GuardianName = "Ksor Y Blih", IsDemo = true,
                // Her father, reachable by phone (a made-up number of the demo), and her own consent from age 7.
                GuardianRelation = GuardianRelation.Father, GuardianPhone = "0900000007", ChildConsentOn = new DateOnly(2026, 9, 5),
            });
            added++;
        }
        var second = await db.Children.IgnoreQueryFilters().Where(c => c.IsDemo && c.SchoolId == school.Id && c.ClassName == DemoCheckups.ClassName)
            .OrderBy(c => c.Id).Skip(1).FirstOrDefaultAsync(c => true, ct);
        var village = second is null ? null : await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == second.AdminUnitId, ct);
        var neighbour = village is null ? null : await db.AdminUnits.AsNoTracking()
            .Where(u => u.ParentId != null && u.ParentId == village.ParentId && u.Level == village.Level && u.Id != village.Id).OrderBy(u => u.Id).FirstOrDefaultAsync(ct);
        if (second is not null && neighbour is not null
            && !await db.Children.IgnoreQueryFilters().AnyAsync(c => c.IsDemo && c.AdminUnitId == neighbour.Id && c.FullName == second.FullName && c.DateOfBirth == second.DateOfBirth, ct))
        {
            db.Children.Add(new Child
            {
                FullName = second.FullName, SearchText = second.SearchText, DateOfBirth = second.DateOfBirth, Sex = second.Sex,
                EthnicGroup = second.EthnicGroup, AdminUnitId = neighbour.Id, GuardianName = second.GuardianName, IsDemo = true,
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>"Rơ Châm H'Nhi" → "Ro Cham H'Nhi": letters as typed without a Vietnamese keyboard, capitals kept.</summary>
    public static string WithoutDiacritics(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
