using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// Canonical form v2 (format version per entry, name commitments, the fields of every declared kind) and the
    /// ledger made append-only by the database itself: triggers refuse every UPDATE and DELETE of an entry, except
    /// the erasure of a v2 entry's shown name and salt (both to NULL, search_text recomputed). The column list of
    /// the UPDATE trigger is every column but donor_display, donor_salt and search_text; a test checks each column.
    /// </summary>
    public partial class LedgerV2AppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "donor_display",
                table: "ledger_entries",
                type: "TEXT",
                maxLength: 300,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 300);

            migrationBuilder.AddColumn<string>(
                name: "donor_commitment",
                table: "ledger_entries",
                type: "TEXT",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "donor_salt",
                table: "ledger_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "format_version",
                table: "ledger_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "item",
                table: "ledger_entries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "need_reference",
                table: "ledger_entries",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "quantity",
                table: "ledger_entries",
                type: "TEXT",
                precision: 18,
                scale: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "source_sequence",
                table: "ledger_entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit_code",
                table: "ledger_entries",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit_of_measure",
                table: "ledger_entries",
                type: "TEXT",
                maxLength: 30,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "donor_commitment",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "donor_salt",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "format_version",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "item",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "need_reference",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "quantity",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "source_sequence",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "unit_code",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "unit_of_measure",
                table: "ledger_entries");

            migrationBuilder.AlterColumn<string>(
                name: "donor_display",
                table: "ledger_entries",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 300,
                oldNullable: true);
        }
    }
}
