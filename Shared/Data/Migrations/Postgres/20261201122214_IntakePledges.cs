using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    idempotency_key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    campaign_slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    need_reference = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    amount_vnd = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    original_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    exchange_rate = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    display = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    donor_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    donor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    donor_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    donor_phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    donor_tax_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    donor_address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    follow_campaign = table.Column<bool>(type: "boolean", nullable: false),
                    instalments_json = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    in_kind_lines_json = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    reference = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    intake_id = table.Column<Guid>(type: "uuid", nullable: false),
                    donor_id = table.Column<int>(type: "integer", nullable: false),
                    campaign_id = table.Column<int>(type: "integer", nullable: true),
                    admin_unit_id = table.Column<int>(type: "integer", nullable: false),
                    amount_vnd = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    original_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    exchange_rate = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    paid_vnd = table.Column<long>(type: "bigint", nullable: false),
                    instalments_json = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
            // PublicSite's intake login: INSERT into the intake table, SELECT the status view, nothing else. The view
            // runs with its owner's rights, so the role needs no privilege on pledge_intake or pledges to read it.
            migrationBuilder.Sql("""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'childaid_intake') THEN
                    CREATE ROLE childaid_intake NOLOGIN;
                  END IF;
                END $$;
                """);
            migrationBuilder.Sql("GRANT USAGE ON SCHEMA public TO childaid_intake;");
            migrationBuilder.Sql("GRANT INSERT ON pledge_intake TO childaid_intake;");
            migrationBuilder.Sql("GRANT SELECT ON pledge_status TO childaid_intake;");
            // BackOffice turns intake rows into pledges (the default privileges cover this too; said here on purpose).
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE, DELETE ON pledge_intake, pledges TO childaid_app;");
            migrationBuilder.Sql("GRANT SELECT ON pledge_status TO childaid_app;");
            migrationBuilder.Sql("GRANT USAGE, SELECT ON SEQUENCE pledges_id_seq TO childaid_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS pledge_status;");
            migrationBuilder.Sql("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM childaid_intake;");
            migrationBuilder.Sql("REVOKE USAGE ON SCHEMA public FROM childaid_intake;");

            migrationBuilder.DropTable(
                name: "pledge_intake");

            migrationBuilder.DropTable(
                name: "pledges");
        }
    }
}
