using ChildAid.Shared.Data;
using ChildAid.Shared.Ledger;
using ChildAid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChildAid.Tests.Privacy;

/// <summary>
/// On PostgreSQL BackOffice connects as a login in role childaid_app, not as the owner: it can record gifts, but the
/// ledger can only be read, appended to and have a name erased, and it has no DDL right to switch the guards off.
/// </summary>
public class AppRoleTests() : DatabaseTest(DatabaseProvider.Postgres)
{
    private async Task<PostgresException> RefusedAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Db.AppConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task BackOffice_login_records_gifts_and_reversals_and_the_chain_verifies()
    {
        await using var desk = await GiftDesk.OpenAsync(Db, asApp: true);
        await desk.GiveAsync(100_000);
        var second = await desk.GiveAsync(250_000);
        var reversal = await desk.Gifts.ReverseAsync(second.Value!.Id, "Nhập sai số tiền");

        Assert.True(reversal.Succeeded);
        var head = await desk.Db.LedgerHeads.AsNoTracking().SingleAsync();
        var result = await LedgerVerifier.VerifyAsync(desk.Db.LedgerEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable(), head.LastHash);
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(3, result.V2Entries);
    }

    [Theory]
    [InlineData("UPDATE ledger_entries SET amount_vnd = 1")]
    [InlineData("DELETE FROM ledger_entries")]
    [InlineData("TRUNCATE ledger_entries CASCADE")]
    [InlineData("DROP TABLE ledger_entries CASCADE")]
    [InlineData("ALTER TABLE ledger_entries DISABLE TRIGGER USER")]
    [InlineData("DROP TRIGGER ledger_entries_append_only ON ledger_entries")]
    [InlineData("CREATE TABLE shadow_ledger (id int)")]
    [InlineData("DELETE FROM \"__EFMigrationsHistory\"")]
    public async Task BackOffice_login_is_refused_rewriting_the_ledger_and_any_DDL(string sql)
    {
        await using (var desk = await GiftDesk.OpenAsync(Db, asApp: true)) await desk.GiveAsync(100_000);

        var error = await RefusedAsync(sql);

        Assert.True(error.SqlState is PostgresErrorCodes.InsufficientPrivilege or "42501", $"{sql}: {error.SqlState} {error.MessageText}");
    }

    [Fact]
    public async Task BackOffice_login_is_neither_owner_nor_allowed_to_create_roles()
    {
        await using var conn = new NpgsqlConnection(Db.AppConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT r.rolsuper OR r.rolcreaterole OR r.rolcreatedb, pg_has_role(current_user, t.tableowner, 'MEMBER') " +
            "FROM pg_roles r, pg_tables t WHERE r.rolname = current_user AND t.tablename = 'ledger_entries'", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.False(reader.GetBoolean(0));
        Assert.False(reader.GetBoolean(1));
    }
}
