using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// A distribution called off before delivery (state Cancelled, who, when, why). The distributions' guard now lets any step
    /// before delivery go to Cancelled and asks a cancelled departure to name the stock movement that brought the whole
    /// quantity back; a cancelled distribution takes nothing from its allocation's purchased goods; the lots' guard counts every
    /// return in on hand (a partial delivery's rest, a cancelled departure).
    /// </summary>
    public partial class DistributionCancel : Migration
    {
        /// <summary>A lot's on hand: good, less written off, less what departed, plus what came back.</summary>
        private const string OnHand =
            "NEW.good_quantity - (SELECT coalesce(sum(quantity), 0) FROM stock_write_offs WHERE stock_lot_id = NEW.id) " +
            "- (SELECT coalesce(sum(quantity), 0) FROM distributions WHERE stock_lot_id = NEW.id AND departure_sequence IS NOT NULL) " +
            "+ (SELECT coalesce(sum(quantity - coalesce(delivered_quantity, 0)), 0) FROM distributions WHERE stock_lot_id = NEW.id AND return_sequence IS NOT NULL)";

        /// <summary>The on hand of migration Distributions, for Down.</summary>
        private const string OnHandBefore =
            "NEW.good_quantity - (SELECT coalesce(sum(quantity), 0) FROM stock_write_offs WHERE stock_lot_id = NEW.id) " +
            "- (SELECT coalesce(sum(quantity), 0) FROM distributions WHERE stock_lot_id = NEW.id AND departure_sequence IS NOT NULL) " +
            "+ (SELECT coalesce(sum(quantity - delivered_quantity), 0) FROM distributions WHERE stock_lot_id = NEW.id AND state = 'Delivered')";

        /// <summary>The lots' guard of migration Distributions, its on-hand sum left as ON_HAND.</summary>
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

        private const string CancelStep = "\n                    OR (OLD.state IN ('Draft', 'Confirmed', 'Departed', 'Arrived') AND NEW.state = 'Cancelled')";
        private const string NoNewDeparture = "\n                OR (OLD.state IN ('Draft', 'Confirmed') AND NEW.state = 'Cancelled' AND NEW.departure_sequence IS NOT NULL)";
        private const string CancelReturn = """

                IF NEW.state = 'Cancelled' AND OLD.state <> 'Cancelled' AND NEW.departure_sequence IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger_entries e
                    WHERE e.sequence = NEW.return_sequence AND e.kind = 'StockMovement' AND e.quantity = NEW.quantity AND e.source_sequence = NEW.departure_sequence) THEN
                    RAISE EXCEPTION 'distributions: a cancelled departure puts the whole quantity back, with its stock movement (+ the quantity) in the ledger';
                END IF;
            """;

        /// <summary>The distributions' guard of migration PurchasedGoods, with the cancellation rules when <paramref name="cancel"/>.</summary>
        private static string DistributionsGuard(bool cancel) => $$"""
            CREATE OR REPLACE FUNCTION distributions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                    RAISE EXCEPTION 'distributions are never deleted';
                END IF;
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
                IF NOT ((OLD.state = 'Draft' AND NEW.state IN ('Draft', 'Confirmed')) OR (OLD.state = 'Confirmed' AND NEW.state = 'Departed')
                        OR (OLD.state = 'Departed' AND NEW.state = 'Arrived') OR (OLD.state = 'Arrived' AND NEW.state = 'Delivered'){{(cancel ? CancelStep : "")}})
                    OR NEW.allocation_id IS DISTINCT FROM OLD.allocation_id OR NEW.stock_lot_id IS DISTINCT FROM OLD.stock_lot_id
                    OR NEW.admin_unit_id IS DISTINCT FROM OLD.admin_unit_id OR (OLD.state <> 'Draft' AND NEW.quantity IS DISTINCT FROM OLD.quantity)
                    OR (OLD.state IN ('Departed', 'Arrived') AND NEW.departure_sequence IS DISTINCT FROM OLD.departure_sequence){{(cancel ? NoNewDeparture : "")}} THEN
                    RAISE EXCEPTION 'distributions: draft, confirmed, departed, arrived, delivered, one step at a time, or cancelled before delivery; what left the stock never changes';
                END IF;
                IF NEW.state = 'Departed' AND OLD.state = 'Confirmed' AND NEW.stock_lot_id IS NOT NULL AND (NEW.quantity > (SELECT on_hand FROM stock_lots WHERE id = NEW.stock_lot_id)
                    OR NOT EXISTS (SELECT 1 FROM ledger_entries e JOIN stock_lots l ON l.id = NEW.stock_lot_id WHERE e.sequence = NEW.departure_sequence
                        AND e.kind = 'StockMovement' AND e.quantity = -NEW.quantity AND e.source_sequence = l.stocked_sequence)) THEN
                    RAISE EXCEPTION 'distributions: a departure takes no more than is on hand, with its stock movement (- the quantity) in the ledger';
                END IF;
                IF NEW.state = 'Departed' AND OLD.state = 'Confirmed' AND NEW.stock_lot_id IS NULL AND NEW.quantity
                    + (SELECT coalesce(sum(CASE WHEN d.state = 'Delivered' THEN d.delivered_quantity ELSE d.quantity END), 0) FROM distributions d
                       WHERE d.allocation_id = NEW.allocation_id AND d.stock_lot_id IS NULL AND d.id <> NEW.id{{(cancel ? " AND d.state <> 'Cancelled'" : "")}})
                    > (SELECT coalesce(sum(l.quantity), 0) FROM expense_lines l JOIN expenses e ON e.id = l.expense_id
                       WHERE l.allocation_id = NEW.allocation_id AND e.state = 'Approved' AND e.reversed_at IS NULL) THEN
                    RAISE EXCEPTION 'distributions: a departure of purchased goods takes no more than was bought';
                END IF;
                IF NEW.state = 'Delivered' AND OLD.state = 'Arrived' AND NEW.delivered_quantity > 0 AND NOT EXISTS (SELECT 1 FROM ledger_entries e
                    JOIN allocations a ON a.id = NEW.allocation_id WHERE e.sequence = NEW.distribution_sequence AND e.kind = 'Distribution'
                    AND e.quantity = NEW.delivered_quantity AND e.source_sequence = a.ledger_sequence) THEN
                    RAISE EXCEPTION 'distributions: a delivery names its distribution entry (the delivered quantity, drawn from the allocation''s entry)';
                END IF;{{(cancel ? CancelReturn : "")}}
                RETURN NEW;
            END $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_stock_movements",
                table: "distributions");

            migrationBuilder.AddColumn<string>(
                name: "cancel_reason",
                table: "distributions",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "cancelled_at",
                table: "distributions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cancelled_by_id",
                table: "distributions",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_cancelled",
                table: "distributions",
                sql: "(state = 'Cancelled') = (cancelled_by_id IS NOT NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions",
                sql: "(state = 'Draft' AND confirmed_by_id IS NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Confirmed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Departed' AND confirmed_by_id IS NOT NULL AND departed_by_id IS NOT NULL AND arrived_by_id IS NULL AND delivered_quantity IS NULL) OR (state = 'Arrived' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NULL) OR (state = 'Delivered' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NOT NULL AND delivered_quantity >= 0 AND delivered_quantity <= quantity AND receiver_name IS NOT NULL AND receiver_role IS NOT NULL AND proof_sha256 IS NOT NULL AND delivery_confirmed_by_id IS NOT NULL AND (delivered_quantity = 0 OR distribution_sequence IS NOT NULL) AND (delivered_quantity = quantity OR return_sequence IS NOT NULL OR stock_lot_id IS NULL)) OR (state = 'Cancelled' AND cancelled_by_id IS NOT NULL AND cancel_reason IS NOT NULL AND delivered_quantity IS NULL AND distribution_sequence IS NULL AND (departure_sequence IS NULL) = (return_sequence IS NULL))");

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_stock_movements",
                table: "distributions",
                sql: "(stock_lot_id IS NULL AND departure_sequence IS NULL AND return_sequence IS NULL) OR (stock_lot_id IS NOT NULL AND (state IN ('Draft', 'Confirmed', 'Cancelled') OR departure_sequence IS NOT NULL))");

            migrationBuilder.Sql(StockLotsGuard.Replace("ON_HAND", OnHand, StringComparison.Ordinal));
            migrationBuilder.Sql(DistributionsGuard(cancel: true));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DistributionsGuard(cancel: false));
            migrationBuilder.Sql(StockLotsGuard.Replace("ON_HAND", OnHandBefore, StringComparison.Ordinal));
            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_cancelled",
                table: "distributions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_stock_movements",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "cancel_reason",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "cancelled_at",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "cancelled_by_id",
                table: "distributions");

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions",
                sql: "(state = 'Draft' AND confirmed_by_id IS NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Confirmed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Departed' AND confirmed_by_id IS NOT NULL AND departed_by_id IS NOT NULL AND arrived_by_id IS NULL AND delivered_quantity IS NULL) OR (state = 'Arrived' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NULL) OR (state = 'Delivered' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NOT NULL AND delivered_quantity >= 0 AND delivered_quantity <= quantity AND receiver_name IS NOT NULL AND receiver_role IS NOT NULL AND proof_sha256 IS NOT NULL AND delivery_confirmed_by_id IS NOT NULL AND (delivered_quantity = 0 OR distribution_sequence IS NOT NULL) AND (delivered_quantity = quantity OR return_sequence IS NOT NULL OR stock_lot_id IS NULL))");

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_stock_movements",
                table: "distributions",
                sql: "(stock_lot_id IS NULL AND departure_sequence IS NULL AND return_sequence IS NULL) OR (stock_lot_id IS NOT NULL AND (state IN ('Draft', 'Confirmed') OR departure_sequence IS NOT NULL))");
        }
    }
}
