using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildAid.Shared.Needs;

/// <summary>
/// An item of the needs catalogue (áo ấm, ủng, chăn, suất ăn trưa, lượt khám…): the words a review, the Excel template's
/// lists and the public needs list share, so "áo phao" in one commune and "áo khoác mùa đông" in another add up.
/// Reference data, not personal data: public.
/// </summary>
public class NeedItem
{
    public int Id { get; set; }
    /// <summary>Stable code used in files and the API (e.g. "winter-jacket").</summary>
    public required string Code { get; set; }
    public NeedCategory Category { get; set; }
    public required string NameVi { get; set; }
    public required string NameEn { get; set; }
    public NeedUnit Unit { get; set; }
    /// <summary>Warm clothes come in sizes: a line for this item names a size/age band.</summary>
    public bool HasSizeBand { get; set; }
    /// <summary>A typical price, offered when a line is entered (đồng per unit).</summary>
    public long TypicalUnitCostVnd { get; set; }
    public bool IsActive { get; set; } = true;

    public const int CodeLength = 40;
    public const int NameLength = 100;
}

public class NeedItemConfiguration : IEntityTypeConfiguration<NeedItem>
{
    public void Configure(EntityTypeBuilder<NeedItem> b)
    {
        // Admins add items after the seeded ones; PostgreSQL's identity must start above them (SQLite takes max + 1).
        b.Property(i => i.Id).HasIdentityOptions(startValue: 1000);
        b.Property(i => i.Code).HasMaxLength(NeedItem.CodeLength);
        b.Property(i => i.NameVi).HasMaxLength(NeedItem.NameLength);
        b.Property(i => i.NameEn).HasMaxLength(NeedItem.NameLength);
        b.Property(i => i.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Unit).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(i => i.Code).IsUnique();
        b.HasData(Catalogue);
    }

    /// <summary>The starting catalogue; admins add items later. Prices are 2026 district-market estimates.</summary>
    public static readonly NeedItem[] Catalogue =
    [
        Item(1, "health-check", NeedCategory.HealthCheckUp, "Lượt khám sức khỏe", "Health check-up", NeedUnit.Sessions, false, 150_000),
        Item(2, "dental-check", NeedCategory.HealthCheckUp, "Lượt khám răng miệng", "Dental check-up", NeedUnit.Sessions, false, 100_000),
        Item(3, "eye-check", NeedCategory.HealthCheckUp, "Lượt khám mắt", "Eye check-up", NeedUnit.Sessions, false, 120_000),
        Item(4, "treatment", NeedCategory.Treatment, "Đợt điều trị", "Course of treatment", NeedUnit.Sessions, false, 2_000_000),
        Item(5, "glasses", NeedCategory.Treatment, "Kính thuốc", "Prescription glasses", NeedUnit.Items, false, 350_000),
        Item(6, "lunch-meal", NeedCategory.Nutrition, "Suất ăn trưa", "Lunch meal", NeedUnit.Meals, false, 20_000),
        Item(7, "milk", NeedCategory.Nutrition, "Hộp sữa", "Carton of milk", NeedUnit.Items, false, 8_000),
        Item(8, "micronutrients", NeedCategory.Nutrition, "Gói vi chất dinh dưỡng", "Micronutrient sachet", NeedUnit.Items, false, 5_000),
        Item(9, "play-area", NeedCategory.Recreation, "Khu vui chơi", "Play area", NeedUnit.Items, false, 80_000_000),
        Item(10, "play-equipment", NeedCategory.Recreation, "Thiết bị vui chơi", "Play equipment", NeedUnit.Items, false, 5_000_000),
        Item(11, "sports-kit", NeedCategory.Recreation, "Bộ dụng cụ thể thao", "Sports kit", NeedUnit.Items, false, 1_500_000),
        Item(12, "activity", NeedCategory.Recreation, "Buổi sinh hoạt vui chơi", "Play activity", NeedUnit.Sessions, false, 500_000),
        Item(13, "winter-jacket", NeedCategory.WarmClothes, "Áo ấm mùa đông", "Winter jacket", NeedUnit.Items, true, 180_000),
        Item(14, "sweater", NeedCategory.WarmClothes, "Áo len", "Sweater", NeedUnit.Items, true, 90_000),
        Item(15, "boots", NeedCategory.WarmClothes, "Ủng/giày ấm", "Boots", NeedUnit.Items, true, 120_000),
        Item(16, "blanket", NeedCategory.WarmClothes, "Chăn ấm", "Blanket", NeedUnit.Items, false, 250_000),
        Item(17, "hat-scarf", NeedCategory.WarmClothes, "Mũ len và khăn", "Hat and scarf", NeedUnit.Items, true, 50_000),
        Item(18, "school-kit", NeedCategory.Other, "Bộ đồ dùng học tập", "School kit", NeedUnit.Items, false, 200_000),
    ];

    private static NeedItem Item(int id, string code, NeedCategory category, string vi, string en, NeedUnit unit, bool sized, long cost) =>
        new() { Id = id, Code = code, Category = category, NameVi = vi, NameEn = en, Unit = unit, HasSizeBand = sized, TypicalUnitCostVnd = cost };
}
