using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// The ledger made append-only by the database itself: triggers refuse every UPDATE and DELETE of an entry, even
    /// by the file's owner, except the erasure of a v2 entry's shown name and salt (both to NULL, search_text
    /// recomputed). The UPDATE trigger lists every column but donor_display, donor_salt and search_text; a test tries
    /// each column. A later SQLite migration that rebuilds ledger_entries drops these triggers and must create them again
    /// (the same test fails if it does not). No model change, hence no designer file.
    /// </summary>
    [DbContext(typeof(SqliteChildAidDbContext))]
    [Migration("20261201024516_LedgerAppendOnlyTriggers")]
    public partial class LedgerAppendOnlyTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER ledger_entries_refuse_update
                BEFORE UPDATE OF sequence, format_version, recorded_at, value_date, kind, amount_vnd, currency, original_amount,
                    exchange_rate, campaign_id, receipt_number, description, donor_commitment, reverses_sequence, unit_code, item,
                    quantity, unit_of_measure, need_reference, source_sequence, previous_hash, hash
                ON ledger_entries
                BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only: an entry is never changed (a reversal corrects it)'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ledger_entries_erasure_only
                BEFORE UPDATE OF donor_display, donor_salt ON ledger_entries
                WHEN NEW.donor_display IS NOT NULL OR NEW.donor_salt IS NOT NULL OR OLD.format_version < 2
                BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only: a name and its salt may only be erased together (to NULL), on a v2 entry'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER ledger_entries_refuse_delete
                BEFORE DELETE ON ledger_entries
                BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only: an entry is never deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_refuse_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_erasure_only;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_refuse_delete;");
        }
    }
}
