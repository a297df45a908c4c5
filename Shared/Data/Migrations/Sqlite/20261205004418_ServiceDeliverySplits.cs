using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceDeliverySplits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_deliveries_checkup_session_id",
                table: "service_deliveries");

            migrationBuilder.CreateIndex(
                name: "ix_service_deliveries_checkup_session_id",
                table: "service_deliveries",
                column: "checkup_session_id");

            // A range served beyond one allocation is split between allocations: further live records of EXACTLY the same days (or
            // the same session) may credit the rest, never together more than was served; other overlapping days stay refused.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS service_deliveries_no_overlap;");
            migrationBuilder.Sql("""
                CREATE TRIGGER service_deliveries_no_overlap BEFORE INSERT ON service_deliveries
                WHEN NEW.kind = 'Meals' AND (EXISTS (SELECT 1 FROM service_deliveries d WHERE d.intervention_id = NEW.intervention_id AND d.site_id = NEW.site_id
                        AND d.state <> 'Cancelled' AND d.from_date <= NEW.to_date AND d.to_date >= NEW.from_date
                        AND (d.from_date <> NEW.from_date OR d.to_date <> NEW.to_date))
                    OR NEW.quantity + (SELECT coalesce(sum(d.quantity), 0) FROM service_deliveries d WHERE d.intervention_id = NEW.intervention_id
                        AND d.site_id = NEW.site_id AND d.state <> 'Cancelled' AND d.from_date = NEW.from_date AND d.to_date = NEW.to_date) > NEW.served)
                BEGIN SELECT RAISE(ABORT, 'service_deliveries: the same meal days of a school are delivered once (split between allocations, never beyond the meals served)'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER service_deliveries_session_once BEFORE INSERT ON service_deliveries
                WHEN NEW.kind = 'Checkup' AND NEW.quantity + (SELECT coalesce(sum(d.quantity), 0) FROM service_deliveries d
                    WHERE d.checkup_session_id = NEW.checkup_session_id AND d.state <> 'Cancelled') > NEW.served
                BEGIN SELECT RAISE(ABORT, 'service_deliveries: a session''s children are delivered once (split between allocations, never beyond those measured)'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_deliveries_checkup_session_id",
                table: "service_deliveries");

            migrationBuilder.CreateIndex(
                name: "ix_service_deliveries_checkup_session_id",
                table: "service_deliveries",
                column: "checkup_session_id",
                unique: true,
                filter: "state <> 'Cancelled'");

            migrationBuilder.Sql("DROP TRIGGER IF EXISTS service_deliveries_session_once;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS service_deliveries_no_overlap;");
            migrationBuilder.Sql("""
                CREATE TRIGGER service_deliveries_no_overlap BEFORE INSERT ON service_deliveries
                WHEN NEW.kind = 'Meals' AND EXISTS (SELECT 1 FROM service_deliveries d WHERE d.intervention_id = NEW.intervention_id AND d.site_id = NEW.site_id
                    AND d.state <> 'Cancelled' AND d.from_date <= NEW.to_date AND d.to_date >= NEW.from_date)
                BEGIN SELECT RAISE(ABORT, 'service_deliveries: the same meal days of a school are delivered once'); END;
                """);
        }
    }
}
