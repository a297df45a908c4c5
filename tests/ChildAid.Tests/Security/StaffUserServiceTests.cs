using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Security;

public abstract class StaffUserServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task Staff_account_is_created_with_roles_and_units_or_refused_field_by_field_in_Vietnamese()
    {
        await using var sp = Db.Services(s => s.AddStaffIdentityCore());
        await using var scope = Scope(sp, "create-admin");
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var service = scope.ServiceProvider.GetRequiredService<StaffUserService>();
        var unit = await TestData.UnitAsync(db);

        var created = await service.CreateAsync(new StaffUserInput
        {
            UserName = "xa-iadal", FullName = "Kpă Thị Hoa", Password = "Mat-khau-2026", Roles = [Roles.CommuneOfficer], UnitIds = [unit.Id],
        });
        var duplicate = await service.CreateAsync(new StaffUserInput
        {
            UserName = "xa-iadal", FullName = "Người khác", Password = "Mat-khau-2026", Roles = [Roles.CommuneOfficer], UnitIds = [unit.Id],
        });
        var weak = await service.CreateAsync(new StaffUserInput { UserName = "yeu", FullName = "Yếu", Password = "abc", Roles = [Roles.Admin] });
        var noUnit = await service.CreateAsync(new StaffUserInput { UserName = "khong", FullName = "Không", Password = "Mat-khau-2026", Roles = [Roles.Accountant] });

        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Values));
        Assert.Equal("Tên đăng nhập 'xa-iadal' đã được dùng.", duplicate.Errors[nameof(StaffUserInput.UserName)]);
        Assert.Contains("ít nhất 10 ký tự", weak.Errors[nameof(StaffUserInput.Password)]);
        Assert.Contains(nameof(StaffUserInput.UnitIds), noUnit.Errors.Keys);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync("xa-iadal");
        Assert.Equal([Roles.CommuneOfficer], await users.GetRolesAsync(user!));
        Assert.Equal(unit.Id, (await db.StaffUserUnits.SingleAsync()).AdminUnitId);
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(StaffUserUnit) && a.Actor == "create-admin"));
    }

    [Fact]
    public async Task Officer_of_the_merged_commune_covers_the_records_of_the_commune_merged_into_it()
    {
        await using var sp = Db.Services(s => { s.AddStaffIdentityCore(); s.AddMemoryCache(); s.AddScoped<StaffScope>(); });
        await using var scope = Scope(sp);
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var newIaToi = await TestData.UnitAsync(db, "Xã Ia Tơi", "23538");
        var village = await TestData.UnitAsync(db, "Thôn 2 (demo)", "D2", newIaToi.Id, AdminUnitLevel.Village);
        var oldIaDom = await TestData.UnitAsync(db, "Xã Ia Dom", "23537");
        oldIaDom.ValidTo = new DateOnly(2025, 6, 30);
        oldIaDom.MergedIntoId = newIaToi.Id;
        var iaDal = await TestData.UnitAsync(db, "Xã Ia Đal", "23535");
        await db.SaveChangesAsync();
        var officer = (await scope.ServiceProvider.GetRequiredService<StaffUserService>().CreateAsync(new StaffUserInput
        {
            UserName = "xa-iatoi", FullName = "Siu Minh", Password = "Mat-khau-2026", Roles = [Roles.CommuneOfficer], UnitIds = [newIaToi.Id],
        })).Value!;
        var staffScope = scope.ServiceProvider.GetRequiredService<StaffScope>();

        var covered = await staffScope.UnitsForAsync(officer.Id, isAdmin: false);
        var admin = await staffScope.UnitsForAsync(officer.Id, isAdmin: true);
        var nobody = await staffScope.UnitsForAsync("no-such-user", isAdmin: false);

        Assert.Equal(new[] { newIaToi.Id, village.Id, oldIaDom.Id }.Order(), covered!.Order());
        Assert.DoesNotContain(iaDal.Id, covered!);
        Assert.Null(admin);
        Assert.Empty(nobody!);
    }
}

public class StaffUserServiceTestsOnSqlite() : StaffUserServiceTests(DatabaseProvider.Sqlite);

public class StaffUserServiceTestsOnPostgres() : StaffUserServiceTests(DatabaseProvider.Postgres);
