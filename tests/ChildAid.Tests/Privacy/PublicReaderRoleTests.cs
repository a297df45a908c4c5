using ChildAid.Shared.Data;
using ChildAid.Tests.Infrastructure;
using Npgsql;

namespace ChildAid.Tests.Privacy;

/// <summary>On PostgreSQL the privacy boundary is the database's own: PublicSite's login cannot read personal data at all.</summary>
public class PublicReaderRoleTests() : DatabaseTest(DatabaseProvider.Postgres)
{
    public static TheoryData<string> PersonalTables =>
        ["donors", "children", "contributions", "contribution_reversals", "contribution_goods_line", "\"AspNetUsers\"",
         "\"AspNetUserTokens\"", "audit_entries", "staff_user_units", "ledger_heads", "receipt_counters",
         "honor_roll_names", "need_lines", "needs_reviews", "declared_supports",
         // Campaign followers' addresses, and the follow requests PublicSite wrote through the intake login.
         "campaign_followers", "campaign_follow_intake", "campaign_update_runs",
         // Content: drafts and every version, unpublished media and consent records stay in BackOffice.
         "content_items", "content_versions", "content_media_uses", "media_items", "media_folders", "consent_records",
         // Receiving accounts: only their public fields, through the view public_receiving_accounts.
         "bank_accounts", "bank_statement_lines", "bank_statement_imports"];

    [Fact]
    public async Task Public_login_can_read_every_public_table()
    {
        await using var conn = new NpgsqlConnection(Db.PublicConnectionString);
        await conn.OpenAsync();

        foreach (var table in PublicTables.Tables.Values)
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {table}", conn);
            Assert.True((long)(await cmd.ExecuteScalarAsync())! >= 0);
        }
    }

    [Theory]
    [MemberData(nameof(PersonalTables))]
    public async Task Public_login_is_denied_personal_and_internal_tables(string table)
    {
        await using var conn = new NpgsqlConnection(Db.PublicConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT * FROM {table} LIMIT 1", conn);

        var error = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteReaderAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal("42501", error.SqlState);
    }

    [Fact]
    public async Task Public_login_sees_of_receiving_accounts_only_what_a_donor_types_into_a_banking_app()
    {
        await using var conn = new NpgsqlConnection(Db.PublicConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT * FROM {ChildAid.Shared.Payments.CampaignReceivingAccount.View} LIMIT 0", conn);
        await using var reader = await cmd.ExecuteReaderAsync();

        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).Order().ToList();

        Assert.Equal(["account_name", "account_number", "bank_bin", "bank_name", "campaign_id", "campaign_slug"], columns);
    }

    [Fact]
    public async Task Public_login_cannot_write_to_public_tables_either()
    {
        await using var conn = new NpgsqlConnection(Db.PublicConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("UPDATE public_data_versions SET version = version + 1", conn);

        var error = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());

        Assert.Equal("42501", error.SqlState);
    }
}
