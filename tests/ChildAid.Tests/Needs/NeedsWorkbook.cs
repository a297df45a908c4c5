using ChildAid.Shared.Children;
using ChildAid.Shared.Data;
using ChildAid.Shared.Needs;
using ChildAid.Shared.Organisations;
using ChildAid.Tests.Infrastructure;
using MiniExcelLibs;

namespace ChildAid.Tests.Needs;

/// <summary>A filled needs workbook as an officer would type it: rows of header → value, written with MiniExcel.</summary>
public static class NeedsWorkbook
{
    public static Dictionary<string, object?> Row(params (string Header, object? Value)[] cells)
    {
        var row = NeedsSheet.Columns.ToDictionary(c => c.Header, _ => (object?)null);
        foreach (var (header, value) in cells) row[header] = value;
        return row;
    }

    /// <summary>A winter jacket for a child given by code: the simplest good row.</summary>
    public static Dictionary<string, object?> Jacket(int childId, string size = "6–8 tuổi", object? quantity = null) => Row(
        ("Mã trẻ", childId), ("Nhóm nhu cầu", "Đồ ấm"), ("Mặt hàng", "Áo ấm mùa đông"), ("Cỡ theo tuổi", size), ("Số lượng", quantity ?? 1));

    public static MemoryStream Write(IEnumerable<Dictionary<string, object?>> rows)
    {
        var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: NeedsSheet.DataSheet);
        stream.Position = 0;
        return stream;
    }
}

/// <summary>A commune with a village, a school, three children (two of them share a name and birthday) and a draft review of 2026.</summary>
public sealed record NeedsPlace(int CommuneId, string CommuneCode, int VillageId, int SchoolId, int Hien, int Duc, int Twin1, int Twin2, int ReviewId)
{
    public static async Task<NeedsPlace> CreateAsync(ChildAidDbContext db, string code = "23535", string name = "Xã Ia Đal", string school = "Trường TH Ia Đal")
    {
        var commune = await TestData.UnitAsync(db, name, code);
        var village = await TestData.UnitAsync(db, "Làng Mook Trang", null, commune.Id, Shared.AdminUnits.AdminUnitLevel.Village);
        var s = new Organisation { Name = school, Type = OrganisationType.School, AdminUnitId = commune.Id };
        db.Organisations.Add(s);
        await db.SaveChangesAsync();
        Child Kid(string n, DateOnly birth, CircumstanceGroups groups = CircumstanceGroups.None) =>
            new() { FullName = n, DateOfBirth = birth, Sex = Sex.Female, AdminUnitId = village.Id, SchoolId = s.Id, Circumstances = groups };
        var hien = Kid("Rơ Mah Hiền", new(2019, 3, 1), CircumstanceGroups.OrphanBothParents | CircumstanceGroups.PoorHousehold);
        var duc = Kid("Siu Đức", new(2018, 5, 2));
        var twin1 = Kid("Ksor Lan", new(2017, 7, 3));
        var twin2 = Kid("Ksor Lan", new(2017, 7, 3));
        db.Children.AddRange(hien, duc, twin1, twin2);
        var review = NeedsReview.Open(commune.Id, 2026, "test", DateTime.UtcNow);
        db.NeedsReviews.Add(review);
        await db.SaveChangesAsync();
        return new(commune.Id, commune.Code, village.Id, s.Id, hien.Id, duc.Id, twin1.Id, twin2.Id, review.Id);
    }
}
