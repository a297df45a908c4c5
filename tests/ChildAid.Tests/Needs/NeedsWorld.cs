using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Audit;
using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Needs;

/// <summary>A staff member of the needs tests: id, and the units they are assigned to (null: admin, every unit).</summary>
public sealed record Person(string Id, string UserName, int[]? Units);

/// <summary>
/// The map of the needs tests, as the reform changed it: Kon Tum province and Ia H'Drai district until 30/6/2025, then
/// Quảng Ngãi province directly above the communes Ia Đal and Ia Tơi (rows before and after), a village in each, a school
/// in each, a child in each.
/// </summary>
public sealed class NeedsWorld
{
    public static readonly DateOnly Reform = new(2025, 7, 1);
    public int KonTum, QuangNgai, District, IaDalOld, IaDal, IaToi, VillageIaDal, VillageIaDalOld, VillageIaToi, SchoolIaDal, SchoolIaToi, ChildIaDal, ChildIaToi, ChildIaDalOld;

    public static async Task<NeedsWorld> CreateAsync(ChildAidDbContext db)
    {
        var w = new NeedsWorld();
        var before = new DateOnly(2025, 6, 30);
        var quangNgai = Unit(db, AdminUnitLevel.Province, "51", "Tỉnh Quảng Ngãi", null, Reform, null);
        await db.SaveChangesAsync();
        var konTum = Unit(db, AdminUnitLevel.Province, "62", "Tỉnh Kon Tum", null, null, before, quangNgai.Id);
        await db.SaveChangesAsync();
        var district = Unit(db, AdminUnitLevel.District, "618", "Huyện Ia H'Drai", konTum.Id, new DateOnly(2015, 3, 11), before);
        var iaDal = Unit(db, AdminUnitLevel.Commune, "23535", "Xã Ia Đal", quangNgai.Id, Reform, null);
        var iaToi = Unit(db, AdminUnitLevel.Commune, "23538", "Xã Ia Tơi", quangNgai.Id, Reform, null);
        await db.SaveChangesAsync();
        var iaDalOld = Unit(db, AdminUnitLevel.Commune, "23535", "Xã Ia Đal", district.Id, new DateOnly(2015, 3, 11), before, iaDal.Id);
        var iaToiOld = Unit(db, AdminUnitLevel.Commune, "23538", "Xã Ia Tơi", district.Id, new DateOnly(2015, 3, 11), before, iaToi.Id);
        var villageDal = Unit(db, AdminUnitLevel.Village, "23535-01", "Thôn 1", iaDal.Id, Reform, null);
        var villageToi = Unit(db, AdminUnitLevel.Village, "23538-01", "Thôn 1", iaToi.Id, Reform, null);
        await db.SaveChangesAsync();
        var villageDalOld = Unit(db, AdminUnitLevel.Village, "23535-01", "Thôn 1", iaDalOld.Id, new DateOnly(2015, 3, 11), before, villageDal.Id);
        var schoolDal = new Organisation { Name = "Trường TH-THCS Ia Đal", Type = OrganisationType.School, SchoolLevel = SchoolLevel.Primary, AdminUnitId = iaDal.Id };
        var schoolToi = new Organisation { Name = "Trường TH-THCS Ia Tơi", Type = OrganisationType.School, SchoolLevel = SchoolLevel.Primary, AdminUnitId = iaToi.Id };
        db.Organisations.AddRange(schoolDal, schoolToi);
        await db.SaveChangesAsync();
        var childDal = Child(db, "Rơ Châm H'Nhi", new DateOnly(2018, 4, 2), villageDal.Id, schoolDal.Id, CircumstanceGroups.PoorHousehold);
        var childToi = Child(db, "A Dũng", new DateOnly(2016, 1, 20), villageToi.Id, schoolToi.Id, CircumstanceGroups.OrphanBothParents);
        var childDalOld = Child(db, "Siu Thị Hoa", new DateOnly(2017, 9, 9), villageDalOld.Id, null, CircumstanceGroups.Disability);
        await db.SaveChangesAsync();
        _ = iaToiOld;
        w.ChildIaDalOld = childDalOld.Id;
        w.KonTum = konTum.Id; w.QuangNgai = quangNgai.Id; w.District = district.Id; w.IaDalOld = iaDalOld.Id; w.IaDal = iaDal.Id; w.IaToi = iaToi.Id;
        w.VillageIaDal = villageDal.Id; w.VillageIaDalOld = villageDalOld.Id; w.VillageIaToi = villageToi.Id;
        w.SchoolIaDal = schoolDal.Id; w.SchoolIaToi = schoolToi.Id; w.ChildIaDal = childDal.Id; w.ChildIaToi = childToi.Id;
        return w;
    }

    private static AdminUnit Unit(ChildAidDbContext db, AdminUnitLevel level, string code, string name, int? parent, DateOnly? from, DateOnly? to, int? mergedInto = null)
    {
        var unit = new AdminUnit { Level = level, Code = code, Name = name, ParentId = parent, ValidFrom = from, ValidTo = to, MergedIntoId = mergedInto };
        db.AdminUnits.Add(unit);
        return unit;
    }

    public static Child Child(ChildAidDbContext db, string name, DateOnly born, int unitId, int? schoolId, CircumstanceGroups groups)
    {
        var child = new Child { FullName = name, SearchText = ChildAid.Shared.Text.TextFolding.Fold(name), DateOfBirth = born, Sex = Sex.Female, AdminUnitId = unitId, SchoolId = schoolId, Circumstances = groups };
        db.Children.Add(child);
        return child;
    }

    /// <summary>A staff account with roles and units, written straight to the tables (as an admin's form would leave them).</summary>
    public static async Task<Person> PersonAsync(ChildAidDbContext db, string userName, string[] roles, params int[] units)
    {
        foreach (var role in roles)
            if (!await db.Roles.AnyAsync(r => r.Name == role))
                db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        var user = new StaffUser { UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), FullName = $"Cán bộ {userName}" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        foreach (var role in roles)
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = (await db.Roles.SingleAsync(r => r.Name == role)).Id });
        db.StaffUserUnits.AddRange(units.Select(u => new StaffUserUnit { UserId = user.Id, AdminUnitId = u }));
        await db.SaveChangesAsync();
        return new Person(user.Id, userName, roles.Contains(Roles.Admin) ? null : units);
    }

    public static NeedLineInput ChildLine(int childId, DateOnly start, DateOnly end, int itemId = 16, int quantity = 1, SizeBand? band = null) => new()
    {
        Target = NeedTarget.Child, ChildId = childId, NeedItemId = itemId, Quantity = quantity, SizeBand = band, PeriodStart = start, PeriodEnd = end,
    };
}

/// <summary>Runs the needs services as a given person (their unit scope applied) on a pinned clock.</summary>
public abstract class NeedsServiceTest(DatabaseProvider provider) : DatabaseTest(provider)
{
    protected PinnedClock Clock { get; } = new() { Now = new DateTimeOffset(2026, 10, 5, 3, 0, 0, TimeSpan.Zero) };
    protected NeedsWorld W { get; private set; } = null!;
    private ServiceProvider _sp = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _sp = Db.Services(s => s.AddSingleton<TimeProvider>(Clock));
        await using var db = Db.NewContext();
        W = await NeedsWorld.CreateAsync(db);
    }

    public override async Task DisposeAsync()
    {
        await _sp.DisposeAsync();
        await base.DisposeAsync();
    }

    protected async Task<Person> PersonAsync(string userName, string[] roles, params int[] units)
    {
        await using var db = Db.NewContext();
        return await NeedsWorld.PersonAsync(db, userName, roles, units);
    }

    protected async Task<T> AsAsync<T>(Person person, Func<NeedsReviewService, ChildAidDbContext, Task<T>> act)
    {
        await using var scope = _sp.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
        actor.UserId = person.Id;
        actor.Name = person.UserName;
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        db.UnitScope = person.Units is null ? null : new AdminUnitTree(await db.AdminUnits.AsNoTracking().ToListAsync()).Covered(person.Units);
        return await act(scope.ServiceProvider.GetRequiredService<NeedsReviewService>(), db);
    }

    protected Task<T> AsAsync<T>(Person person, Func<NeedsReviewService, Task<T>> act) => AsAsync(person, (s, _) => act(s));

    protected void At(int year, int month, int day) => Clock.Now = new DateTimeOffset(year, month, day, 3, 0, 0, TimeSpan.Zero);

    protected static T Ok<T>(Shared.Validation.Outcome<T> outcome)
    {
        Assert.True(outcome.Succeeded, string.Join(" | ", outcome.Errors.Select(e => $"{e.Key}: {e.Value}")));
        return outcome.Value!;
    }
}

/// <summary>A clock a test sets to any day, backwards too (the workflow crosses 1 July 2025 in both directions).</summary>
public sealed class PinnedClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }
    public override DateTimeOffset GetUtcNow() => Now;
}
