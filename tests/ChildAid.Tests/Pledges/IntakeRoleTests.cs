using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Npgsql;

namespace ChildAid.Tests.Pledges;

/// <summary>
/// As an attacker holding PublicSite's intake login on PostgreSQL: it can add a pledge and read a pledge's public
/// status, and nothing else — not the pledges it wrote, not donors, not BackOffice's pledges.
/// </summary>
public class IntakeRoleTests() : DatabaseTest(DatabaseProvider.Postgres)
{
    public static TheoryData<string> UnreadableTables =>
        ["pledge_intake", "pledges", "donors", "contributions", "children", "audit_entries", "\"AspNetUsers\"", "ledger_entries", "campaigns",
         "campaign_follow_intake", "campaign_followers", "campaign_update_runs"];

    [Theory]
    [MemberData(nameof(UnreadableTables))]
    public async Task The_intake_login_cannot_read_the_table(string table)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsIntakeAsync($"SELECT * FROM {table} LIMIT 1"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Theory]
    [InlineData("UPDATE pledge_intake SET donor_name = 'x'")]
    [InlineData("DELETE FROM pledge_intake")]
    [InlineData("INSERT INTO pledges (reference) VALUES ('x')")]
    [InlineData("INSERT INTO donors (name) VALUES ('x')")]
    [InlineData("SELECT donor_email FROM pledge_intake")]
    public async Task The_intake_login_cannot_change_or_read_back_pledges(string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsIntakeAsync(sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task The_status_view_has_no_personal_column()
    {
        await using var conn = new NpgsqlConnection(Db.IntakeConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT * FROM pledge_status LIMIT 0", conn);
        await using var reader = await cmd.ExecuteReaderAsync();

        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();

        // Amounts, currency, state, campaign and the instalments' due dates and amounts: what paying needs and no more (no
        // name, contact, message or failure reason).
        Assert.Equal(["reference", "amount_vnd", "currency", "status", "campaign_slug", "idempotency_key_hash",
            "paid_vnd", "original_amount", "exchange_rate", "instalments_json"], columns);
    }

    [Fact]
    public async Task The_intake_role_is_not_a_login_and_holds_no_other_table_privilege()
    {
        await using var conn = new NpgsqlConnection(Db.ConnectionString);
        await conn.OpenAsync();
        await using (var login = new NpgsqlCommand($"SELECT rolcanlogin FROM pg_roles WHERE rolname = '{DatabaseRoles.Intake}'", conn))
            Assert.False((bool)(await login.ExecuteScalarAsync())!);
        await using var grants = new NpgsqlCommand($"""
            SELECT table_name || ':' || privilege_type FROM information_schema.role_table_grants
            WHERE grantee = '{DatabaseRoles.Intake}' ORDER BY 1
            """, conn);
        var rows = new List<string>();
        await using (var reader = await grants.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));

        // Pledges and follow requests in, pledges' public status out, and Stripe's verified events in: nothing else.
        Assert.Equal(["campaign_follow_intake:INSERT", "pledge_intake:INSERT", "pledge_status:SELECT", "stripe_events:INSERT"], rows);
    }

    private async Task ExecuteAsIntakeAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Db.IntakeConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
