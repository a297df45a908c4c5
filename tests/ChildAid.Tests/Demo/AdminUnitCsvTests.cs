using ChildAid.Shared.AdminUnits;
using ChildAid.Shared.Data;
using ChildAid.Shared.Demo;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChildAid.Tests.Demo;

public abstract class AdminUnitCsvTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static List<AdminUnitRow> Rows(string csv) => AdminUnitCsv.Read(new StringReader(csv));

    [Fact]
    public async Task The_reference_units_load_with_their_history_and_roll_up_along_the_hierarchy_of_each_date()
    {
        var content = DemoContent.Locate();
        await using var db = Db.NewContext();
        var rows = new List<AdminUnitRow>();
        foreach (var file in new[] { content.ReferenceAdminUnits, content.ReferenceAdminUnitsSupplement })
            rows.AddRange(AdminUnitCsv.Read(new StreamReader(file), Path.GetFileName(file)));

        var result = await AdminUnitCsv.ImportAsync(db, rows, isDemo: false);
        var again = await AdminUnitCsv.ImportAsync(db, rows, isDemo: false);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(12, result.Added);
        Assert.Equal(0, again.Added);
        var units = await db.AdminUnits.AsNoTracking().ToListAsync();
        var tree = new AdminUnitTree(units);
        var iaDom = units.Single(u => u.Code == "23537" && u.ValidFrom == new DateOnly(2015, 3, 11));
        Assert.Equal("Huyện Ia H' Drai", tree[iaDom.ParentId!.Value].Name);
        Assert.Equal("Tỉnh Kon Tum", tree.Ancestor(iaDom.Id, AdminUnitLevel.Province, new DateOnly(2024, 12, 31))!.Name);
        var carriedOn = tree.InForceOn(iaDom.Id, new DateOnly(2025, 7, 1));
        Assert.Equal(("23538", "Xã Ia Tơi"), (carriedOn.Code, carriedOn.Name));
        Assert.Equal("Tỉnh Quảng Ngãi", tree.Ancestor(iaDom.Id, AdminUnitLevel.Province, new DateOnly(2025, 7, 1))!.Name);
        Assert.Null(tree.Ancestor(iaDom.Id, AdminUnitLevel.District, new DateOnly(2025, 7, 1)));
        var created2013 = units.Single(u => u.Code == "23535" && u.ValidFrom == new DateOnly(2013, 12, 20));
        Assert.Equal("616", tree[created2013.ParentId!.Value].Code);
        Assert.All(units, u => Assert.False(u.IsDemo));
    }

    [Fact]
    public async Task A_file_with_a_bad_row_is_refused_whole_with_a_Vietnamese_message_per_row()
    {
        await using var db = Db.NewContext();
        var rows = Rows("""
            level,code,name,parent_code,valid_from,valid_to,merged_into_code,source
            province,62,Tỉnh Kon Tum,,,2025-06-30,,
            district,618,Huyện Ia H' Drai,62,2015-03-11,2025-06-30,,
            commune,23535,Xã Ia Đal,999,2015-03-11,2025-06-30,,
            commune,23537,Xã Ia Dom,618,11/03/2015,,,
            hamlet,1,Thôn 1,23535,2015-03-11,,,
            """);

        var result = await AdminUnitCsv.ImportAsync(db, rows, isDemo: false);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.StartsWith("Dòng 4:", StringComparison.Ordinal) && e.Contains("không tìm thấy đơn vị cấp trên mã 999", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("Dòng 5:", StringComparison.Ordinal) && e.Contains("yyyy-MM-dd", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("Dòng 6:", StringComparison.Ordinal) && e.Contains("cấp \"hamlet\"", StringComparison.Ordinal));
        Assert.Equal(0, await db.AdminUnits.CountAsync());
    }
}

public class AdminUnitCsvTestsOnSqlite() : AdminUnitCsvTests(DatabaseProvider.Sqlite);

public class AdminUnitCsvTestsOnPostgres() : AdminUnitCsvTests(DatabaseProvider.Postgres);
