using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Distributions : Migration
    {
        private const string OnHand =
            "NEW.good_quantity - (SELECT coalesce(sum(quantity), 0) FROM stock_write_offs WHERE stock_lot_id = NEW.id) " +
            "- (SELECT coalesce(sum(quantity), 0) FROM distributions WHERE stock_lot_id = NEW.id AND departure_sequence IS NOT NULL) " +
            "+ (SELECT coalesce(sum(quantity - delivered_quantity), 0) FROM distributions WHERE stock_lot_id = NEW.id AND state = 'Delivered')";

        /// <summary>The lots' guard of migration Stock, its on-hand sum left as ON_HAND.</summary>
        private const string StockLotsGuard = """
                CREATE OR REPLACE FUNCTION stock_lots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                        RAISE EXCEPTION 'stock_lots are never deleted: a lot ends stocked or rejected';
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        IF NEW.state <> 'Announced' THEN
                            RAISE EXCEPTION 'stock_lots: a new lot is announced';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF NOT ((OLD.state = 'Announced' AND NEW.state = 'Received') OR (OLD.state = 'Received' AND NEW.state = 'Inspected')
                            OR (OLD.state = 'Inspected' AND NEW.state IN ('Stocked', 'Rejected')) OR (OLD.state = 'Stocked' AND NEW.state = 'Stocked'))
                        OR NEW.contribution_id IS DISTINCT FROM OLD.contribution_id OR NEW.goods_line_id IS DISTINCT FROM OLD.goods_line_id
                        OR NEW.item IS DISTINCT FROM OLD.item OR NEW.unit IS DISTINCT FROM OLD.unit OR NEW.unit_value_vnd IS DISTINCT FROM OLD.unit_value_vnd
                        OR NEW.expected_quantity IS DISTINCT FROM OLD.expected_quantity OR NEW.announced_by_id IS DISTINCT FROM OLD.announced_by_id
                        OR NEW.announced_at IS DISTINCT FROM OLD.announced_at
                        OR (OLD.state <> 'Announced' AND (NEW.admin_unit_id IS DISTINCT FROM OLD.admin_unit_id
                            OR NEW.received_quantity IS DISTINCT FROM OLD.received_quantity OR NEW.received_on IS DISTINCT FROM OLD.received_on
                            OR NEW.received_by_id IS DISTINCT FROM OLD.received_by_id OR NEW.received_at IS DISTINCT FROM OLD.received_at))
                        OR (OLD.state IN ('Inspected', 'Stocked') AND (NEW.goods_kind IS DISTINCT FROM OLD.goods_kind
                            OR NEW.good_quantity IS DISTINCT FROM OLD.good_quantity OR NEW.damaged_quantity IS DISTINCT FROM OLD.damaged_quantity
                            OR NEW.expired_quantity IS DISTINCT FROM OLD.expired_quantity OR NEW.size_band IS DISTINCT FROM OLD.size_band
                            OR NEW.expiry_date IS DISTINCT FROM OLD.expiry_date OR NEW.inspected_by_id IS DISTINCT FROM OLD.inspected_by_id
                            OR NEW.inspected_at IS DISTINCT FROM OLD.inspected_at OR NEW.inspection_note IS DISTINCT FROM OLD.inspection_note))
                        OR (OLD.state = 'Stocked' AND (NEW.lot_number IS DISTINCT FROM OLD.lot_number OR NEW.stocked_sequence IS DISTINCT FROM OLD.stocked_sequence
                            OR NEW.stocked_by_id IS DISTINCT FROM OLD.stocked_by_id OR NEW.stocked_at IS DISTINCT FROM OLD.stocked_at)) THEN
                        RAISE EXCEPTION 'stock_lots: announced, received, inspected, then stocked or rejected; what a step recorded never changes';
                    END IF;
                    IF NEW.state = 'Stocked' AND OLD.state <> 'Stocked' AND NOT EXISTS (SELECT 1 FROM ledger_entries
                            WHERE sequence = NEW.stocked_sequence AND kind = 'StockMovement' AND quantity = NEW.good_quantity) THEN
                        RAISE EXCEPTION 'stock_lots: a stocked lot names its stock movement in the ledger (+ the good quantity)';
                    END IF;
                    IF NEW.state = 'Stocked' AND NEW.on_hand IS DISTINCT FROM ON_HAND THEN
                        RAISE EXCEPTION 'stock_lots: on hand is the good quantity less what was written off';
                    END IF;
                    RETURN NEW;
                END $$;
                """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "distributions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    admin_unit_id = table.Column<int>(type: "integer", nullable: false),
                    allocation_id = table.Column<int>(type: "integer", nullable: false),
                    stock_lot_id = table.Column<int>(type: "integer", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    planned_on = table.Column<DateOnly>(type: "date", nullable: false),
                    place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    carrier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recipient = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    school_id = table.Column<int>(type: "integer", nullable: true),
                    children_count = table.Column<int>(type: "integer", nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    confirmed_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    confirmed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    departed_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    departed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    departure_sequence = table.Column<long>(type: "bigint", nullable: true),
                    arrived_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    arrived_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    delivered_quantity = table.Column<int>(type: "integer", nullable: true),
                    delivered_on = table.Column<DateOnly>(type: "date", nullable: true),
                    receiver_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    receiver_role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    delivery_confirmed_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    delivery_confirmed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    distribution_sequence = table.Column<long>(type: "bigint", nullable: true),
                    return_sequence = table.Column<long>(type: "bigint", nullable: true),
                    proof_file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    proof_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_distributions", x => x.id);
                    table.CheckConstraint("ck_distributions_four_eyes", "delivery_confirmed_by_id IS NULL OR delivery_confirmed_by_id <> departed_by_id");
                    table.CheckConstraint("ck_distributions_quantity", "quantity > 0");
                    table.CheckConstraint("ck_distributions_recipient", "(recipient = 'School' AND school_id IS NOT NULL) OR (recipient = 'Children' AND children_count > 0) OR recipient = 'Commune'");
                    table.CheckConstraint("ck_distributions_state", "(state = 'Draft' AND confirmed_by_id IS NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Confirmed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Departed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NOT NULL AND departed_by_id IS NOT NULL AND arrived_by_id IS NULL AND delivered_quantity IS NULL) OR (state = 'Arrived' AND departure_sequence IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NULL) OR (state = 'Delivered' AND departure_sequence IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NOT NULL AND delivered_quantity >= 0 AND delivered_quantity <= quantity AND receiver_name IS NOT NULL AND receiver_role IS NOT NULL AND proof_sha256 IS NOT NULL AND delivery_confirmed_by_id IS NOT NULL AND (delivered_quantity = 0 OR distribution_sequence IS NOT NULL) AND (delivered_quantity = quantity OR return_sequence IS NOT NULL))");
                    table.ForeignKey(
                        name: "fk_distributions_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_distributions_allocations_allocation_id",
                        column: x => x.allocation_id,
                        principalTable: "allocations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_distributions_organisations_school_id",
                        column: x => x.school_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_distributions_stock_lots_stock_lot_id",
                        column: x => x.stock_lot_id,
                        principalTable: "stock_lots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "distribution_proofs",
                columns: table => new
                {
                    distribution_id = table.Column<int>(type: "integer", nullable: false),
                    bytes = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_distribution_proofs", x => x.distribution_id);
                    table.ForeignKey(
                        name: "fk_distribution_proofs_distributions_distribution_id",
                        column: x => x.distribution_id,
                        principalTable: "distributions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_distributions_admin_unit_id",
                table: "distributions",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_distributions_allocation_id",
                table: "distributions",
                column: "allocation_id");

            migrationBuilder.CreateIndex(
                name: "ix_distributions_departure_sequence",
                table: "distributions",
                column: "departure_sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_distributions_distribution_sequence",
                table: "distributions",
                column: "distribution_sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_distributions_school_id",
                table: "distributions",
                column: "school_id");

            migrationBuilder.CreateIndex(
                name: "ix_distributions_state_admin_unit_id",
                table: "distributions",
                columns: new[] { "state", "admin_unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_distributions_stock_lot_id",
                table: "distributions",
                column: "stock_lot_id");

            // Stock on hand now also counts what distributions took (departed) and put back (a partial delivery's rest):
            // the lots' guard is replaced with that sum; distributions get their own guard.
            migrationBuilder.Sql(StockLotsGuard.Replace("ON_HAND", OnHand, StringComparison.Ordinal));
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION distributions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                        RAISE EXCEPTION 'distributions are never deleted';
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        IF NEW.state <> 'Draft' OR NOT EXISTS (SELECT 1 FROM allocations a JOIN stock_lots l ON l.goods_line_id = a.goods_line_id
                            WHERE a.id = NEW.allocation_id AND a.state = 'Approved' AND l.id = NEW.stock_lot_id AND l.state = 'Stocked' AND a.admin_unit_id = NEW.admin_unit_id) THEN
                            RAISE EXCEPTION 'distributions: a new distribution is a draft, from the stocked lot of an approved goods allocation';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF NOT ((OLD.state = 'Draft' AND NEW.state IN ('Draft', 'Confirmed')) OR (OLD.state = 'Confirmed' AND NEW.state = 'Departed')
                            OR (OLD.state = 'Departed' AND NEW.state = 'Arrived') OR (OLD.state = 'Arrived' AND NEW.state = 'Delivered'))
                        OR NEW.allocation_id IS DISTINCT FROM OLD.allocation_id OR NEW.stock_lot_id IS DISTINCT FROM OLD.stock_lot_id
                        OR NEW.admin_unit_id IS DISTINCT FROM OLD.admin_unit_id OR (OLD.state <> 'Draft' AND NEW.quantity IS DISTINCT FROM OLD.quantity)
                        OR (OLD.state IN ('Departed', 'Arrived') AND NEW.departure_sequence IS DISTINCT FROM OLD.departure_sequence) THEN
                        RAISE EXCEPTION 'distributions: draft, confirmed, departed, arrived, delivered, one step at a time; what left the stock never changes';
                    END IF;
                    IF NEW.state = 'Departed' AND OLD.state = 'Confirmed' AND (NEW.quantity > (SELECT on_hand FROM stock_lots WHERE id = NEW.stock_lot_id)
                        OR NOT EXISTS (SELECT 1 FROM ledger_entries e JOIN stock_lots l ON l.id = NEW.stock_lot_id WHERE e.sequence = NEW.departure_sequence
                            AND e.kind = 'StockMovement' AND e.quantity = -NEW.quantity AND e.source_sequence = l.stocked_sequence)) THEN
                        RAISE EXCEPTION 'distributions: a departure takes no more than is on hand, with its stock movement (- the quantity) in the ledger';
                    END IF;
                    IF NEW.state = 'Delivered' AND OLD.state = 'Arrived' AND NEW.delivered_quantity > 0 AND NOT EXISTS (SELECT 1 FROM ledger_entries e
                        JOIN allocations a ON a.id = NEW.allocation_id WHERE e.sequence = NEW.distribution_sequence AND e.kind = 'Distribution'
                        AND e.quantity = NEW.delivered_quantity AND e.source_sequence = a.ledger_sequence) THEN
                        RAISE EXCEPTION 'distributions: a delivery names its distribution entry (the delivered quantity, drawn from the allocation''s entry)';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER distributions_guard BEFORE INSERT OR UPDATE OR DELETE ON distributions FOR EACH ROW EXECUTE FUNCTION distributions_guard();
                CREATE TRIGGER distributions_no_truncate BEFORE TRUNCATE ON distributions FOR EACH STATEMENT EXECUTE FUNCTION distributions_guard();

                CREATE OR REPLACE FUNCTION distribution_proofs_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'distribution_proofs are never changed or deleted';
                END $$;
                CREATE TRIGGER distribution_proofs_guard BEFORE INSERT OR UPDATE OR DELETE ON distribution_proofs FOR EACH ROW EXECUTE FUNCTION distribution_proofs_guard();
                CREATE TRIGGER distribution_proofs_no_truncate BEFORE TRUNCATE ON distribution_proofs FOR EACH STATEMENT EXECUTE FUNCTION distribution_proofs_guard();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS distributions_guard() CASCADE;
                DROP FUNCTION IF EXISTS distribution_proofs_guard() CASCADE;
                """);
            migrationBuilder.Sql(StockLotsGuard.Replace("ON_HAND", "NEW.good_quantity - (SELECT coalesce(sum(quantity), 0) FROM stock_write_offs WHERE stock_lot_id = NEW.id)", StringComparison.Ordinal));
            migrationBuilder.DropTable(
                name: "distribution_proofs");

            migrationBuilder.DropTable(
                name: "distributions");
        }
    }
}
