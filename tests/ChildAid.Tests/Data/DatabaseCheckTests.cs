using System.Data.Common;
using ChildAid.Shared.Contributions;
using ChildAid.Shared.Data;
using ChildAid.Shared.Donors;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ChildAid.Tests.Data;

/// <summary>
/// The database itself refuses what must never be stored, whatever writes to it (migration GapsCheckConstraints:
/// CHECK constraints on PostgreSQL, aborting triggers on SQLite). Each test copies a valid row with raw SQL, shows the
/// copy is accepted, then shows the same copy with the forbidden value is refused.
/// </summary>
public abstract class DatabaseCheckTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task A_donor_name_that_is_empty_blank_or_over_300_characters_is_refused_by_the_database()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        await using var db = Db.NewContext();
        string Copy(string name) => CopyRow<Donor>(db, $"id = {desk.Donor.Id}", new()
        {
            ["name"] = Literal(name), ["public_key"] = Literal(Guid.NewGuid().ToString()),
        });

        await db.Database.ExecuteSqlRawAsync(Copy(new string('a', 300)));
        foreach (var bad in new[] { "", "   ", new string('a', 301) })
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(Copy(bad)));
        Assert.Equal(2, await db.Donors.CountAsync());
    }

    [Fact]
    public async Task A_receipt_of_zero_or_less_is_refused_by_the_database()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        var gift = (await desk.GiveAsync(100_000)).Value!;
        await using var db = Db.NewContext();
        var n = 0;
        string Copy(long amount) => CopyRow<Contribution>(db, $"id = {gift.Id}", new()
        {
            ["amount_vnd"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["receipt_number"] = Literal($"9999-00000{++n}"),
            ["receipt_sequence"] = $"receipt_sequence + {n * 1000}", ["idempotency_key"] = "NULL",
        });

        await db.Database.ExecuteSqlRawAsync(Copy(1));
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(Copy(0)));
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(Copy(-100_000)));
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"UPDATE contributions SET amount_vnd = 0 WHERE id = {gift.Id}"));
        Assert.Equal(2, await db.Contributions.CountAsync());
    }

    [Fact]
    public async Task A_ledger_receipt_that_is_not_positive_or_a_reversal_that_is_not_negative_is_refused_by_the_database()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        await desk.GiveAsync(100_000);
        await using var db = Db.NewContext();
        var next = 1;
        string Copy(string kind, long amount) => CopyRow<LedgerEntry>(db, "sequence = 1", new()
        {
            ["sequence"] = (++next).ToString(System.Globalization.CultureInfo.InvariantCulture), ["kind"] = Literal(kind),
            ["amount_vnd"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["receipt_number"] = Literal($"9999-{next:000000}"),
        });

        await db.Database.ExecuteSqlRawAsync(Copy("Receipt", 1));
        await db.Database.ExecuteSqlRawAsync(Copy("Reversal", -1));
        foreach (var (kind, amount) in new[] { ("Receipt", 0L), ("Receipt", -5L), ("Reversal", 0L), ("Reversal", 5L) })
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(Copy(kind, amount)));
        Assert.Equal(3, await db.LedgerEntries.CountAsync());
    }

    /// <summary>INSERT … SELECT of one row of <typeparamref name="T"/>'s table, every column copied but the generated key and the overrides.</summary>
    private static string CopyRow<T>(ChildAidDbContext db, string where, Dictionary<string, string> overrides)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select(p => p.GetColumnName(table)!).ToList();
        var values = columns.Select(c => overrides.GetValueOrDefault(c, c));
        return $"INSERT INTO {table.Name} ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM {table.Name} WHERE {where}";
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}

public class DatabaseCheckTestsOnSqlite() : DatabaseCheckTests(DatabaseProvider.Sqlite);

public class DatabaseCheckTestsOnPostgres() : DatabaseCheckTests(DatabaseProvider.Postgres);
