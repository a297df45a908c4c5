using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// Pledges: pledge_intake (what PublicSite inserts), pledges (BackOffice's record, one per intake row) and the
    /// pledge_status view (reference, amount, currency, status, campaign — nothing personal).
    /// </summary>
    public partial class IntakePledges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pledge_intake",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    idempotency_key_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    campaign_slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    need_reference = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    amount_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    original_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    exchange_rate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    display = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    donor_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    donor_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    donor_email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    donor_phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    donor_tax_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    donor_address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    follow_campaign = table.Column<bool>(type: "INTEGER", nullable: false),
                    instalments_json = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    in_kind_lines_json = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pledge_intake", x => x.id);
                    table.CheckConstraint("ck_pledge_intake_amount_positive", "amount_vnd > 0");
                    table.CheckConstraint("ck_pledge_intake_currency", "currency IN ('VND', 'USD', 'EUR')");
                    table.CheckConstraint("ck_pledge_intake_foreign_amount", "(currency = 'VND' AND original_amount IS NULL AND exchange_rate IS NULL) OR (currency <> 'VND' AND original_amount IS NOT NULL AND exchange_rate IS NOT NULL AND original_amount > 0 AND exchange_rate > 0)");
                });

            migrationBuilder.CreateTable(
                name: "pledges",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    reference = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    intake_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    donor_id = table.Column<int>(type: "INTEGER", nullable: false),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: true),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    amount_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    original_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    exchange_rate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    paid_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    instalments_json = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pledges", x => x.id);
                    table.CheckConstraint("ck_pledges_amount_positive", "amount_vnd > 0");
                    table.CheckConstraint("ck_pledges_paid_not_negative", "paid_vnd >= 0");
                    table.ForeignKey(
                        name: "fk_pledges_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pledges_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pledges_donors_donor_id",
                        column: x => x.donor_id,
                        principalTable: "donors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pledge_intake_idempotency_key_hash",
                table: "pledge_intake",
                column: "idempotency_key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pledge_intake_received_at",
                table: "pledge_intake",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_pledge_intake_reference",
                table: "pledge_intake",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pledges_admin_unit_id",
                table: "pledges",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_pledges_campaign_id",
                table: "pledges",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_pledges_donor_id",
                table: "pledges",
                column: "donor_id");

            migrationBuilder.CreateIndex(
                name: "ix_pledges_intake_id",
                table: "pledges",
                column: "intake_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pledges_reference",
                table: "pledges",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pledges_status_campaign_id",
                table: "pledges",
                columns: new[] { "status", "campaign_id" });

            migrationBuilder.Sql("""
                CREATE VIEW pledge_status AS
                SELECT i.reference, i.amount_vnd, i.currency, COALESCE(p.status, 'Received') AS status, i.campaign_slug,
                       i.idempotency_key_hash
                FROM pledge_intake i LEFT JOIN pledges p ON p.intake_id = i.id
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS pledge_status;");

            migrationBuilder.DropTable(
                name: "pledge_intake");

            migrationBuilder.DropTable(
                name: "pledges");
        }
    }
}
