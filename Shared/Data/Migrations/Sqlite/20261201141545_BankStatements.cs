using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BankStatements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bank_accounts",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    bank_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    bin = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    account_number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    account_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: true),
                    preset = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    custom_mapping_json = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_bank_accounts_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bank_accounts_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bank_statement_imports",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bank_account_id = table.Column<int>(type: "INTEGER", nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    line_count = table.Column<int>(type: "INTEGER", nullable: false),
                    credit_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_statement_imports", x => x.id);
                    table.ForeignKey(
                        name: "fk_bank_statement_imports_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bank_statement_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    bank_account_id = table.Column<int>(type: "INTEGER", nullable: false),
                    import_id = table.Column<int>(type: "INTEGER", nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    row_number = table.Column<int>(type: "INTEGER", nullable: false),
                    transaction_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    transaction_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    dedupe_key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    counterparty = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    amount_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    balance_vnd = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    found_reference = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    pledge_id = table.Column<int>(type: "INTEGER", nullable: true),
                    contribution_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_statement_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_bank_statement_lines_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bank_statement_lines_bank_statement_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "bank_statement_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bank_statement_lines_contributions_contribution_id",
                        column: x => x.contribution_id,
                        principalTable: "contributions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bank_statement_lines_pledges_pledge_id",
                        column: x => x.pledge_id,
                        principalTable: "pledges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bank_accounts_admin_unit_id",
                table: "bank_accounts",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_accounts_campaign_id",
                table: "bank_accounts",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_accounts_code",
                table: "bank_accounts",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bank_statement_imports_bank_account_id",
                table: "bank_statement_imports",
                column: "bank_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_statement_lines_bank_account_id_dedupe_key",
                table: "bank_statement_lines",
                columns: new[] { "bank_account_id", "dedupe_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bank_statement_lines_contribution_id",
                table: "bank_statement_lines",
                column: "contribution_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_statement_lines_import_id",
                table: "bank_statement_lines",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_statement_lines_pledge_id",
                table: "bank_statement_lines",
                column: "pledge_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_statement_lines_status_bank_account_id",
                table: "bank_statement_lines",
                columns: new[] { "status", "bank_account_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bank_statement_lines");

            migrationBuilder.DropTable(
                name: "bank_statement_imports");

            migrationBuilder.DropTable(
                name: "bank_accounts");
        }
    }
}
