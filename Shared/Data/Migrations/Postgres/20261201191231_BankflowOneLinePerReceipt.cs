using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BankflowOneLinePerReceipt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_bank_statement_lines_contribution_id",
                table: "bank_statement_lines");

            migrationBuilder.CreateIndex(
                name: "ix_bank_statement_lines_contribution_id",
                table: "bank_statement_lines",
                column: "contribution_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_bank_statement_lines_contribution_id",
                table: "bank_statement_lines");

            migrationBuilder.CreateIndex(
                name: "ix_bank_statement_lines_contribution_id",
                table: "bank_statement_lines",
                column: "contribution_id");
        }
    }
}
