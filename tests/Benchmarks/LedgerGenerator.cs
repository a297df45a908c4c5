using System.Globalization;
using ChildAid.Shared.Campaigns;
using ChildAid.Shared.Ledger;
using ChildAid.Shared.Text;

namespace ChildAid.Benchmarks;

/// <summary>
/// A realistic synthetic public statement: Vietnamese donors (people, businesses, organisations, funds, a few
/// foreign donors, anonymous ones), campaign and unrestricted gifts, in-kind gifts, foreign-currency gifts and
/// about 1% reversals, spread over four years with gapless receipt numbers per year, folded search text exactly as
/// <see cref="LedgerWriter"/> makes it and a correct hash chain (<see cref="LedgerCanonicalForm"/>).
/// Deterministic: the same seed gives the same ledger.
/// </summary>
public static class LedgerGenerator
{
    /// <summary>Planted in a handful of entries so a "rare" search has a few real hits.</summary>
    public const string RareDonor = "Công ty Cổ phần Sữa Mộc Châu";
    public const int RareDonorEntries = 12;

    public static readonly Campaign[] Campaigns =
    [
        Make(1, "ao-am-cho-em", "Áo ấm cho em", "Warm clothes for children", 2023, 500_000_000),
        Make(2, "bua-trua-co-thit", "Bữa trưa có thịt", "School lunches with meat", 2023, 800_000_000),
        Make(3, "sach-vo-den-truong", "Sách vở đến trường", "Books for school", 2024, 300_000_000),
        Make(4, "nuoc-sach-ia-dal", "Nước sạch cho điểm trường Ia Đal", "Clean water for Ia Đal school", 2024, 450_000_000),
        Make(5, "tet-am-vung-cao", "Tết ấm vùng cao", "A warm Tết in the highlands", 2025, 250_000_000),
        Make(6, "sua-cho-be", "Sữa cho bé mầm non", "Milk for preschoolers", 2026, 350_000_000),
    ];

    private static Campaign Make(int id, string slug, string title, string titleEn, int year, long goal) => new()
    {
        Id = id, Slug = slug, Title = title, TitleEn = titleEn, Summary = title + " — chiến dịch vận động cho trẻ em vùng cao.",
        StartDate = new DateOnly(year, 10, 1), MoneyGoalVnd = goal, Status = year >= 2025 ? CampaignStatus.Active : CampaignStatus.Closed,
        UpdatedAt = new DateTime(year, 10, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    private static readonly (string Name, int Weight)[] FamilyNames =
    [
        ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 50), ("Huỳnh", 50), ("Phan", 45), ("Vũ", 39),
        ("Võ", 35), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 8),
        ("Trịnh", 6), ("Mai", 5), ("Lương", 4),
    ];

    private static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Hoài", "Gia", "Bảo", "Xuân", "Thị Thu", "Văn Hải"];

    private static readonly string[] GivenNames =
    [
        "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai",
        "Minh", "Nam", "Ngọc", "Phong", "Phương", "Quang", "Quỳnh", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến",
        "Hiếu", "Đạt", "Nhung", "Oanh", "Tú", "Việt", "Thủy", "Hòa", "Lộc", "Nhi", "Trí",
    ];

    /// <summary>Central Highlands names (Gia Rai, Ba Na, Xơ Đăng patterns) for local donors.</summary>
    private static readonly string[] HighlandNames = ["Siu H'Mai", "Rơ Châm Blơi", "Ksor Y Phun", "Rmah H'Lan", "Nay Y Thơ", "A Tuấn", "Y BLir", "Đinh Thị Hrim", "Kpă H'Nhi", "A Sang"];

    private static readonly string[] BusinessNames =
    [
        "Ánh Dương", "Tây Nguyên Xanh", "Bình Minh", "Đại Việt", "Sao Mai", "Hưng Thịnh", "Phú Quý", "An Khang", "Trường Sơn",
        "Cà phê Đắk Hà", "Dược phẩm Hậu Giang", "Xây dựng Quảng Ngãi", "Vận tải Kon Tum", "Điện máy Hòa Bình", "Gạo Ngọc Lành",
    ];

    private static readonly string[] Organisations =
    [
        "Hội Chữ thập đỏ tỉnh Quảng Ngãi", "Đoàn Thanh niên phường Trần Phú", "Trường THPT Chu Văn An", "Câu lạc bộ Thiện nguyện Sài Gòn",
        "Hội Phụ nữ xã Ia Đal", "Nhóm từ thiện Ấm Áp", "Hội Cựu chiến binh huyện Sa Thầy", "Lớp 12A1 khóa 2010 Đà Nẵng",
        "Ban Trị sự Giáo hội Phật giáo tỉnh Kon Tum", "Hội Doanh nhân trẻ Đà Nẵng",
    ];

    private static readonly string[] Funds = ["Quỹ Bảo trợ trẻ em Việt Nam", "Quỹ Hy vọng", "Quỹ Vì người nghèo tỉnh Quảng Ngãi", "Quỹ Khuyến học Kon Tum"];

    private static readonly (string Name, string Currency, decimal Rate)[] Foreign =
    [
        ("John Smith", "USD", 25_400m), ("Maria Müller", "EUR", 27_350.5m), ("Tanaka Hiroshi", "JPY", 168.25m), ("Kim Min-jun", "KRW", 18.4m),
        ("Sarah O'Brien", "USD", 25_380m), ("Pierre Lefèvre", "EUR", 27_410m), ("Nguyễn Thị Hồng (Úc)", "AUD", 16_620m),
    ];

    private static readonly string[] InKind =
    [
        "Hiện vật: 50 áo ấm, 20 chăn bông", "Hiện vật: 30 thùng sữa, 100 kg gạo", "Hiện vật: 200 quyển vở, 100 bút bi",
        "Hiện vật: 40 đôi ủng, 40 áo mưa", "Hiện vật: 15 bộ bàn ghế học sinh", "Hiện vật: 60 kg thịt heo cho bếp ăn bán trú",
    ];

    private static readonly string[] Unrestricted =
    [
        "Ủng hộ quỹ chung", "Tiền mặt nộp tại văn phòng", "Chuyển khoản ủng hộ các em vùng cao", "Góp quỹ hỗ trợ trẻ em khó khăn",
        "Ủng hộ nhân dịp sinh nhật con", "Quyên góp của cán bộ công nhân viên",
    ];

    private static readonly long[] Amounts = [50_000, 100_000, 100_000, 200_000, 200_000, 300_000, 500_000, 500_000, 500_000, 1_000_000, 1_000_000, 2_000_000, 3_000_000, 5_000_000, 10_000_000, 20_000_000, 50_000_000];

    public static IEnumerable<LedgerEntry> Generate(int count, int seed = 20261129)
    {
        var rng = new Random(seed);
        var familyTotal = FamilyNames.Sum(f => f.Weight);
        var rarePositions = Enumerable.Range(1, RareDonorEntries).Select(i => (long)(count / (RareDonorEntries + 1.0) * i)).ToHashSet();
        var start = new DateTime(2023, 1, 3, 1, 0, 0, DateTimeKind.Utc);
        var span = new DateTime(2026, 11, 28, 10, 0, 0, DateTimeKind.Utc) - start;
        var receiptCounters = new Dictionary<int, int>();
        var receipts = new List<(long Sequence, long Amount, string Receipt, int? Campaign, string Donor)>();
        var previous = LedgerCanonicalForm.GenesisHash;

        for (long seq = 1; seq <= count; seq++)
        {
            var recordedAt = LedgerCanonicalForm.TruncateToMicroseconds(
                start + TimeSpan.FromTicks(span.Ticks / count * seq) + TimeSpan.FromSeconds(rng.Next(0, 600)));
            var valueDate = DateOnly.FromDateTime(recordedAt.AddDays(-rng.Next(0, 4)));
            LedgerEntry entry;

            if (receipts.Count > 100 && rng.NextDouble() < 0.01)
            {
                var target = receipts[rng.Next(receipts.Count - 100, receipts.Count)];
                receipts.Remove(target);
                entry = new LedgerEntry
                {
                    Kind = LedgerEntryKind.Reversal, AmountVnd = -target.Amount, CampaignId = target.Campaign, ReversesSequence = target.Sequence,
                    Description = $"Điều chỉnh biên nhận {target.Receipt}: {(rng.Next(2) == 0 ? "ghi nhầm số tiền" : "ghi nhầm nhà hảo tâm")}",
                    DonorDisplay = target.Donor,
                };
            }
            else
            {
                int? campaign = rng.NextDouble() < 0.75 ? PickCampaign(rng, valueDate) : null;
                var title = campaign is { } c ? Campaigns[c - 1].Title : null;
                string donor;
                string? currency = null; decimal? original = null, rate = null;
                var amount = Amounts[rng.Next(Amounts.Length)] + rng.Next(0, 10) * 10_000L;
                var roll = rng.NextDouble();
                if (rarePositions.Contains(seq)) donor = RareDonor;
                else if (roll < 0.18) donor = "";
                else if (roll < 0.70) donor = PersonName(rng, familyTotal);
                else if (roll < 0.76) donor = HighlandNames[rng.Next(HighlandNames.Length)];
                else if (roll < 0.86) donor = $"{(rng.Next(2) == 0 ? "Công ty TNHH" : "Công ty Cổ phần")} {BusinessNames[rng.Next(BusinessNames.Length)]}";
                else if (roll < 0.93) donor = Organisations[rng.Next(Organisations.Length)];
                else if (roll < 0.97) donor = Funds[rng.Next(Funds.Length)];
                else
                {
                    var f = Foreign[rng.Next(Foreign.Length)];
                    donor = f.Name; currency = f.Currency; rate = f.Rate;
                    original = f.Currency is "JPY" or "KRW" ? rng.Next(1, 50) * 1_000m : rng.Next(2, 100) * 10m;
                    amount = (long)Math.Round(original.Value * rate.Value);
                }

                var description = rng.NextDouble() < 0.08
                    ? InKind[rng.Next(InKind.Length)] + (title is null ? "" : $" — {title}")
                    : currency is not null ? $"Ủng hộ từ nước ngoài ({currency})" + (title is null ? "" : $" cho chiến dịch {title}")
                    : title is null ? Unrestricted[rng.Next(Unrestricted.Length)]
                    : rng.Next(3) switch { 0 => $"Ủng hộ chiến dịch {title}", 1 => $"Chuyển khoản ủng hộ {title}", _ => $"Góp cho {title}" };

                var year = valueDate.Year;
                receiptCounters[year] = receiptCounters.GetValueOrDefault(year) + 1;
                var receipt = $"{year}-{receiptCounters[year]:000000}";
                entry = new LedgerEntry
                {
                    Kind = LedgerEntryKind.Receipt, AmountVnd = amount, Currency = currency, OriginalAmount = original, ExchangeRate = rate,
                    CampaignId = campaign, ReceiptNumber = receipt, Description = description, DonorDisplay = donor,
                };
                receipts.Add((seq, amount, receipt, campaign, donor));
                if (receipts.Count > 5000) receipts.RemoveRange(0, 1000);
            }

            entry.Sequence = seq;
            entry.RecordedAt = recordedAt;
            entry.ValueDate = valueDate;
            entry.PreviousHash = previous;
            entry.Description = entry.Description.Normalize();
            entry.DonorDisplay = (entry.DonorDisplay ?? "").Normalize();
            entry.Hash = LedgerCanonicalForm.ComputeHash(entry);
            entry.SearchText = TextFolding.Fold($"{entry.DonorDisplay} {entry.Description} {entry.ReceiptNumber}");
            previous = entry.Hash;
            yield return entry;
        }
    }

    private static int PickCampaign(Random rng, DateOnly date)
    {
        var open = Campaigns.Where(c => c.StartDate.AddYears(-1) <= date).ToArray();
        // The two flagship campaigns take most gifts.
        return rng.NextDouble() < 0.6 ? rng.Next(1, 3) : open[rng.Next(open.Length)].Id;
    }

    private static string PersonName(Random rng, int familyTotal)
    {
        var pick = rng.Next(familyTotal);
        var family = FamilyNames[^1].Name;
        foreach (var (name, weight) in FamilyNames)
        {
            if (pick < weight) { family = name; break; }
            pick -= weight;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{family} {MiddleNames[rng.Next(MiddleNames.Length)]} {GivenNames[rng.Next(GivenNames.Length)]}");
    }
}
