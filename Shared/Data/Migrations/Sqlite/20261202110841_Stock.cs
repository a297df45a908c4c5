using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Stock : Migration
    {
        private static readonly string[] Triggers =
        [
            "stock_lots_insert_announced", "stock_lots_life", "stock_lots_stocked_booked", "stock_lots_on_hand", "stock_lots_refuse_delete",
            "stock_write_offs_within_on_hand", "stock_write_offs_never_change", "stock_write_offs_refuse_delete",
            "stock_lot_photos_never_change", "stock_lot_photos_refuse_delete",
            "stock_lot_photo_contents_size", "stock_lot_photo_contents_never_change", "stock_lot_photo_contents_refuse_delete",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stock_lots",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    contribution_id = table.Column<int>(type: "INTEGER", nullable: false),
                    goods_line_id = table.Column<int>(type: "INTEGER", nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    unit_value_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    expected_quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    announced_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    announced_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    received_quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    received_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    goods_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    good_quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    damaged_quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    expired_quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    size_band = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    expiry_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    inspection_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    inspected_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    inspected_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    lot_number = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    stocked_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    stocked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    stocked_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    on_hand = table.Column<int>(type: "INTEGER", nullable: true),
                    rejected_fate = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    rejection_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    rejected_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    rejected_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_lots", x => x.id);
                    table.CheckConstraint("ck_stock_lots_clothes_size", "goods_kind IS NULL OR goods_kind <> 'Clothes' OR size_band IS NOT NULL");
                    table.CheckConstraint("ck_stock_lots_expected", "expected_quantity >= 0");
                    table.CheckConstraint("ck_stock_lots_food_expiry", "goods_kind IS NULL OR goods_kind <> 'Food' OR expiry_date IS NOT NULL");
                    table.CheckConstraint("ck_stock_lots_four_eyes", "inspected_by_id IS NULL OR inspected_by_id <> received_by_id");
                    table.CheckConstraint("ck_stock_lots_inspected", "(state IN ('Announced', 'Received') AND inspected_by_id IS NULL AND good_quantity IS NULL) OR (state IN ('Inspected', 'Stocked', 'Rejected') AND inspected_by_id IS NOT NULL AND inspected_at IS NOT NULL AND goods_kind IS NOT NULL AND good_quantity IS NOT NULL AND damaged_quantity IS NOT NULL AND expired_quantity IS NOT NULL AND good_quantity >= 0 AND damaged_quantity >= 0 AND expired_quantity >= 0 AND good_quantity + damaged_quantity + expired_quantity = received_quantity)");
                    table.CheckConstraint("ck_stock_lots_received", "(state = 'Announced' AND received_quantity IS NULL AND received_by_id IS NULL) OR (state <> 'Announced' AND received_quantity IS NOT NULL AND received_quantity >= 0 AND received_on IS NOT NULL AND received_by_id IS NOT NULL)");
                    table.CheckConstraint("ck_stock_lots_rejected", "(state = 'Rejected' AND rejection_reason IS NOT NULL AND rejected_fate IS NOT NULL AND rejected_by_id IS NOT NULL) OR (state <> 'Rejected' AND rejection_reason IS NULL AND rejected_fate IS NULL)");
                    table.CheckConstraint("ck_stock_lots_stocked", "(state = 'Stocked' AND stocked_sequence IS NOT NULL AND lot_number IS NOT NULL AND stocked_by_id IS NOT NULL AND good_quantity > 0 AND on_hand IS NOT NULL AND on_hand >= 0 AND on_hand <= good_quantity) OR (state <> 'Stocked' AND stocked_sequence IS NULL AND on_hand IS NULL)");
                    table.ForeignKey(
                        name: "fk_stock_lots_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stock_lots_contribution_goods_line_goods_line_id",
                        column: x => x.goods_line_id,
                        principalTable: "contribution_goods_line",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stock_lots_contributions_contribution_id",
                        column: x => x.contribution_id,
                        principalTable: "contributions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stock_lot_photos",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    stock_lot_id = table.Column<int>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploaded_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_lot_photos", x => x.id);
                    table.CheckConstraint("ck_stock_lot_photos_sha256", "length(sha256) = 64");
                    table.CheckConstraint("ck_stock_lot_photos_size", "size_bytes > 0");
                    table.ForeignKey(
                        name: "fk_stock_lot_photos_stock_lots_stock_lot_id",
                        column: x => x.stock_lot_id,
                        principalTable: "stock_lots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stock_write_offs",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    stock_lot_id = table.Column<int>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    written_off_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    written_off_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    written_off_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ledger_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    idempotency_key = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_write_offs", x => x.id);
                    table.CheckConstraint("ck_stock_write_offs_quantity", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_stock_write_offs_stock_lots_stock_lot_id",
                        column: x => x.stock_lot_id,
                        principalTable: "stock_lots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stock_lot_photo_contents",
                columns: table => new
                {
                    stock_lot_photo_id = table.Column<int>(type: "INTEGER", nullable: false),
                    bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_lot_photo_contents", x => x.stock_lot_photo_id);
                    table.ForeignKey(
                        name: "fk_stock_lot_photo_contents_stock_lot_photos_stock_lot_photo_id",
                        column: x => x.stock_lot_photo_id,
                        principalTable: "stock_lot_photos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stock_lot_photos_stock_lot_id",
                table: "stock_lot_photos",
                column: "stock_lot_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_lots_admin_unit_id",
                table: "stock_lots",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_lots_contribution_id",
                table: "stock_lots",
                column: "contribution_id");

            migrationBuilder.CreateIndex(
                name: "ix_stock_lots_goods_line_id",
                table: "stock_lots",
                column: "goods_line_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_lots_state_admin_unit_id",
                table: "stock_lots",
                columns: new[] { "state", "admin_unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_lots_stocked_sequence",
                table: "stock_lots",
                column: "stocked_sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_write_offs_idempotency_key",
                table: "stock_write_offs",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_write_offs_ledger_sequence",
                table: "stock_write_offs",
                column: "ledger_sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_write_offs_stock_lot_id",
                table: "stock_write_offs",
                column: "stock_lot_id");

            // The life of a lot and the sums across rows, whoever writes (see Shared/Stock). The CHECKs say what a row must be.
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_lots_insert_announced BEFORE INSERT ON stock_lots
                WHEN NEW.state <> 'Announced'
                BEGIN SELECT RAISE(ABORT, 'stock_lots: a new lot is announced'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_lots_life BEFORE UPDATE ON stock_lots
                WHEN NOT ((OLD.state = 'Announced' AND NEW.state = 'Received') OR (OLD.state = 'Received' AND NEW.state = 'Inspected')
                        OR (OLD.state = 'Inspected' AND NEW.state IN ('Stocked', 'Rejected')) OR (OLD.state = 'Stocked' AND NEW.state = 'Stocked'))
                  OR NEW.contribution_id IS NOT OLD.contribution_id OR NEW.goods_line_id IS NOT OLD.goods_line_id OR NEW.item IS NOT OLD.item
                  OR NEW.unit IS NOT OLD.unit OR NEW.unit_value_vnd IS NOT OLD.unit_value_vnd OR NEW.expected_quantity IS NOT OLD.expected_quantity
                  OR NEW.announced_by_id IS NOT OLD.announced_by_id OR NEW.announced_at IS NOT OLD.announced_at
                  OR (OLD.state <> 'Announced' AND (NEW.admin_unit_id IS NOT OLD.admin_unit_id OR NEW.received_quantity IS NOT OLD.received_quantity
                      OR NEW.received_on IS NOT OLD.received_on OR NEW.received_by_id IS NOT OLD.received_by_id OR NEW.received_at IS NOT OLD.received_at))
                  OR (OLD.state IN ('Inspected', 'Stocked') AND (NEW.goods_kind IS NOT OLD.goods_kind OR NEW.good_quantity IS NOT OLD.good_quantity
                      OR NEW.damaged_quantity IS NOT OLD.damaged_quantity OR NEW.expired_quantity IS NOT OLD.expired_quantity
                      OR NEW.size_band IS NOT OLD.size_band OR NEW.expiry_date IS NOT OLD.expiry_date OR NEW.inspected_by_id IS NOT OLD.inspected_by_id
                      OR NEW.inspected_at IS NOT OLD.inspected_at OR NEW.inspection_note IS NOT OLD.inspection_note))
                  OR (OLD.state = 'Stocked' AND (NEW.lot_number IS NOT OLD.lot_number OR NEW.stocked_sequence IS NOT OLD.stocked_sequence
                      OR NEW.stocked_by_id IS NOT OLD.stocked_by_id OR NEW.stocked_at IS NOT OLD.stocked_at))
                BEGIN SELECT RAISE(ABORT, 'stock_lots: announced, received, inspected, then stocked or rejected; what a step recorded never changes'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_lots_stocked_booked BEFORE UPDATE ON stock_lots
                WHEN NEW.state = 'Stocked' AND OLD.state <> 'Stocked' AND NOT EXISTS (SELECT 1 FROM ledger_entries
                    WHERE sequence = NEW.stocked_sequence AND kind = 'StockMovement' AND CAST(quantity AS REAL) = NEW.good_quantity)
                BEGIN SELECT RAISE(ABORT, 'stock_lots: a stocked lot names its stock movement in the ledger (+ the good quantity)'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_lots_on_hand BEFORE UPDATE ON stock_lots
                WHEN NEW.state = 'Stocked' AND NEW.on_hand IS NOT NEW.good_quantity
                    - (SELECT coalesce(sum(quantity), 0) FROM stock_write_offs WHERE stock_lot_id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'stock_lots: on hand is the good quantity less what was written off'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_lots_refuse_delete BEFORE DELETE ON stock_lots
                BEGIN SELECT RAISE(ABORT, 'stock_lots are never deleted: a lot ends stocked or rejected'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_write_offs_within_on_hand BEFORE INSERT ON stock_write_offs
                WHEN (SELECT state FROM stock_lots WHERE id = NEW.stock_lot_id) IS NOT 'Stocked'
                  OR NEW.quantity + (SELECT coalesce(sum(quantity), 0) FROM stock_write_offs WHERE stock_lot_id = NEW.stock_lot_id)
                    > (SELECT good_quantity FROM stock_lots WHERE id = NEW.stock_lot_id)
                  OR NOT EXISTS (SELECT 1 FROM ledger_entries e JOIN stock_lots l ON l.id = NEW.stock_lot_id WHERE e.sequence = NEW.ledger_sequence
                    AND e.kind = 'StockMovement' AND CAST(e.quantity AS REAL) = -NEW.quantity AND e.source_sequence = l.stocked_sequence)
                BEGIN SELECT RAISE(ABORT, 'stock_write_offs: from a stocked lot, never more than is on hand, with its stock movement (- the quantity) in the ledger'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_write_offs_never_change BEFORE UPDATE ON stock_write_offs
                BEGIN SELECT RAISE(ABORT, 'stock_write_offs are never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_write_offs_refuse_delete BEFORE DELETE ON stock_write_offs
                BEGIN SELECT RAISE(ABORT, 'stock_write_offs are never deleted'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_lot_photos_never_change BEFORE UPDATE ON stock_lot_photos
                BEGIN SELECT RAISE(ABORT, 'stock_lot_photos are never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_lot_photos_refuse_delete BEFORE DELETE ON stock_lot_photos
                BEGIN SELECT RAISE(ABORT, 'stock_lot_photos are never deleted'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_lot_photo_contents_size BEFORE INSERT ON stock_lot_photo_contents
                WHEN length(NEW.bytes) IS NOT (SELECT size_bytes FROM stock_lot_photos WHERE id = NEW.stock_lot_photo_id)
                BEGIN SELECT RAISE(ABORT, 'stock_lot_photo_contents: the bytes of a photo, of its recorded size'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_lot_photo_contents_never_change BEFORE UPDATE ON stock_lot_photo_contents
                BEGIN SELECT RAISE(ABORT, 'stock_lot_photo_contents are never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER stock_lot_photo_contents_refuse_delete BEFORE DELETE ON stock_lot_photo_contents
                BEGIN SELECT RAISE(ABORT, 'stock_lot_photo_contents are never deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Triggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.DropTable(
                name: "stock_lot_photo_contents");

            migrationBuilder.DropTable(
                name: "stock_write_offs");

            migrationBuilder.DropTable(
                name: "stock_lot_photos");

            migrationBuilder.DropTable(
                name: "stock_lots");
        }
    }
}
