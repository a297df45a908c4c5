using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.PublicSite;

/// <summary>
/// SQLite's FTS5 and PostgreSQL's full-text index split the same folded text into the same words: the same gifts
/// recorded on both databases give the same search results, for plain names and for punctuation, e-mail addresses,
/// receipt numbers, other scripts and query syntax of either engine.
/// </summary>
public sealed class StatementSearchAcrossProvidersTests : IAsyncLifetime
{
    private TestDatabase _sqlite = null!;
    private TestDatabase _postgres = null!;

    private static readonly string[] Names =
    [
        "Nguyễn Văn An", "Nguyễn Thị Anh", "Lê Thị Lan", "Phạm Thanh Hà", "Trần Hải", "Siu H'Mai", "Trần-Lê Minh", "an.nguyen@example.vn",
        "Sarah O'Brien", "Nguyễn Thị Hồng (Úc)", "“Ánh” Dương", "Công ty TNHH Ánh Dương – Chi nhánh 2", "Nhóm 12A1/2010", "Quỹ #1 vì trẻ em",
        "Müller & Söhne", "北京 Ltd", "Ünal_Öz", "100% Kon Tum", "Y BLir", "Hội Phụ nữ xã Ia Đal…", "ĐOÀN THANH NIÊN", "Kpă H'Nhi",
        "Quỹ Thiennguyen International", "Nghiêng Khuyến", "Chuyên Chuyển",
    ];

    private static readonly string[] Queries =
    [
        "an", "ha", "nguyen", "NGUYỄN VĂN AN", "an nguyen", "h", "h mai", "hmai", "mai", "tran le", "tran-le", "le", "an.nguyen", "example vn",
        "example.vn", "@example", "o'brien", "brien", "obrien", "uc", "(úc)", "anh duong", "“ánh”", "chi nhanh 2", "12a1", "12a1/2010", "2010",
        "quy #1", "#1", "muller", "müller & söhne", "sohne", "北京", "ltd", "unal", "oz", "unal_oz", "100", "100%", "kon tum", "y blir", "ia dal",
        "dal…", "doan thanh nien", "kpa", "2026", "tien mat", "ghi trung", "nham", "an*", "\"an\"", "an:*", "an & ha", "an | ha", "!an",
        "NEAR(an ha)", "internat", "internation", "international", "internationals", "inte", "thiennguy", "thiennguyen",
        "thien nguyen", "nghieng", "nghien", "khuyen", "chuyen", "chuye", "chuyenx", "an OR ha", "an NOT ha", "(an)", "an:", ":", "*", "'", "''", "\\", "😀", "",
    ];

    public async Task InitializeAsync()
    {
        _sqlite = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _postgres = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        foreach (var db in new[] { _sqlite, _postgres }) await RecordGiftsAsync(db);
    }

    public async Task DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task The_same_gifts_give_the_same_search_results_on_sqlite_and_postgres()
    {
        foreach (var q in Queries)
        {
            var onSqlite = await SearchAsync(_sqlite, q);
            var onPostgres = await SearchAsync(_postgres, q);
            Assert.True(onSqlite.SequenceEqual(onPostgres), $"\"{q}\": SQLite [{string.Join(", ", onSqlite)}], PostgreSQL [{string.Join(", ", onPostgres)}]");
        }
        Assert.Equal(20, (await SearchAsync(_postgres, "2026")).Count); // every receipt number: a full page
        Assert.Equal(["北京 Ltd"], await NamesAsync(_postgres, "北京"));
        Assert.Equal(["Nhóm 12A1/2010"], await NamesAsync(_sqlite, "2010"));
    }

    private static async Task RecordGiftsAsync(TestDatabase db)
    {
        await using var desk = await GiftDesk.OpenAsync(db);
        Contribution? first = null;
        foreach (var name in Names)
        {
            var donor = await TestData.DonorAsync(desk.Db, desk.Unit.Id, name);
            var outcome = await desk.Gifts.RecordAsync(TestData.Cash(donor.Id, desk.Unit.Id, 10_000));
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Values));
            first ??= outcome.Value;
        }
        var reversal = await desk.Gifts.ReverseAsync(first!.Id, "Ghi trùng: nhầm tên");
        Assert.True(reversal.Succeeded, string.Join("; ", reversal.Errors.Values));
    }

    private static async Task<List<long>> SearchAsync(TestDatabase db, string q) => (await PageAsync(db, q)).Lines.Select(l => l.Sequence).ToList();

    private static async Task<List<string>> NamesAsync(TestDatabase db, string q) => (await PageAsync(db, q)).Lines.Select(l => l.DonorDisplay).ToList();

    private static async Task<StatementPage> PageAsync(TestDatabase db, string q)
    {
        var services = new ServiceCollection();
        services.AddPublicData(db.PublicOptions);
        await using var sp = services.BuildServiceProvider();
        await using var scope = sp.CreateAsyncScope();
        return await new StatementQuery(scope.ServiceProvider.GetRequiredService<PublicDbContext>()).PageAsync(new StatementFilter(q));
    }
}
