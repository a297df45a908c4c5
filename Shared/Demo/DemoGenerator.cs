using System.Security.Cryptography;
using System.Text;
using ChildAid.Shared.Children;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Donors;

namespace ChildAid.Shared.Demo;

/// <summary>A synthetic child. The village is named by code and the first day of the unit row it belongs to.</summary>
public sealed record DemoChild(string FullName, DateOnly DateOfBirth, Sex Sex, string EthnicGroup, string VillageCode, DateOnly VillageValidFrom,
    string? SchoolName, string GuardianName, DateOnly? PublicationConsentOn);

/// <summary>A synthetic gift, by demo keys: donor key, campaign slug (null: unrestricted), receiving unit code and row start.</summary>
public sealed record DemoGift(int Number, Guid IdempotencyKey, string DonorKey, string? CampaignSlug, ContributionMethod Method, long? AmountVnd,
    string? Currency, decimal? OriginalAmount, decimal? ExchangeRate, DateOnly ReceivedOn, string UnitCode, DateOnly? UnitValidFrom,
    IReadOnlyList<GoodsLineInput> GoodsLines, string? Message, string? ReversalReason);

/// <summary>
/// Generates the demo children and gifts from fixed seeds (System.Random with a seed is stable across .NET versions),
/// so every load produces exactly the same rows and the loader can recognise them by natural keys.
/// Name patterns follow content/ notes on Ia H'Drai (shared research, admin-units.md §5); every name is made up.
/// </summary>
public static class DemoGenerator
{
    public const int ChildCount = 600;
    public const int GiftCount = 320;
    /// <summary>Ages are worked out against the start of the 2026–2027 school year.</summary>
    public static readonly DateOnly AgeReference = new(2026, 9, 5);
    public static readonly DateOnly Reform = new(2025, 7, 1);
    private static readonly DateOnly OldUnitsFrom = new(2015, 3, 11);

    // --- names -------------------------------------------------------------------------------------------------
    private static readonly string[] JraiClans = ["Nay", "Ksor", "Kpă", "Siu", "Rchom", "Rơ Mah", "Rah Lan", "Rơ Lan"];
    private static readonly string[] JraiGivenFemale = ["Ly", "Nhi", "Wil", "Nghi", "Blơng", "Hơn", "Jŭ", "Mai", "Yên", "Duyên", "Lan", "Thu", "Bli", "Phai"];
    private static readonly string[] JraiGivenMale = ["Bia", "Thêm", "Kun", "Plinh", "Lô", "Dơk", "Hyưn", "Blan", "Khăm", "Thuôn", "Sang", "Nhơn", "Tuih", "Jek"];
    private static readonly string[] BahnarGivenFemale = ["Đai", "Một", "Hlin", "Nga", "Bình", "Thuỳ", "Hoa", "Xuân", "Rơ", "Glang", "Khuyên", "Nguyệt"];
    private static readonly string[] BahnarGivenMale = ["Huy", "Minh", "Vin", "Thông", "Rót", "Hyêu", "Dũng", "Blúp", "Kơ", "Tơ", "Hiếu", "Nhiên"];
    private static readonly string[] KinhSurnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Phan", "Võ", "Huỳnh", "Dương"];
    private static readonly string[] ThaiSurnames = ["Lò", "Lường", "Vi", "Cầm", "Hà", "Lộc", "Quàng"];
    private static readonly string[] MuongSurnames = ["Hà", "Bùi", "Đinh", "Quách", "Bạch"];
    private static readonly string[] TaySurnames = ["Nông", "Hoàng", "Lục", "Ma", "Lương"];
    private static readonly string[] MiddleMale = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành"];
    private static readonly string[] MiddleFemale = ["Thị", "Ngọc", "Thu", "Thanh", "Thị", "Bảo"];
    private static readonly string[] GivenMale = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khang", "Khoa", "Kiên", "Long", "Minh", "Nam", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Trung", "Tuấn", "Vinh"];
    private static readonly string[] GivenFemale = ["Anh", "Chi", "Diệp", "Giang", "Hà", "Hân", "Hương", "Lan", "Linh", "Mai", "My", "Ngân", "Nhung", "Phương", "Quyên", "Thảo", "Trang", "Uyên", "Vy", "Yến"];

    /// <summary>About 60 % ethnic minority, 40 % Kinh, as the district totals suggest (admin-units.md §5: a guess, not a statistic).</summary>
    private static readonly (string Group, int Weight)[] EthnicMix =
        [("Gia Rai", 26), ("Xơ Đăng", 12), ("Ba Na", 8), ("Thái", 7), ("Mường", 5), ("Tày", 2), ("Kinh", 40)];

    public static string PersonName(Random r, string ethnicGroup, Sex sex, string? jraiClan = null) => ethnicGroup switch
    {
        "Gia Rai" => $"{jraiClan ?? Pick(r, JraiClans)} {(sex == Sex.Female ? "H'" : "")}{Pick(r, sex == Sex.Female ? JraiGivenFemale : JraiGivenMale)}",
        "Xơ Đăng" or "Ba Na" when r.Next(10) < 8 => $"{(sex == Sex.Female ? "Y" : "A")} {Pick(r, sex == Sex.Female ? BahnarGivenFemale : BahnarGivenMale)}",
        "Thái" => KinhStyle(r, ThaiSurnames, sex),
        "Mường" => KinhStyle(r, MuongSurnames, sex),
        "Tày" => KinhStyle(r, TaySurnames, sex),
        _ => KinhStyle(r, KinhSurnames, sex),
    };

    private static string KinhStyle(Random r, string[] surnames, Sex sex) =>
        $"{Pick(r, surnames)} {Pick(r, sex == Sex.Female ? MiddleFemale : MiddleMale)} {Pick(r, sex == Sex.Female ? GivenFemale : GivenMale)}";

    // --- children ----------------------------------------------------------------------------------------------
    /// <param name="villages">Demo villages: code, first day of the row, commune code.</param>
    /// <param name="schools">Demo schools: name, preschool or not, commune code, and whether the school row belongs to the units after the reform.</param>
    public static IReadOnlyList<DemoChild> Children(
        IReadOnlyList<(string Code, DateOnly ValidFrom, string CommuneCode)> villages,
        IReadOnlyList<(string Name, bool Preschool, string CommuneCode)> schools)
    {
        var r = new Random(20190601);
        var children = new List<DemoChild>(ChildCount);
        var seen = new HashSet<(string, DateOnly)>();
        var totalWeight = EthnicMix.Sum(m => m.Weight);
        var oldVillages = villages.Where(v => v.ValidFrom < Reform).ToList();
        var newVillages = villages.Where(v => v.ValidFrom >= Reform).ToList();
        while (children.Count < ChildCount)
        {
            var sex = r.Next(2) == 0 ? Sex.Female : Sex.Male;
            var roll = r.Next(totalWeight);
            var group = EthnicMix.First(m => (roll -= m.Weight) < 0).Group;
            var clan = group == "Gia Rai" ? Pick(r, JraiClans) : null; // Jrai children take the mother's clan
            var name = PersonName(r, group, sex, clan);
            var age = 3 + r.Next(9); // 3–11
            var dob = AgeReference.AddYears(-age).AddDays(-r.Next(365));
            if (!seen.Add((name, dob))) continue;
            // Children registered under the plan (before July 2025) keep their old village; later ones the new one.
            var village = r.Next(100) < 55 ? Pick(r, oldVillages) : Pick(r, newVillages);
            var preschool = age <= 5;
            // Ia Dom's villages continue in the new Ia Tơi, and so do its schools' pupils.
            var inCommune = schools.Where(s => s.Preschool == preschool && s.CommuneCode == village.CommuneCode).ToList();
            string? school = r.Next(100) < 94 && inCommune.Count > 0 ? Pick(r, inCommune).Name : null;
            var guardian = PersonName(r, group, Sex.Female, clan);
            DateOnly? consent = r.Next(100) < 15 ? new DateOnly(2025, 1, 1).AddDays(r.Next(600)) : null;
            children.Add(new DemoChild(name, dob, sex, group, village.Code, village.ValidFrom, school, guardian, consent));
        }
        return children;
    }

    // --- gifts -------------------------------------------------------------------------------------------------
    private static readonly (string Item, string Unit, long Value)[] WarmGoods =
    [
        ("Áo khoác mùa đông trẻ em 3–5 tuổi", "cái", 180_000), ("Áo khoác mùa đông trẻ em 6–10 tuổi", "cái", 220_000),
        ("Áo len trẻ em 3–5 tuổi", "cái", 95_000), ("Áo len trẻ em 6–10 tuổi", "cái", 120_000), ("Mũ len", "cái", 35_000),
        ("Ủng cao su trẻ em", "đôi", 85_000), ("Chăn ấm 1,5 m", "cái", 250_000), ("Tất len", "đôi", 15_000),
    ];

    private static readonly (string Item, string Unit, long Value)[] LunchGoods =
    [
        ("Thịt lợn", "kg", 130_000), ("Gạo tẻ", "kg", 18_000), ("Trứng gà", "quả", 3_500), ("Sữa tươi hộp 180 ml", "thùng", 320_000),
        ("Dầu ăn", "lít", 45_000), ("Cá khô", "kg", 160_000),
    ];

    private static readonly string[] Messages =
    [
        "Chúc các em một mùa đông ấm áp!", "Mong các em ăn no, học giỏi.", "Một chút tấm lòng gửi các cháu vùng biên.",
        "Gửi các em bữa trưa thật ngon.", "Cố lên các em nhé!", "With love for the children.",
    ];

    private static readonly string[] ReversalReasons =
    [
        "Nhập sai số tiền, sẽ lập lại phiếu thu đúng.", "Trùng với phiếu thu đã lập cho cùng khoản chuyển khoản.", "Nhà tài trợ chuyển nhầm, đã hoàn trả.",
    ];

    /// <summary>
    /// The gifts in the order they are recorded (by received date), so receipt numbers rise with the date within each year.
    /// </summary>
    public static IReadOnlyList<DemoGift> Gifts(IReadOnlyList<DemoDonor> donors, IReadOnlyList<DemoCampaign> campaigns)
    {
        var r = new Random(20250101);
        var start = new DateOnly(2025, 1, 6);
        var end = new DateOnly(2026, 11, 15);
        var span = end.DayNumber - start.DayNumber;
        var warm = campaigns.FirstOrDefault(c => c.Slug == "ao-am-cho-em");
        var lunch = campaigns.FirstOrDefault(c => c.Slug == "bua-trua-co-thit");
        var reversed = new HashSet<int> { 23, 141, 266 };
        var drafts = new List<(DateOnly Date, int Draw, Func<int, DemoGift> Make)>();
        for (var i = 0; i < GiftCount; i++)
        {
            var date = start.AddDays(r.Next(span + 1));
            var donor = PickDonor(r, donors);
            var roll = r.Next(100);
            DemoCampaign? campaign = roll < 45 ? warm : roll < 85 ? lunch : null;
            if (campaign is not null && (date < campaign.StartDate || date > campaign.EndDate)) campaign = null;

            var method = r.Next(100) < 40 ? ContributionMethod.Cash : ContributionMethod.BankTransfer;
            long? amount = null;
            string? currency = null;
            decimal? original = null, rate = null;
            var goods = new List<GoodsLineInput>();
            if (campaign is not null && donor.Kind != DonorKind.Person && r.Next(100) < 30)
            {
                method = ContributionMethod.InKind;
                var catalogue = campaign == warm ? WarmGoods : LunchGoods;
                foreach (var (item, unit, value) in catalogue.OrderBy(_ => r.Next()).Take(1 + r.Next(3)))
                    goods.Add(new GoodsLineInput { Item = item, Unit = unit, UnitValueVnd = value, Quantity = GoodsQuantity(r, unit) });
            }
            else if (donor.Origin == DonorOrigin.Foreign && r.Next(100) < 80)
            {
                method = ContributionMethod.BankTransfer;
                (currency, original, rate) = Foreign(r, donor, date);
            }
            else amount = Amount(r, donor.Kind);

            var unitCode = date < Reform
                ? (r.Next(100) < 65 ? "618" : Pick(r, ["23535", "23537", "23538"]))
                : Pick(r, ["23535", "23538"]);
            DateOnly? unitFrom = date < Reform ? (unitCode == "618" ? new DateOnly(2015, 3, 11) : OldUnitsFrom) : Reform;
            var message = donor.Message is not null && r.Next(100) < 60 ? donor.Message : r.Next(100) < 20 ? Pick(r, Messages) : null;
            var (c, m, a, cur, o, rt, g, msg, code, from, d) = (campaign, method, amount, currency, original, rate, goods, message, unitCode, unitFrom, date);
            drafts.Add((date, i, n => new DemoGift(n, KeyFor(n), donor.Key, c?.Slug, m, a, cur, o, rt, d, code, from, g, msg,
                reversed.Contains(n) ? ReversalReasons[n % ReversalReasons.Length] : null)));
        }
        return drafts.OrderBy(d => d.Date).ThenBy(d => d.Draw).Select((d, n) => d.Make(n + 1)).ToList();
    }

    private static int GoodsQuantity(Random r, string unit) => unit switch
    {
        "kg" or "lít" => 20 + r.Next(9) * 10,
        "quả" => 300 + r.Next(10) * 100,
        "thùng" => 5 + r.Next(16),
        _ => 10 + r.Next(15) * 10,
    };

    /// <summary>Most gifts come from people; businesses, organisations and funds give less often and more each time.</summary>
    private static DemoDonor PickDonor(Random r, IReadOnlyList<DemoDonor> donors)
    {
        static int Weight(DemoDonor d) => d.Kind switch { DonorKind.Person => 6, DonorKind.Fund => 1, _ => 2 };
        var roll = r.Next(donors.Sum(Weight));
        return donors.First(d => (roll -= Weight(d)) < 0);
    }

    private static long Amount(Random r, DonorKind kind) => kind switch
    {
        DonorKind.Person => (2 + r.Next(39)) * 50_000L,          // 100.000 – 2.000.000
        DonorKind.Business => (2 + r.Next(29)) * 1_000_000L,     // 2 – 30 triệu
        DonorKind.Organisation => (1 + r.Next(20)) * 1_000_000L, // 1 – 20 triệu
        _ => (10 + r.Next(41)) * 1_000_000L,                     // 10 – 50 triệu
    };

    private static (string, decimal, decimal) Foreign(Random r, DemoDonor donor, DateOnly date)
    {
        // Indicative rates (đồng per unit) drifting over 2025–2026; two decimals as banks quote them.
        var months = (date.Year - 2025) * 12 + date.Month - 1;
        var big = donor.Kind is DonorKind.Business or DonorKind.Fund or DonorKind.Organisation;
        return donor.Country switch
        {
            "JP" => ("JPY", (big ? 30 + r.Next(171) : 5 + r.Next(40)) * 1_000m, 165.50m + months * 0.35m + r.Next(100) / 100m),
            "DE" or "FR" => ("EUR", (big ? 200 + r.Next(19) * 100 : 20 + r.Next(40) * 5), 27_350.00m + months * 95m + r.Next(100)),
            _ => ("USD", (big ? 200 + r.Next(19) * 100 : 20 + r.Next(40) * 5) + (r.Next(4) == 0 ? 0.50m : 0m), 25_380.00m + months * 40m + r.Next(100)),
        };
    }

    /// <summary>A stable idempotency key for demo gift <paramref name="number"/>: the first 16 bytes of a SHA-256, shaped as a version-8 UUID.</summary>
    public static Guid KeyFor(int number) => StableGuid($"childaid-demo-gift-v1:{number}");

    /// <summary>A stable public key for a demo donor, so the donor row is recognised on the next load.</summary>
    public static Guid DonorKey(string key) => StableGuid($"childaid-demo-donor-v1:{key}");

    private static Guid StableGuid(string text)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];
}
