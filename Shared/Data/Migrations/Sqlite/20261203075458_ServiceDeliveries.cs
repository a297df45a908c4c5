using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
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
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    allocation_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    site_id = table.Column<int>(type: "INTEGER", nullable: false),
                    intervention_id = table.Column<int>(type: "INTEGER", nullable: true),
                    checkup_session_id = table.Column<int>(type: "INTEGER", nullable: true),
                    from_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    served = table.Column<int>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    recorded_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    confirmed_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    confirmed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ledger_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    cancelled_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    cancelled_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cancel_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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

            // The database's word, whoever writes (SQLite: triggers; the four-eyes and state rules are CHECKs above).
            migrationBuilder.Sql("""
                CREATE TRIGGER service_deliveries_insert_recorded BEFORE INSERT ON service_deliveries
                WHEN NEW.state <> 'Recorded' OR NOT EXISTS (SELECT 1 FROM allocations a WHERE a.id = NEW.allocation_id AND a.state = 'Approved'
                    AND a.goods_line_id IS NULL AND a.admin_unit_id = NEW.admin_unit_id)
                BEGIN SELECT RAISE(ABORT, 'service_deliveries: a new service delivery is recorded, for an approved money allocation of its commune'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER service_deliveries_no_overlap BEFORE INSERT ON service_deliveries
                WHEN NEW.kind = 'Meals' AND EXISTS (SELECT 1 FROM service_deliveries d WHERE d.intervention_id = NEW.intervention_id AND d.site_id = NEW.site_id
                    AND d.state <> 'Cancelled' AND d.from_date <= NEW.to_date AND d.to_date >= NEW.from_date)
                BEGIN SELECT RAISE(ABORT, 'service_deliveries: the same meal days of a school are delivered once'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER service_deliveries_life BEFORE UPDATE ON service_deliveries
                WHEN NOT (OLD.state = 'Recorded' AND NEW.state IN ('Confirmed', 'Cancelled'))
                  OR NEW.allocation_id IS NOT OLD.allocation_id OR NEW.admin_unit_id IS NOT OLD.admin_unit_id OR NEW.kind IS NOT OLD.kind
                  OR NEW.site_id IS NOT OLD.site_id OR NEW.intervention_id IS NOT OLD.intervention_id OR NEW.checkup_session_id IS NOT OLD.checkup_session_id
                  OR NEW.from_date IS NOT OLD.from_date OR NEW.to_date IS NOT OLD.to_date OR NEW.served IS NOT OLD.served OR NEW.quantity IS NOT OLD.quantity
                  OR NEW.item IS NOT OLD.item OR NEW.unit IS NOT OLD.unit OR NEW.recorded_by_id IS NOT OLD.recorded_by_id
                BEGIN SELECT RAISE(ABORT, 'service_deliveries: recorded, then confirmed or cancelled once; what was recorded never changes'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER service_deliveries_confirmed BEFORE UPDATE ON service_deliveries
                WHEN NEW.state = 'Confirmed' AND NOT EXISTS (SELECT 1 FROM ledger_entries e JOIN allocations a ON a.id = NEW.allocation_id
                    WHERE e.sequence = NEW.ledger_sequence AND e.kind = 'Distribution' AND e.amount_vnd = 0
                    AND CAST(e.quantity AS REAL) = NEW.quantity AND e.source_sequence = a.ledger_sequence)
                BEGIN SELECT RAISE(ABORT, 'service_deliveries: a confirmation names its distribution entry (amount 0, the quantity, drawn from the allocation''s entry)'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER service_deliveries_refuse_delete BEFORE DELETE ON service_deliveries
                BEGIN SELECT RAISE(ABORT, 'service_deliveries are never deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "service_deliveries_insert_recorded", "service_deliveries_no_overlap", "service_deliveries_life",
                         "service_deliveries_confirmed", "service_deliveries_refuse_delete" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.DropTable(
                name: "service_deliveries");
        }
    }
}
