using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// The ledger's optional <c>documents</c> field (SHA-256 of each original document, e.g. an expense's invoices). The
    /// append-only trigger compares whole rows (to_jsonb), so it covers the new column with no change; the public reader's
    /// and the app's table grants cover it too (the app may still UPDATE only the erasure columns).
    /// </summary>
    public partial class ExpenseDocumentHashes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "documents",
                table: "ledger_entries",
                type: "character varying(1300)",
                maxLength: 1300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "documents",
                table: "ledger_entries");
        }
    }
}
