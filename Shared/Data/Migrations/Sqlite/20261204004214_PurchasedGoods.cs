using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// Goods bought with donated money: an expense line's quantity, and distributions without a stock lot. Making stock_lot_id
    /// nullable and changing the CHECKs makes EF rebuild the distributions table, which drops its triggers: they are dropped
    /// here first and created again, with the rules for purchased goods, by PurchasedGoodsGuards, which runs after the rebuild.
    /// The expense lines are not rebuilt (a new nullable column): their quantity is guarded by triggers here.
    /// </summary>
    public partial class PurchasedGoods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in PurchasedGoodsGuards.DistributionTriggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.DropCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions");

            migrationBuilder.AddColumn<int>(
                name: "quantity",
                table: "expense_lines",
                type: "INTEGER",
                nullable: true);

            // A quantity bought is a whole number of items, only for a need counted in items, and never changes.
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_lines_quantity_insert BEFORE INSERT ON expense_lines
                WHEN NEW.quantity IS NOT NULL AND (NEW.quantity < 1 OR NOT EXISTS (SELECT 1 FROM allocations a JOIN need_lines n ON n.id = a.need_line_id
                    WHERE a.id = NEW.allocation_id AND n.unit = 'Items'))
                BEGIN SELECT RAISE(ABORT, 'expense_lines: a quantity bought is at least 1, for a need counted in items'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_lines_quantity_update BEFORE UPDATE ON expense_lines
                WHEN NEW.quantity IS NOT OLD.quantity
                BEGIN SELECT RAISE(ABORT, 'expense_lines: the quantity bought never changes'); END;
                """);

            migrationBuilder.AlterColumn<int>(
                name: "stock_lot_id",
                table: "distributions",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions",
                sql: "(state = 'Draft' AND confirmed_by_id IS NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Confirmed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Departed' AND confirmed_by_id IS NOT NULL AND departed_by_id IS NOT NULL AND arrived_by_id IS NULL AND delivered_quantity IS NULL) OR (state = 'Arrived' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NULL) OR (state = 'Delivered' AND departed_by_id IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NOT NULL AND delivered_quantity >= 0 AND delivered_quantity <= quantity AND receiver_name IS NOT NULL AND receiver_role IS NOT NULL AND proof_sha256 IS NOT NULL AND delivery_confirmed_by_id IS NOT NULL AND (delivered_quantity = 0 OR distribution_sequence IS NOT NULL) AND (delivered_quantity = quantity OR return_sequence IS NOT NULL OR stock_lot_id IS NULL))");

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_stock_movements",
                table: "distributions",
                sql: "(stock_lot_id IS NULL AND departure_sequence IS NULL AND return_sequence IS NULL) OR (stock_lot_id IS NOT NULL AND (state IN ('Draft', 'Confirmed') OR departure_sequence IS NOT NULL))");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "expense_lines_quantity_insert", "expense_lines_quantity_update" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_distributions_state",
                table: "distributions",
                sql: "(state = 'Draft' AND confirmed_by_id IS NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Confirmed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NULL AND delivered_quantity IS NULL) OR (state = 'Departed' AND confirmed_by_id IS NOT NULL AND departure_sequence IS NOT NULL AND departed_by_id IS NOT NULL AND arrived_by_id IS NULL AND delivered_quantity IS NULL) OR (state = 'Arrived' AND departure_sequence IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NULL) OR (state = 'Delivered' AND departure_sequence IS NOT NULL AND arrived_by_id IS NOT NULL AND delivered_quantity IS NOT NULL AND delivered_quantity >= 0 AND delivered_quantity <= quantity AND receiver_name IS NOT NULL AND receiver_role IS NOT NULL AND proof_sha256 IS NOT NULL AND delivery_confirmed_by_id IS NOT NULL AND (delivered_quantity = 0 OR distribution_sequence IS NOT NULL) AND (delivered_quantity = quantity OR return_sequence IS NOT NULL))");
        }
    }
}
