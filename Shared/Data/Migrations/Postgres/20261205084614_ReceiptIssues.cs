using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
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
                    receipt_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    issued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    payer_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    payer_tax_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    payer_address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    campaign_title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    receiving_unit = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    issuer_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    issuer_address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    issuer_tax_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    issuer_phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_receipt_issues", x => x.receipt_number);
                });

            // A receipt is issued once: its words never change and are never deleted, whoever writes.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION receipt_issues_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'receipt_issues are never changed or deleted';
                END $$;
                CREATE TRIGGER receipt_issues_guard BEFORE UPDATE OR DELETE ON receipt_issues FOR EACH ROW EXECUTE FUNCTION receipt_issues_guard();
                CREATE TRIGGER receipt_issues_no_truncate BEFORE TRUNCATE ON receipt_issues FOR EACH STATEMENT EXECUTE FUNCTION receipt_issues_guard();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS receipt_issues_guard() CASCADE;");
            migrationBuilder.DropTable(
                name: "receipt_issues");
        }
    }
}
