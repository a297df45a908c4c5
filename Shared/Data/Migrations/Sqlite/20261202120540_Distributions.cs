using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Distributions : Migration
    {
        internal const string OnHand =
            "NEW.good_quantity - (SELECT coalesce(sum(quantity), 0) FROM stock_write_offs WHERE stock_lot_id = NEW.id) " +
            "- (SELECT coalesce(sum(quantity), 0) FROM distributions WHERE stock_lot_id = NEW.id AND departure_sequence IS NOT NULL) " +
            "+ (SELECT coalesce(sum(quantity - delivered_quantity), 0) FROM distributions WHERE stock_lot_id = NEW.id AND state = 'Delivered')";

        private static readonly string[] Triggers =
        [
            "distributions_insert_draft", "distributions_life", "distributions_departure", "distributions_delivery", "distributions_refuse_delete",
            "distribution_proofs_never_change", "distribution_proofs_refuse_delete",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "distributions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    allocation_id = table.Column<int>(type: "INTEGER", nullable: false),
                    stock_lot_id = table.Column<int>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    planned_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    carrier = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recipient = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    school_id = table.Column<int>(type: "INTEGER", nullable: true),
                    children_count = table.Column<int>(type: "INTEGER", nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    confirmed_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    confirmed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    departed_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    departed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    departure_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    arrived_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    arrived_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    delivered_quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    delivered_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    receiver_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    receiver_role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    delivery_confirmed_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    delivery_confirmed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    distribution_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    return_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    proof_file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    proof_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
                    distribution_id = table.Column<int>(type: "INTEGER", nullable: false),
                    bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
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

            // Stock on hand now also counts what distributions took (departed) and put back (a partial delivery's rest).
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS stock_lots_on_hand;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER stock_lots_on_hand BEFORE UPDATE ON stock_lots
                WHEN NEW.state = 'Stocked' AND NEW.on_hand IS NOT {OnHand}
                BEGIN SELECT RAISE(ABORT, 'stock_lots: on hand is the good quantity less what was written off and what distributions took'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distributions_insert_draft BEFORE INSERT ON distributions
                WHEN NEW.state <> 'Draft' OR NOT EXISTS (SELECT 1 FROM allocations a JOIN stock_lots l ON l.goods_line_id = a.goods_line_id
                    WHERE a.id = NEW.allocation_id AND a.state = 'Approved' AND l.id = NEW.stock_lot_id AND l.state = 'Stocked' AND a.admin_unit_id = NEW.admin_unit_id)
                BEGIN SELECT RAISE(ABORT, 'distributions: a new distribution is a draft, from the stocked lot of an approved goods allocation'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distributions_life BEFORE UPDATE ON distributions
                WHEN NOT ((OLD.state = 'Draft' AND NEW.state IN ('Draft', 'Confirmed')) OR (OLD.state = 'Confirmed' AND NEW.state = 'Departed')
                        OR (OLD.state = 'Departed' AND NEW.state = 'Arrived') OR (OLD.state = 'Arrived' AND NEW.state = 'Delivered'))
                  OR NEW.allocation_id IS NOT OLD.allocation_id OR NEW.stock_lot_id IS NOT OLD.stock_lot_id OR NEW.admin_unit_id IS NOT OLD.admin_unit_id
                  OR (OLD.state <> 'Draft' AND NEW.quantity IS NOT OLD.quantity)
                  OR (OLD.state IN ('Departed', 'Arrived') AND NEW.departure_sequence IS NOT OLD.departure_sequence)
                BEGIN SELECT RAISE(ABORT, 'distributions: draft, confirmed, departed, arrived, delivered, one step at a time; what left the stock never changes'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distributions_departure BEFORE UPDATE ON distributions
                WHEN NEW.state = 'Departed' AND OLD.state = 'Confirmed' AND (NEW.quantity > (SELECT on_hand FROM stock_lots WHERE id = NEW.stock_lot_id)
                    OR NOT EXISTS (SELECT 1 FROM ledger_entries e JOIN stock_lots l ON l.id = NEW.stock_lot_id WHERE e.sequence = NEW.departure_sequence
                        AND e.kind = 'StockMovement' AND CAST(e.quantity AS REAL) = -NEW.quantity AND e.source_sequence = l.stocked_sequence))
                BEGIN SELECT RAISE(ABORT, 'distributions: a departure takes no more than is on hand, with its stock movement (- the quantity) in the ledger'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distributions_delivery BEFORE UPDATE ON distributions
                WHEN NEW.state = 'Delivered' AND OLD.state = 'Arrived' AND NEW.delivered_quantity > 0 AND NOT EXISTS (SELECT 1 FROM ledger_entries e
                    JOIN allocations a ON a.id = NEW.allocation_id WHERE e.sequence = NEW.distribution_sequence AND e.kind = 'Distribution'
                    AND CAST(e.quantity AS REAL) = NEW.delivered_quantity AND e.source_sequence = a.ledger_sequence)
                BEGIN SELECT RAISE(ABORT, 'distributions: a delivery names its distribution entry (the delivered quantity, drawn from the allocation''s entry)'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distributions_refuse_delete BEFORE DELETE ON distributions
                BEGIN SELECT RAISE(ABORT, 'distributions are never deleted'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distribution_proofs_never_change BEFORE UPDATE ON distribution_proofs
                BEGIN SELECT RAISE(ABORT, 'distribution_proofs are never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distribution_proofs_refuse_delete BEFORE DELETE ON distribution_proofs
                BEGIN SELECT RAISE(ABORT, 'distribution_proofs are never deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Triggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS stock_lots_on_hand;");
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_lots_on_hand BEFORE UPDATE ON stock_lots
                WHEN NEW.state = 'Stocked' AND NEW.on_hand IS NOT NEW.good_quantity
                    - (SELECT coalesce(sum(quantity), 0) FROM stock_write_offs WHERE stock_lot_id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'stock_lots: on hand is the good quantity less what was written off'); END;
                """);
            migrationBuilder.DropTable(
                name: "distribution_proofs");

            migrationBuilder.DropTable(
                name: "distributions");
        }
    }
}
