using System.Data.Common;
using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildAid.Tests.Ledger;

/// <summary>
/// The ledger is append-only in the database itself: its triggers refuse UPDATE and DELETE even from the owner
/// (the tests connect as the owner, a superuser on PostgreSQL), and the context refuses to save a changed entry.
/// </summary>
public abstract class AppendOnlyLedgerTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    /// <summary>The only columns an UPDATE may touch: the erasure of a name (with its salt) and the derived search text.</summary>
    private static readonly HashSet<string> Erasable = ["donor_display", "donor_salt", "search_text"];

    private async Task GiveTwoGiftsAsync()
    {
        await using var desk = await GiftDesk.OpenAsync(Db);
        await desk.GiveAsync(100_000);
        await desk.GiveAsync(250_000);
    }

    /// <summary>An entry with every column set (no NULL to "change" to NULL unnoticed): sequence 3.</summary>
    private async Task AppendEntryWithEveryFieldAsync()
    {
        await using var sp = Db.Services();
        await using var scope = Scope(sp);
        var db = scope.ServiceProvider.GetRequiredService<ChildAidDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<LedgerWriter>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var slot = await writer.ReserveSlotAsync();
        await writer.WriteAsync(slot, new LedgerEntry
        {
            ValueDate = new DateOnly(2026, 11, 30), Kind = LedgerEntryKind.StockMovement, AmountVnd = 1_000, Currency = "USD",
            OriginalAmount = 1.5m, ExchangeRate = 25_000m, CampaignId = 1, ReceiptNumber = "2026-999999", Description = "Nhập kho",
            DonorDisplay = "Nguyễn Văn An", ReversesSequence = 1, UnitCode = "23545", Item = "Áo ấm", Quantity = 12m, UnitOfMeasure = "chiếc",
            NeedReference = "N-1", SourceSequence = 2, Documents = LedgerDocuments.Format([new string('a', 64)]),
        });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
    }

    private async Task<Exception?> TrySqlAsync(string sql)
    {
        await using var db = Db.NewContext();
        try
        {
            await db.Database.ExecuteSqlRawAsync(sql);
            return null;
        }
        catch (DbException e) { return e; }
    }

    private async Task<List<string>> LedgerColumnsAsync()
    {
        await using var db = Db.NewContext();
        var sql = Provider == DatabaseProvider.Sqlite
            ? "SELECT name AS \"Value\" FROM pragma_table_info('ledger_entries')"
            : "SELECT column_name::text AS \"Value\" FROM information_schema.columns WHERE table_name = 'ledger_entries' AND is_generated = 'NEVER'";
        return await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
    }

    [Fact]
    public async Task Updating_any_column_of_an_entry_but_the_erasable_ones_is_refused_by_the_database_even_for_the_owner()
    {
        await GiveTwoGiftsAsync();
        await AppendEntryWithEveryFieldAsync();
        var columns = await LedgerColumnsAsync();
        Assert.Contains("amount_vnd", columns);

        foreach (var column in columns.Where(c => !Erasable.Contains(c)))
        {
            var value = column == "sequence" ? "sequence + 1000" : "NULL";
            var error = await TrySqlAsync($"UPDATE ledger_entries SET {column} = {value} WHERE sequence = 3");
            Assert.True(error is not null, $"UPDATE of {column} was accepted");
            Assert.Contains("append-only", error.Message);
        }
        var tampered = await TrySqlAsync("UPDATE ledger_entries SET amount_vnd = 2500000 WHERE sequence = 2");
        Assert.NotNull(tampered);
        await using var check = Db.NewContext();
        Assert.Equal(250_000, (await check.LedgerEntries.SingleAsync(e => e.Sequence == 2)).AmountVnd);
    }

    [Fact]
    public async Task Deleting_an_entry_is_refused_by_the_database_even_for_the_owner()
    {
        await GiveTwoGiftsAsync();

        var error = await TrySqlAsync("DELETE FROM ledger_entries WHERE sequence = 2");

        Assert.NotNull(error);
        Assert.Contains("append-only", error.Message);
        await using var check = Db.NewContext();
        Assert.Equal(2, await check.LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task A_name_may_only_be_erased_to_null_together_with_its_salt_never_replaced()
    {
        await GiveTwoGiftsAsync();

        var replaced = await TrySqlAsync("UPDATE ledger_entries SET donor_display = 'Người khác' WHERE sequence = 1");
        var saltOnly = await TrySqlAsync("UPDATE ledger_entries SET donor_salt = '00' WHERE sequence = 1");
        var erased = await TrySqlAsync("UPDATE ledger_entries SET donor_display = NULL, donor_salt = NULL, search_text = '' WHERE sequence = 1");

        Assert.Contains("append-only", replaced?.Message);
        Assert.Contains("append-only", saltOnly?.Message);
        Assert.Null(erased);
        await using var check = Db.NewContext();
        var entry = await check.LedgerEntries.SingleAsync(e => e.Sequence == 1);
        Assert.True(entry.IsNameErased);
    }

    [Fact]
    public async Task The_context_refuses_to_save_a_changed_or_removed_ledger_entry()
    {
        await GiveTwoGiftsAsync();
        await using var db = Db.NewContext();
        var first = await db.LedgerEntries.SingleAsync(e => e.Sequence == 1);
        var second = await db.LedgerEntries.SingleAsync(e => e.Sequence == 2);

        first.AmountVnd = 1;
        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.Entry(first).State = EntityState.Unchanged;
        db.LedgerEntries.Remove(second);
        var removed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", changed.Message);
        Assert.Contains("cannot be deleted", removed.Message);
    }
}

public class AppendOnlyLedgerTestsOnSqlite() : AppendOnlyLedgerTests(DatabaseProvider.Sqlite);

public class AppendOnlyLedgerTestsOnPostgres() : AppendOnlyLedgerTests(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task Truncating_the_ledger_is_refused_even_for_the_owner()
    {
        await using var db = Db.NewContext();

        var error = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE ledger_entries CASCADE"));

        Assert.Contains("append-only", error.Message);
    }
}
