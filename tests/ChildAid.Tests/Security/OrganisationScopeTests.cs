using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Organisations;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Security;

/// <summary>Scope has an organisation dimension: a school's staff read their school's children, not the school next door's.</summary>
public abstract class OrganisationScopeTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task School_staff_read_only_their_schools_children_while_a_commune_officer_reads_the_whole_commune()
    {
        int commune;
        string teacher, officer;
        await using (var db = Db.NewContext())
        {
            commune = (await TestData.UnitAsync(db, "Xã Ia Đal", "23535")).Id;
            var ours = new Organisation { Name = "Trường TH Ia Đal", Type = OrganisationType.School, AdminUnitId = commune };
            var theirs = new Organisation { Name = "Trường MN Ia Đal", Type = OrganisationType.School, AdminUnitId = commune };
            db.Organisations.AddRange(ours, theirs);
            await db.SaveChangesAsync();
            db.Children.AddRange(
                new Child { FullName = "Rơ Mah Hiền", DateOfBirth = new(2018, 3, 1), Sex = Sex.Female, AdminUnitId = commune, SchoolId = ours.Id },
                new Child { FullName = "Siu Đức", DateOfBirth = new(2021, 5, 2), Sex = Sex.Male, AdminUnitId = commune, SchoolId = theirs.Id },
                new Child { FullName = "Ksor Lan", DateOfBirth = new(2023, 7, 3), Sex = Sex.Female, AdminUnitId = commune });
            var t = new StaffUser { UserName = "giaovien", OrganisationId = ours.Id };
            var o = new StaffUser { UserName = "canboxa" };
            db.Users.AddRange(t, o);
            await db.SaveChangesAsync();
            db.StaffUserUnits.AddRange(new StaffUserUnit { UserId = t.Id, AdminUnitId = commune }, new StaffUserUnit { UserId = o.Id, AdminUnitId = commune });
            await db.SaveChangesAsync();
            (teacher, officer) = (t.Id, o.Id);
        }
        await using var sp = Db.Services(s => { s.AddMemoryCache(); s.AddScoped<StaffScope>(); });

        async Task<List<string>> ChildrenSeenBy(string userId, string role)
        {
            await using var scope = Scope(sp);
            await scope.ServiceProvider.GetRequiredService<StaffScope>().ApplyAsync(userId, isAdmin: false, [role]);
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            return await db.Children.OrderBy(c => c.FullName).Select(c => c.FullName).ToListAsync();
        }

        Assert.Equal(["Rơ Mah Hiền"], await ChildrenSeenBy(teacher, Roles.SchoolStaff));
        Assert.Equal(["Ksor Lan", "Rơ Mah Hiền", "Siu Đức"], await ChildrenSeenBy(officer, Roles.CommuneOfficer));
        Assert.Empty(await ChildrenSeenBy(officer, Roles.HealthWorker));
    }
}

public class OrganisationScopeTestsOnSqlite() : OrganisationScopeTests(DatabaseProvider.Sqlite);

public class OrganisationScopeTestsOnPostgres() : OrganisationScopeTests(DatabaseProvider.Postgres);
