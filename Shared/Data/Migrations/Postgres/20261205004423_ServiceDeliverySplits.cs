using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
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
                        -- A range served beyond one allocation is split: further live records of EXACTLY the same days (or the same session)
                        -- may credit the rest, never together more than was served; other overlapping days stay refused. The site's lock
                        -- above serialises concurrent inserts (a session is held at one site).
                        IF NEW.kind = 'Meals' AND (EXISTS (SELECT 1 FROM service_deliveries d WHERE d.intervention_id = NEW.intervention_id AND d.site_id = NEW.site_id
                                AND d.state <> 'Cancelled' AND d.from_date <= NEW.to_date AND d.to_date >= NEW.from_date
                                AND (d.from_date <> NEW.from_date OR d.to_date <> NEW.to_date))
                            OR NEW.quantity + (SELECT coalesce(sum(d.quantity), 0) FROM service_deliveries d WHERE d.intervention_id = NEW.intervention_id
                                AND d.site_id = NEW.site_id AND d.state <> 'Cancelled' AND d.from_date = NEW.from_date AND d.to_date = NEW.to_date) > NEW.served) THEN
                            RAISE EXCEPTION 'service_deliveries: the same meal days of a school are delivered once (split between allocations, never beyond the meals served)';
                        END IF;
                        IF NEW.kind = 'Checkup' AND NEW.quantity + (SELECT coalesce(sum(d.quantity), 0) FROM service_deliveries d
                            WHERE d.checkup_session_id = NEW.checkup_session_id AND d.state <> 'Cancelled') > NEW.served THEN
                            RAISE EXCEPTION 'service_deliveries: a session''s children are delivered once (split between allocations, never beyond those measured)';
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
                """);
        }
    }
}
