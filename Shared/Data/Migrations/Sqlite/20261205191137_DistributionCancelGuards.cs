using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// The distributions' triggers again after DistributionCancel's table rebuild, now letting a distribution be cancelled
    /// from any step before delivery: what left a lot comes back whole by a stock movement (+ the quantity, source = the
    /// departure) named as its return; a cancelled distribution takes nothing from its allocation's purchased goods; a lot's
    /// on hand counts every return (a partial delivery's rest, a cancelled departure). The other triggers are those of
    /// PurchasedGoodsGuards, unchanged. No model change, hence no designer file.
    /// </summary>
    [DbContext(typeof(SqliteChildAidDbContext))]
    [Migration("20261205191137_DistributionCancelGuards")]
    public partial class DistributionCancelGuards : Migration
    {
        internal static readonly string[] Triggers = [.. PurchasedGoodsGuards.DistributionTriggers, "distributions_cancel"];

        /// <summary>A lot's on hand: good, less written off, less what departed, plus what came back (a partial delivery's rest, a cancelled departure).</summary>
        internal const string OnHand =
            "NEW.good_quantity - (SELECT coalesce(sum(quantity), 0) FROM stock_write_offs WHERE stock_lot_id = NEW.id) " +
            "- (SELECT coalesce(sum(quantity), 0) FROM distributions WHERE stock_lot_id = NEW.id AND departure_sequence IS NOT NULL) " +
            "+ (SELECT coalesce(sum(quantity - coalesce(delivered_quantity, 0)), 0) FROM distributions WHERE stock_lot_id = NEW.id AND return_sequence IS NOT NULL)";

        private const string Bought =
            "(SELECT coalesce(sum(l.quantity), 0) FROM expense_lines l JOIN expenses e ON e.id = l.expense_id " +
            "WHERE l.allocation_id = NEW.allocation_id AND e.state = 'Approved' AND e.reversed_at IS NULL)";
        private const string TakenByOthers =
            "(SELECT coalesce(sum(CASE WHEN d.state = 'Delivered' THEN d.delivered_quantity ELSE d.quantity END), 0) FROM distributions d " +
            "WHERE d.allocation_id = NEW.allocation_id AND d.stock_lot_id IS NULL AND d.id <> NEW.id AND d.state <> 'Cancelled')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Triggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.Sql("""
                CREATE TRIGGER distributions_insert_draft BEFORE INSERT ON distributions
                WHEN NEW.state <> 'Draft' OR NOT EXISTS (SELECT 1 FROM allocations a LEFT JOIN stock_lots l ON l.goods_line_id = a.goods_line_id
                    WHERE a.id = NEW.allocation_id AND a.state = 'Approved' AND a.admin_unit_id = NEW.admin_unit_id
                      AND ((NEW.stock_lot_id IS NOT NULL AND l.id = NEW.stock_lot_id AND l.state = 'Stocked')
                        OR (NEW.stock_lot_id IS NULL AND a.goods_line_id IS NULL
                            AND EXISTS (SELECT 1 FROM need_lines n WHERE n.id = a.need_line_id AND n.unit = 'Items'))))
                BEGIN SELECT RAISE(ABORT, 'distributions: a new distribution is a draft, from the stocked lot of an approved goods allocation or the purchases of an approved money allocation to a need for items'); END;
                """);
            // New: any step before delivery may go to Cancelled; one that never departed cannot gain a departure on the way.
            migrationBuilder.Sql("""
                CREATE TRIGGER distributions_life BEFORE UPDATE ON distributions
                WHEN NOT ((OLD.state = 'Draft' AND NEW.state IN ('Draft', 'Confirmed')) OR (OLD.state = 'Confirmed' AND NEW.state = 'Departed')
                        OR (OLD.state = 'Departed' AND NEW.state = 'Arrived') OR (OLD.state = 'Arrived' AND NEW.state = 'Delivered')
                        OR (OLD.state IN ('Draft', 'Confirmed', 'Departed', 'Arrived') AND NEW.state = 'Cancelled'))
                  OR NEW.allocation_id IS NOT OLD.allocation_id OR NEW.stock_lot_id IS NOT OLD.stock_lot_id OR NEW.admin_unit_id IS NOT OLD.admin_unit_id
                  OR (OLD.state <> 'Draft' AND NEW.quantity IS NOT OLD.quantity)
                  OR (OLD.state IN ('Departed', 'Arrived') AND NEW.departure_sequence IS NOT OLD.departure_sequence)
                  OR (OLD.state IN ('Draft', 'Confirmed') AND NEW.state = 'Cancelled' AND NEW.departure_sequence IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'distributions: draft, confirmed, departed, arrived, delivered, one step at a time, or cancelled before delivery; what left the stock never changes'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER distributions_departure BEFORE UPDATE ON distributions
                WHEN NEW.state = 'Departed' AND OLD.state = 'Confirmed' AND (
                    (NEW.stock_lot_id IS NOT NULL AND (NEW.quantity > (SELECT on_hand FROM stock_lots WHERE id = NEW.stock_lot_id)
                        OR NOT EXISTS (SELECT 1 FROM ledger_entries e JOIN stock_lots l ON l.id = NEW.stock_lot_id WHERE e.sequence = NEW.departure_sequence
                            AND e.kind = 'StockMovement' AND CAST(e.quantity AS REAL) = -NEW.quantity AND e.source_sequence = l.stocked_sequence)))
                    OR (NEW.stock_lot_id IS NULL AND NEW.quantity + {TakenByOthers} > {Bought}))
                BEGIN SELECT RAISE(ABORT, 'distributions: a departure takes no more than is on hand (with its stock movement in the ledger), or than was bought'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distributions_delivery BEFORE UPDATE ON distributions
                WHEN NEW.state = 'Delivered' AND OLD.state = 'Arrived' AND NEW.delivered_quantity > 0 AND NOT EXISTS (SELECT 1 FROM ledger_entries e
                    JOIN allocations a ON a.id = NEW.allocation_id WHERE e.sequence = NEW.distribution_sequence AND e.kind = 'Distribution'
                    AND CAST(e.quantity AS REAL) = NEW.delivered_quantity AND e.source_sequence = a.ledger_sequence)
                BEGIN SELECT RAISE(ABORT, 'distributions: a delivery names its distribution entry (the delivered quantity, drawn from the allocation''s entry)'); END;
                """);
            // New: a cancelled departure names the stock movement that brought the whole quantity back to the lot.
            migrationBuilder.Sql("""
                CREATE TRIGGER distributions_cancel BEFORE UPDATE ON distributions
                WHEN NEW.state = 'Cancelled' AND OLD.state <> 'Cancelled' AND NEW.departure_sequence IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger_entries e
                    WHERE e.sequence = NEW.return_sequence AND e.kind = 'StockMovement' AND CAST(e.quantity AS REAL) = NEW.quantity
                    AND e.source_sequence = NEW.departure_sequence)
                BEGIN SELECT RAISE(ABORT, 'distributions: a cancelled departure puts the whole quantity back, with its stock movement (+ the quantity) in the ledger'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distributions_refuse_delete BEFORE DELETE ON distributions
                BEGIN SELECT RAISE(ABORT, 'distributions are never deleted'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distributions_children_insert BEFORE INSERT ON distributions
                WHEN NEW.per_child_quantity IS NOT NULL AND (NEW.recipient <> 'Children' OR NEW.per_child_quantity < 1
                    OR NEW.children_count IS NULL OR NEW.quantity <> NEW.children_count * NEW.per_child_quantity)
                BEGIN SELECT RAISE(ABORT, 'distributions: to named children, the quantity is the children times each one''s share'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distributions_children_update BEFORE UPDATE ON distributions
                WHEN NEW.per_child_quantity IS NOT OLD.per_child_quantity OR NEW.children_count IS NOT OLD.children_count
                    OR (NEW.per_child_quantity IS NOT NULL AND (NEW.quantity <> NEW.children_count * NEW.per_child_quantity
                        OR (NEW.state <> 'Draft' AND (SELECT count(*) FROM distribution_children c WHERE c.distribution_id = NEW.id) <> NEW.children_count)
                        OR (NEW.state = 'Delivered' AND OLD.state = 'Arrived' AND (
                            EXISTS (SELECT 1 FROM distribution_children c WHERE c.distribution_id = NEW.id AND c.received IS NULL)
                            OR NEW.delivered_quantity <> NEW.per_child_quantity * (SELECT count(*) FROM distribution_children c WHERE c.distribution_id = NEW.id AND c.received = 1)))))
                BEGIN SELECT RAISE(ABORT, 'distributions: named children are all there before confirmation, ticked before delivery, and the delivered quantity follows the ticks'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER stock_lots_on_hand BEFORE UPDATE ON stock_lots
                WHEN NEW.state = 'Stocked' AND NEW.on_hand IS NOT {OnHand}
                BEGIN SELECT RAISE(ABORT, 'stock_lots: on hand is the good quantity less what was written off and what distributions took, plus what they put back'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER distribution_children_insert BEFORE INSERT ON distribution_children
                WHEN NOT EXISTS (SELECT 1 FROM distributions d WHERE d.id = NEW.distribution_id AND d.state = 'Draft' AND d.recipient = 'Children'
                        AND d.per_child_quantity IS NOT NULL)
                    OR NOT EXISTS (SELECT 1 FROM children c JOIN distributions d ON d.id = NEW.distribution_id JOIN admin_units u ON u.id = c.admin_unit_id
                        LEFT JOIN admin_units p ON p.id = u.parent_id
                        WHERE c.id = NEW.child_id AND c.merged_into_id IS NULL AND c.erased_on IS NULL AND {DistributionChildren.InCommune})
                BEGIN SELECT RAISE(ABORT, 'distribution_children: a child of the registry living in the commune, named on a draft distribution to children'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distribution_children_tick BEFORE UPDATE ON distribution_children
                WHEN NEW.distribution_id IS NOT OLD.distribution_id OR NEW.child_id IS NOT OLD.child_id OR OLD.received IS NOT NULL OR NEW.received IS NULL
                    OR NOT EXISTS (SELECT 1 FROM distributions d WHERE d.id = NEW.distribution_id AND d.state = 'Arrived')
                BEGIN SELECT RAISE(ABORT, 'distribution_children: only the receiver''s tick changes, once, when the goods have arrived'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER distribution_children_refuse_delete BEFORE DELETE ON distribution_children
                WHEN NOT EXISTS (SELECT 1 FROM distributions d WHERE d.id = OLD.distribution_id AND d.state = 'Draft')
                BEGIN SELECT RAISE(ABORT, 'distribution_children: a child named on a confirmed distribution is never removed'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // DistributionCancel's Down rebuilds the table again (and drops these); PurchasedGoodsGuards' triggers come back by migrating to it.
            foreach (var trigger in Triggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
        }
    }
}
