using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReceiptIssues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "receipt_issues",
                columns: table => new
                {
                    receipt_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    issued_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    payer_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    payer_tax_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    payer_address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    campaign_title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    receiving_unit = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    issuer_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    issuer_address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    issuer_tax_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    issuer_phone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_receipt_issues", x => x.receipt_number);
                });

            // A receipt is issued once: its words never change and are never deleted, whoever writes.
            migrationBuilder.Sql("""
                CREATE TRIGGER receipt_issues_never_change BEFORE UPDATE ON receipt_issues
                BEGIN SELECT RAISE(ABORT, 'receipt_issues are never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER receipt_issues_refuse_delete BEFORE DELETE ON receipt_issues
                BEGIN SELECT RAISE(ABORT, 'receipt_issues are never deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS receipt_issues_never_change;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS receipt_issues_refuse_delete;");
            migrationBuilder.DropTable(
                name: "receipt_issues");
        }
    }
}
