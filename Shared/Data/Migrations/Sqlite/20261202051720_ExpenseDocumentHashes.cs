using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// The ledger's optional <c>documents</c> field (SHA-256 of each original document, e.g. an expense's invoices), added in
    /// place; the append-only UPDATE trigger lists every column by name, so it is created again with this one in its list.
    /// </summary>
    public partial class ExpenseDocumentHashes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "documents",
                table: "ledger_entries",
                type: "TEXT",
                maxLength: 1300,
                nullable: true);

            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_refuse_update;");
            migrationBuilder.Sql(RefuseUpdate(", documents"));
        }

        private static string RefuseUpdate(string extra) => $"""
            CREATE TRIGGER ledger_entries_refuse_update
            BEFORE UPDATE OF sequence, format_version, recorded_at, value_date, kind, amount_vnd, currency, original_amount,
                exchange_rate, campaign_id, receipt_number, description, donor_commitment, reverses_sequence, unit_code, item,
                quantity, unit_of_measure, need_reference, source_sequence, previous_hash, hash{extra}
            ON ledger_entries
            BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only: an entry is never changed (a reversal corrects it)'); END;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_refuse_update;");
            migrationBuilder.Sql(RefuseUpdate(""));
            migrationBuilder.DropColumn(
                name: "documents",
                table: "ledger_entries");
        }
    }
}
