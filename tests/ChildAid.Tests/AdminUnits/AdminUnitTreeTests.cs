using ChildAid.Shared.AdminUnits;

namespace ChildAid.Tests.AdminUnits;

/// <summary>The 2025 reform as it happened to Ia H'Drai (shared/vn/admin-units.csv).</summary>
public class AdminUnitTreeTests
{
    private static readonly DateOnly ReformEve = new(2025, 6, 30);
    private static readonly DateOnly Reform = new(2025, 7, 1);

    private static AdminUnitTree Tree() => new(
    [
        new AdminUnit { Id = 1, Level = AdminUnitLevel.Province, Code = "62", Name = "Tỉnh Kon Tum", ValidTo = ReformEve, MergedIntoId = 2 },
        new AdminUnit { Id = 2, Level = AdminUnitLevel.Province, Code = "51", Name = "Tỉnh Quảng Ngãi", ValidFrom = Reform },
        new AdminUnit { Id = 3, Level = AdminUnitLevel.District, Code = "618", Name = "Huyện Ia H' Drai", ParentId = 1, ValidTo = ReformEve },
        new AdminUnit { Id = 4, Level = AdminUnitLevel.Commune, Code = "23535", Name = "Xã Ia Đal", ParentId = 3, ValidTo = ReformEve, MergedIntoId = 7 },
        new AdminUnit { Id = 5, Level = AdminUnitLevel.Commune, Code = "23537", Name = "Xã Ia Dom", ParentId = 3, ValidTo = ReformEve, MergedIntoId = 8 },
        new AdminUnit { Id = 6, Level = AdminUnitLevel.Commune, Code = "23538", Name = "Xã Ia Tơi", ParentId = 3, ValidTo = ReformEve, MergedIntoId = 8 },
        new AdminUnit { Id = 7, Level = AdminUnitLevel.Commune, Code = "23535", Name = "Xã Ia Đal", ParentId = 2, ValidFrom = Reform },
        new AdminUnit { Id = 8, Level = AdminUnitLevel.Commune, Code = "23538", Name = "Xã Ia Tơi", ParentId = 2, ValidFrom = Reform },
        new AdminUnit { Id = 9, Level = AdminUnitLevel.Village, Code = "D1", Name = "Thôn 1", ParentId = 5, IsDemo = true },
    ]);

    [Fact]
    public void Officer_of_the_merged_commune_covers_both_predecessors_and_their_villages()
    {
        var covered = Tree().Covered([8]);

        Assert.Equal([5, 6, 8, 9], covered.Order());
    }

    [Fact]
    public void Officer_of_one_old_commune_does_not_cover_its_merger_partner()
    {
        Assert.DoesNotContain(6, Tree().Covered([5]));
    }

    [Fact]
    public void District_officer_covers_its_communes_and_villages()
    {
        Assert.Equal([3, 4, 5, 6, 9], Tree().Covered([3]).Order());
    }

    [Fact]
    public void A_record_made_under_old_Ia_Dom_rolls_up_to_the_new_Ia_Toi_after_the_reform()
    {
        var tree = Tree();

        Assert.Equal(5, tree.InForceOn(5, ReformEve).Id);
        Assert.Equal(8, tree.InForceOn(5, Reform).Id);
        Assert.Equal("618", tree.Ancestor(9, AdminUnitLevel.District, ReformEve)!.Code);
        Assert.Null(tree.Ancestor(5, AdminUnitLevel.District, Reform));
        Assert.Equal("51", tree.Ancestor(5, AdminUnitLevel.Province, Reform)!.Code);
        Assert.Equal("62", tree.Ancestor(5, AdminUnitLevel.Province, ReformEve)!.Code);
    }
}
