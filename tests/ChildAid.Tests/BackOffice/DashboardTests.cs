using System.Text.RegularExpressions;
using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Security;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.BackOffice;

/// <summary>Totals along the administrative map of a chosen date: the 2025 reform as Ia Dom and Ia Tơi lived it.</summary>
public abstract partial class DashboardTests(DatabaseProvider provider) : BackOfficeTest(provider)
{
    [GeneratedRegex(" data-label=\"[^\"]*\"")]
    private static partial Regex Labels();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [Fact]
    public async Task Commune_totals_follow_the_map_in_force_on_the_chosen_date()
    {
        var eve = new DateOnly(2025, 6, 30);
        var reform = new DateOnly(2025, 7, 1);
        await using var sp = Db.Services();
        int quangNgai, oldIaDom, oldIaToi, newIaToi;
        await using (var scope = Scope(sp))
        {
            var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
            var qn = new AdminUnit { Level = AdminUnitLevel.Province, Code = "51", Name = "Tỉnh Quảng Ngãi", ValidFrom = reform };
            var kt = new AdminUnit { Level = AdminUnitLevel.Province, Code = "62", Name = "Tỉnh Kon Tum", ValidTo = eve, MergedInto = qn };
            var district = new AdminUnit { Level = AdminUnitLevel.District, Code = "618", Name = "Huyện Ia H' Drai", Parent = kt, ValidTo = eve };
            var toi = new AdminUnit { Level = AdminUnitLevel.Commune, Code = "23538", Name = "Xã Ia Tơi", Parent = qn, ValidFrom = reform };
            var dom = new AdminUnit { Level = AdminUnitLevel.Commune, Code = "23537", Name = "Xã Ia Dom", Parent = district, ValidTo = eve, MergedInto = toi };
            var toiOld = new AdminUnit { Level = AdminUnitLevel.Commune, Code = "23538", Name = "Xã Ia Tơi", Parent = district, ValidTo = eve, MergedInto = toi };
            db.AdminUnits.AddRange(qn, kt, district, toi, dom, toiOld);
            await db.SaveChangesAsync();
            (quangNgai, oldIaDom, oldIaToi, newIaToi) = (qn.Id, dom.Id, toiOld.Id, toi.Id);

            var donor = await TestData.DonorAsync(db, newIaToi);
            var gifts = scope.ServiceProvider.GetRequiredService<ContributionService>();
            foreach (var (unit, amount, on) in new[] { (oldIaDom, 1_000_000L, new DateOnly(2025, 3, 10)), (oldIaToi, 2_000_000L, new DateOnly(2025, 5, 1)), (newIaToi, 4_000_000L, new DateOnly(2025, 9, 1)) })
            {
                var input = TestData.Cash(donor.Id, unit, amount);
                input.ReceivedOn = on;
                Assert.True((await gifts.RecordAsync(input)).Succeeded);
            }
        }
        await StaffAsync("chuongtrinh", [Roles.ProgrammeOfficer], quangNgai);
        var client = await LogInAsync("chuongtrinh");

        // Cells carry their column header as data-label (stacked rows on a phone); compare the table itself.
        var before = Labels().Replace(Spaces().Replace(await client.GetPageAsync("/?AsOf=30/06/2025"), " "), "");
        var after = Labels().Replace(Spaces().Replace(await client.GetPageAsync("/"), " "), "");

        Assert.Contains("<th scope=\"row\">Xã Ia Dom</th><td>Tỉnh Kon Tum</td><td class=\"money\">1</td><td class=\"money\">1.000.000 ₫</td>", before);
        Assert.Contains("<th scope=\"row\">Xã Ia Tơi</th><td>Tỉnh Kon Tum</td><td class=\"money\">1</td><td class=\"money\">2.000.000 ₫</td>", before);
        Assert.Contains("<th scope=\"row\">Xã Ia Tơi</th><td>Tỉnh Quảng Ngãi</td><td class=\"money\">3</td><td class=\"money\">7.000.000 ₫</td>", after);
        Assert.DoesNotContain("Xã Ia Dom</th>", after);
    }
}

public class DashboardTestsOnSqlite() : DashboardTests(DatabaseProvider.Sqlite);

public class DashboardTestsOnPostgres() : DashboardTests(DatabaseProvider.Postgres);
