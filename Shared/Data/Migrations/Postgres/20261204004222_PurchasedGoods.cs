using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// Goods bought with donated money: an expense line's quantity (at least 1, for a need counted in items, never changed)
    /// and distributions without a stock lot: the guard now lets a draft come from an approved money allocation to a need for
    /// items, and lets its departure write no stock movement but take no more than the allocation's approved, unreversed
    /// expenses bought, less what its other live distributions take.
    /// </summary>
    public partial class PurchasedGoods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions");

            migrationBuilder.AddColumn<int>(
                name: "quantity",
                table: "expense_lines",
                type: "integer",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "stock_lot_id",
                table: "distributions",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions",
                sql: "(state = 'Draft' AND confirmed_by_id IS NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Confirmed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Departed' AND confirmed_by_id IS NOT NULL AND departed_by_id IS NOT NULL AND arrived_by_id IS NULL AND delivered_quantity IS NULL) OR (state = 'Arrived' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NULL) OR (state = 'Delivered' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NOT NULL AND delivered_quantity >= 0 AND delivered_quantity <= quantity AND receiver_name IS NOT NULL AND receiver_role IS NOT NULL AND proof_sha256 IS NOT NULL AND delivery_confirmed_by_id IS NOT NULL AND (delivered_quantity = 0 OR distribution_sequence IS NOT NULL) AND (delivered_quantity = quantity OR return_sequence IS NOT NULL OR stock_lot_id IS NULL))");

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_stock_movements",
                table: "distributions",
                sql: "(stock_lot_id IS NULL AND departure_sequence IS NULL AND return_sequence IS NULL) OR (stock_lot_id IS NOT NULL AND (state IN ('Draft', 'Confirmed') OR departure_sequence IS NOT NULL))");

            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION expense_lines_quantity_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' AND NEW.quantity IS NOT NULL AND (NEW.quantity < 1 OR NOT EXISTS (SELECT 1 FROM allocations a
                        JOIN need_lines n ON n.id = a.need_line_id WHERE a.id = NEW.allocation_id AND n.unit = 'Items')) THEN
                        RAISE EXCEPTION 'expense_lines: a quantity bought is at least 1, for a need counted in items';
                    END IF;
                    IF TG_OP = 'UPDATE' AND NEW.quantity IS DISTINCT FROM OLD.quantity THEN
                        RAISE EXCEPTION 'expense_lines: the quantity bought never changes';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER expense_lines_quantity_guard BEFORE INSERT OR UPDATE ON expense_lines FOR EACH ROW EXECUTE FUNCTION expense_lines_quantity_guard();
                """);
            migrationBuilder.Sql(DistributionsGuard("""
                    IF TG_OP = 'INSERT' THEN
                        IF NEW.state <> 'Draft' OR NOT EXISTS (SELECT 1 FROM allocations a LEFT JOIN stock_lots l ON l.goods_line_id = a.goods_line_id
                            WHERE a.id = NEW.allocation_id AND a.state = 'Approved' AND a.admin_unit_id = NEW.admin_unit_id
                              AND ((NEW.stock_lot_id IS NOT NULL AND l.id = NEW.stock_lot_id AND l.state = 'Stocked')
                                OR (NEW.stock_lot_id IS NULL AND a.goods_line_id IS NULL
                                    AND EXISTS (SELECT 1 FROM need_lines n WHERE n.id = a.need_line_id AND n.unit = 'Items')))) THEN
                            RAISE EXCEPTION 'distributions: a new distribution is a draft, from the stocked lot of an approved goods allocation or the purchases of an approved money allocation to a need for items';
                        END IF;
                        RETURN NEW;
                    END IF;
                """, """
                    IF NEW.state = 'Departed' AND OLD.state = 'Confirmed' AND NEW.stock_lot_id IS NOT NULL AND (NEW.quantity > (SELECT on_hand FROM stock_lots WHERE id = NEW.stock_lot_id)
                        OR NOT EXISTS (SELECT 1 FROM ledger_entries e JOIN stock_lots l ON l.id = NEW.stock_lot_id WHERE e.sequence = NEW.departure_sequence
                            AND e.kind = 'StockMovement' AND e.quantity = -NEW.quantity AND e.source_sequence = l.stocked_sequence)) THEN
                        RAISE EXCEPTION 'distributions: a departure takes no more than is on hand, with its stock movement (- the quantity) in the ledger';
                    END IF;
                    IF NEW.state = 'Departed' AND OLD.state = 'Confirmed' AND NEW.stock_lot_id IS NULL AND NEW.quantity
                        + (SELECT coalesce(sum(CASE WHEN d.state = 'Delivered' THEN d.delivered_quantity ELSE d.quantity END), 0) FROM distributions d
                           WHERE d.allocation_id = NEW.allocation_id AND d.stock_lot_id IS NULL AND d.id <> NEW.id)
                        > (SELECT coalesce(sum(l.quantity), 0) FROM expense_lines l JOIN expenses e ON e.id = l.expense_id
                           WHERE l.allocation_id = NEW.allocation_id AND e.state = 'Approved' AND e.reversed_at IS NULL) THEN
                        RAISE EXCEPTION 'distributions: a departure of purchased goods takes no more than was bought';
                    END IF;
                """));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS expense_lines_quantity_guard() CASCADE;");
            migrationBuilder.Sql(DistributionsGuard("""
                    IF TG_OP = 'INSERT' THEN
                        IF NEW.state <> 'Draft' OR NOT EXISTS (SELECT 1 FROM allocations a JOIN stock_lots l ON l.goods_line_id = a.goods_line_id
                            WHERE a.id = NEW.allocation_id AND a.state = 'Approved' AND l.id = NEW.stock_lot_id AND l.state = 'Stocked' AND a.admin_unit_id = NEW.admin_unit_id) THEN
                            RAISE EXCEPTION 'distributions: a new distribution is a draft, from the stocked lot of an approved goods allocation';
                        END IF;
                        RETURN NEW;
                    END IF;
                """, """
                    IF NEW.state = 'Departed' AND OLD.state = 'Confirmed' AND (NEW.quantity > (SELECT on_hand FROM stock_lots WHERE id = NEW.stock_lot_id)
                        OR NOT EXISTS (SELECT 1 FROM ledger_entries e JOIN stock_lots l ON l.id = NEW.stock_lot_id WHERE e.sequence = NEW.departure_sequence
                            AND e.kind = 'StockMovement' AND e.quantity = -NEW.quantity AND e.source_sequence = l.stocked_sequence)) THEN
                        RAISE EXCEPTION 'distributions: a departure takes no more than is on hand, with its stock movement (- the quantity) in the ledger';
                    END IF;
                """));
            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_stock_movements",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "quantity",
                table: "expense_lines");

            migrationBuilder.AlterColumn<int>(
                name: "stock_lot_id",
                table: "distributions",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions",
                sql: "(state = 'Draft' AND confirmed_by_id IS NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Confirmed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Departed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NOT NULL AND departed_by_id IS NOT NULL AND arrived_by_id IS NULL AND delivered_quantity IS NULL) OR (state = 'Arrived' AND departure_sequence IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NULL) OR (state = 'Delivered' AND departure_sequence IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NOT NULL AND delivered_quantity >= 0 AND delivered_quantity <= quantity AND receiver_name IS NOT NULL AND receiver_role IS NOT NULL AND proof_sha256 IS NOT NULL AND delivery_confirmed_by_id IS NOT NULL AND (delivered_quantity = 0 OR distribution_sequence IS NOT NULL) AND (delivered_quantity = quantity OR return_sequence IS NOT NULL))");
        }

        /// <summary>The guard of migration Distributions with its insert rule and its departure rule as given; the rest unchanged.</summary>
        private static string DistributionsGuard(string insertRule, string departureRule) => """
            CREATE OR REPLACE FUNCTION distributions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                    RAISE EXCEPTION 'distributions are never deleted';
                END IF;
            """ + insertRule + """
                IF NOT ((OLD.state = 'Draft' AND NEW.state IN ('Draft', 'Confirmed')) OR (OLD.state = 'Confirmed' AND NEW.state = 'Departed')
                        OR (OLD.state = 'Departed' AND NEW.state = 'Arrived') OR (OLD.state = 'Arrived' AND NEW.state = 'Delivered'))
                    OR NEW.allocation_id IS DISTINCT FROM OLD.allocation_id OR NEW.stock_lot_id IS DISTINCT FROM OLD.stock_lot_id
                    OR NEW.admin_unit_id IS DISTINCT FROM OLD.admin_unit_id OR (OLD.state <> 'Draft' AND NEW.quantity IS DISTINCT FROM OLD.quantity)
                    OR (OLD.state IN ('Departed', 'Arrived') AND NEW.departure_sequence IS DISTINCT FROM OLD.departure_sequence) THEN
                    RAISE EXCEPTION 'distributions: draft, confirmed, departed, arrived, delivered, one step at a time; what left the stock never changes';
                END IF;
            """ + departureRule + """
                IF NEW.state = 'Delivered' AND OLD.state = 'Arrived' AND NEW.delivered_quantity > 0 AND NOT EXISTS (SELECT 1 FROM ledger_entries e
                    JOIN allocations a ON a.id = NEW.allocation_id WHERE e.sequence = NEW.distribution_sequence AND e.kind = 'Distribution'
                    AND e.quantity = NEW.delivered_quantity AND e.source_sequence = a.ledger_sequence) THEN
                    RAISE EXCEPTION 'distributions: a delivery names its distribution entry (the delivered quantity, drawn from the allocation''s entry)';
                END IF;
                RETURN NEW;
            END $$;
            """;
    }
}
