using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ServiceDeliveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "service_deliveries",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    admin_unit_id = table.Column<int>(type: "integer", nullable: false),
                    allocation_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    site_id = table.Column<int>(type: "integer", nullable: false),
                    intervention_id = table.Column<int>(type: "integer", nullable: true),
                    checkup_session_id = table.Column<int>(type: "integer", nullable: true),
                    from_date = table.Column<DateOnly>(type: "date", nullable: false),
                    to_date = table.Column<DateOnly>(type: "date", nullable: false),
                    served = table.Column<int>(type: "integer", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    item = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    recorded_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    confirmed_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    confirmed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ledger_sequence = table.Column<long>(type: "bigint", nullable: true),
                    cancelled_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    cancelled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    cancel_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_deliveries", x => x.id);
                    table.CheckConstraint("ck_service_deliveries_four_eyes", "confirmed_by_id IS NULL OR confirmed_by_id <> recorded_by_id");
                    table.CheckConstraint("ck_service_deliveries_quantity", "quantity > 0 AND quantity <= served AND from_date <= to_date");
                    table.CheckConstraint("ck_service_deliveries_source", "(kind = 'Meals' AND intervention_id IS NOT NULL AND checkup_session_id IS NULL) OR (kind = 'Checkup' AND checkup_session_id IS NOT NULL AND intervention_id IS NULL AND from_date = to_date)");
                    table.CheckConstraint("ck_service_deliveries_state", "(state = 'Recorded' AND confirmed_by_id IS NULL AND ledger_sequence IS NULL AND cancelled_by_id IS NULL) OR (state = 'Confirmed' AND confirmed_by_id IS NOT NULL AND ledger_sequence IS NOT NULL AND cancelled_by_id IS NULL) OR (state = 'Cancelled' AND cancelled_by_id IS NOT NULL AND cancel_reason IS NOT NULL AND ledger_sequence IS NULL)");
                    table.ForeignKey(
                        name: "fk_service_deliveries_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_deliveries_allocations_allocation_id",
                        column: x => x.allocation_id,
                        principalTable: "allocations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_deliveries_checkup_sessions_checkup_session_id",
                        column: x => x.checkup_session_id,
                        principalTable: "checkup_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_deliveries_interventions_intervention_id",
                        column: x => x.intervention_id,
                        principalTable: "interventions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_deliveries_organisations_site_id",
                        column: x => x.site_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_service_deliveries_admin_unit_id",
                table: "service_deliveries",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_deliveries_allocation_id",
                table: "service_deliveries",
                column: "allocation_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_deliveries_checkup_session_id",
                table: "service_deliveries",
                column: "checkup_session_id",
                unique: true,
                filter: "state <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "ix_service_deliveries_intervention_id_site_id_from_date",
                table: "service_deliveries",
                columns: new[] { "intervention_id", "site_id", "from_date" });

            migrationBuilder.CreateIndex(
                name: "ix_service_deliveries_ledger_sequence",
                table: "service_deliveries",
                column: "ledger_sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_deliveries_site_id",
                table: "service_deliveries",
                column: "site_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_deliveries_state_admin_unit_id",
                table: "service_deliveries",
                columns: new[] { "state", "admin_unit_id" });

            // The database's word, whoever writes; an advisory lock per site serialises concurrent inserts for the overlap rule.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION service_deliveries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                        RAISE EXCEPTION 'service_deliveries are never deleted';
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        IF NEW.state <> 'Recorded' OR NOT EXISTS (SELECT 1 FROM allocations a WHERE a.id = NEW.allocation_id AND a.state = 'Approved'
                            AND a.goods_line_id IS NULL AND a.admin_unit_id = NEW.admin_unit_id) THEN
                            RAISE EXCEPTION 'service_deliveries: a new service delivery is recorded, for an approved money allocation of its commune';
                        END IF;
                        PERFORM pg_advisory_xact_lock(1004, NEW.site_id);
                        IF NEW.kind = 'Meals' AND EXISTS (SELECT 1 FROM service_deliveries d WHERE d.intervention_id = NEW.intervention_id AND d.site_id = NEW.site_id
                            AND d.state <> 'Cancelled' AND d.from_date <= NEW.to_date AND d.to_date >= NEW.from_date) THEN
                            RAISE EXCEPTION 'service_deliveries: the same meal days of a school are delivered once';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF NOT (OLD.state = 'Recorded' AND NEW.state IN ('Confirmed', 'Cancelled'))
                        OR NEW.allocation_id IS DISTINCT FROM OLD.allocation_id OR NEW.admin_unit_id IS DISTINCT FROM OLD.admin_unit_id OR NEW.kind IS DISTINCT FROM OLD.kind
                        OR NEW.site_id IS DISTINCT FROM OLD.site_id OR NEW.intervention_id IS DISTINCT FROM OLD.intervention_id
                        OR NEW.checkup_session_id IS DISTINCT FROM OLD.checkup_session_id OR NEW.from_date IS DISTINCT FROM OLD.from_date
                        OR NEW.to_date IS DISTINCT FROM OLD.to_date OR NEW.served IS DISTINCT FROM OLD.served OR NEW.quantity IS DISTINCT FROM OLD.quantity
                        OR NEW.item IS DISTINCT FROM OLD.item OR NEW.unit IS DISTINCT FROM OLD.unit OR NEW.recorded_by_id IS DISTINCT FROM OLD.recorded_by_id THEN
                        RAISE EXCEPTION 'service_deliveries: recorded, then confirmed or cancelled once; what was recorded never changes';
                    END IF;
                    IF NEW.state = 'Confirmed' AND NOT EXISTS (SELECT 1 FROM ledger_entries e JOIN allocations a ON a.id = NEW.allocation_id
                        WHERE e.sequence = NEW.ledger_sequence AND e.kind = 'Distribution' AND e.amount_vnd = 0
                        AND e.quantity = NEW.quantity AND e.source_sequence = a.ledger_sequence) THEN
                        RAISE EXCEPTION 'service_deliveries: a confirmation names its distribution entry (amount 0, the quantity, drawn from the allocation''s entry)';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER service_deliveries_guard BEFORE INSERT OR UPDATE OR DELETE ON service_deliveries FOR EACH ROW EXECUTE FUNCTION service_deliveries_guard();
                CREATE TRIGGER service_deliveries_no_truncate BEFORE TRUNCATE ON service_deliveries FOR EACH STATEMENT EXECUTE FUNCTION service_deliveries_guard();
                """);
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE ON service_deliveries TO childaid_app;");
            migrationBuilder.Sql("GRANT USAGE, SELECT ON SEQUENCE service_deliveries_id_seq TO childaid_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS service_deliveries_no_truncate ON service_deliveries;
                DROP TRIGGER IF EXISTS service_deliveries_guard ON service_deliveries;
                DROP FUNCTION IF EXISTS service_deliveries_guard();
                """);
            migrationBuilder.DropTable(
                name: "service_deliveries");
        }
    }
}
