using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AllocationsFourEyes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "allocations",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    contribution_id = table.Column<int>(type: "INTEGER", nullable: false),
                    goods_line_id = table.Column<int>(type: "INTEGER", nullable: true),
                    need_line_id = table.Column<int>(type: "INTEGER", nullable: false),
                    need_line_key = table.Column<Guid>(type: "TEXT", nullable: false),
                    amount_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    proposed_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    proposed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decided_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    rejection_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ledger_sequence = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_allocations", x => x.id);
                    table.CheckConstraint("ck_allocations_four_eyes", "state <> 'Approved' OR decided_by_id <> proposed_by_id");
                    table.CheckConstraint("ck_allocations_state", "(state = 'Proposed' AND decided_by_id IS NULL AND decided_at IS NULL AND ledger_sequence IS NULL AND rejection_reason IS NULL) OR (state = 'Approved' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NOT NULL AND rejection_reason IS NULL) OR (state = 'Rejected' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NULL AND rejection_reason IS NOT NULL)");
                    table.CheckConstraint("ck_allocations_what", "(goods_line_id IS NULL AND quantity IS NULL AND amount_vnd > 0) OR (goods_line_id IS NOT NULL AND quantity > 0 AND amount_vnd >= 0)");
                    table.ForeignKey(
                        name: "fk_allocations_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_allocations_contribution_goods_line_goods_line_id",
                        column: x => x.goods_line_id,
                        principalTable: "contribution_goods_line",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_allocations_contributions_contribution_id",
                        column: x => x.contribution_id,
                        principalTable: "contributions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_allocations_need_lines_need_line_id",
                        column: x => x.need_line_id,
                        principalTable: "need_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "campaign_areas",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_areas", x => x.id);
                    table.ForeignKey(
                        name: "fk_campaign_areas_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_campaign_areas_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_allocations_admin_unit_id",
                table: "allocations",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_allocations_contribution_id",
                table: "allocations",
                column: "contribution_id");

            migrationBuilder.CreateIndex(
                name: "ix_allocations_goods_line_id",
                table: "allocations",
                column: "goods_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_allocations_ledger_sequence",
                table: "allocations",
                column: "ledger_sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_allocations_need_line_id",
                table: "allocations",
                column: "need_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_allocations_need_line_key",
                table: "allocations",
                column: "need_line_key");

            migrationBuilder.CreateIndex(
                name: "ix_allocations_state_admin_unit_id",
                table: "allocations",
                columns: new[] { "state", "admin_unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_campaign_areas_admin_unit_id",
                table: "campaign_areas",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_campaign_areas_campaign_id_admin_unit_id_category",
                table: "campaign_areas",
                columns: new[] { "campaign_id", "admin_unit_id", "category" },
                unique: true);

            // The sums across rows, whoever writes (see Shared/Allocations). Amounts never change after insert (below), and a
            // decision only moves a proposal to approved (same sums) or rejected (smaller), so checking inserts is enough.
            const string Live = "state <> 'Rejected'";
            const string Line = "(SELECT {0} FROM need_lines WHERE id = NEW.need_line_id)";
            migrationBuilder.Sql($"""
                CREATE TRIGGER allocations_within_receipt BEFORE INSERT ON allocations
                WHEN NEW.goods_line_id IS NULL AND NEW.amount_vnd + (SELECT coalesce(sum(amount_vnd), 0) FROM allocations
                        WHERE contribution_id = NEW.contribution_id AND goods_line_id IS NULL AND {Live})
                    > (SELECT CASE WHEN method = 'InKind' THEN 0 ELSE amount_vnd END FROM contributions WHERE id = NEW.contribution_id)
                BEGIN SELECT RAISE(ABORT, 'allocations: more than the receipt''s unallocated money'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER allocations_within_goods_line BEFORE INSERT ON allocations
                WHEN NEW.goods_line_id IS NOT NULL AND NEW.quantity + (SELECT coalesce(sum(quantity), 0) FROM allocations
                        WHERE goods_line_id = NEW.goods_line_id AND {Live})
                    > coalesce((SELECT quantity FROM contribution_goods_line WHERE id = NEW.goods_line_id AND contribution_id = NEW.contribution_id), 0)
                BEGIN SELECT RAISE(ABORT, 'allocations: more than the goods line''s unallocated quantity'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_receipt_not_reversed BEFORE INSERT ON allocations
                WHEN EXISTS (SELECT 1 FROM contribution_reversals WHERE contribution_id = NEW.contribution_id)
                BEGIN SELECT RAISE(ABORT, 'allocations: the receipt was reversed'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER allocations_same_need BEFORE INSERT ON allocations
                WHEN NEW.need_line_key IS NOT {string.Format(Line, "key")} OR NEW.admin_unit_id IS NOT {string.Format(Line, "admin_unit_id")}
                  OR (SELECT r.status FROM need_lines l JOIN needs_reviews r ON r.id = l.needs_review_id WHERE l.id = NEW.need_line_id) <> 'Approved'
                BEGIN SELECT RAISE(ABORT, 'allocations: the need line''s key and commune, of an approved review'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER allocations_never_over_cover BEFORE INSERT ON allocations
                WHEN (NEW.goods_line_id IS NOT NULL AND NEW.quantity + (SELECT coalesce(sum(quantity), 0) FROM allocations
                        WHERE need_line_key = NEW.need_line_key AND goods_line_id IS NOT NULL AND {Live}) > {string.Format(Line, "quantity")})
                  OR (CASE WHEN NEW.goods_line_id IS NULL THEN NEW.amount_vnd ELSE NEW.quantity * {string.Format(Line, "estimated_unit_cost_vnd")} END
                      + (SELECT coalesce(sum(amount_vnd), 0) FROM allocations WHERE need_line_key = NEW.need_line_key AND goods_line_id IS NULL AND {Live})
                      + (SELECT coalesce(sum(quantity), 0) FROM allocations WHERE need_line_key = NEW.need_line_key AND goods_line_id IS NOT NULL AND {Live})
                        * {string.Format(Line, "estimated_unit_cost_vnd")}
                      > {string.Format(Line, "quantity * estimated_unit_cost_vnd")})
                BEGIN SELECT RAISE(ABORT, 'allocations: more than the need line still lacks'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_inside_campaign BEFORE INSERT ON allocations
                WHEN (SELECT campaign_id FROM contributions WHERE id = NEW.contribution_id) IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM campaign_areas a JOIN need_lines l ON l.id = NEW.need_line_id
                      WHERE a.campaign_id = (SELECT campaign_id FROM contributions WHERE id = NEW.contribution_id)
                        AND a.admin_unit_id = l.admin_unit_id AND (a.category IS NULL OR a.category = l.category))
                BEGIN SELECT RAISE(ABORT, 'allocations: a campaign''s gift goes only to need lines inside the campaign''s areas'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_decided_once BEFORE UPDATE ON allocations
                WHEN OLD.state <> 'Proposed' OR NEW.contribution_id IS NOT OLD.contribution_id OR NEW.goods_line_id IS NOT OLD.goods_line_id
                  OR NEW.need_line_id IS NOT OLD.need_line_id OR NEW.need_line_key IS NOT OLD.need_line_key OR NEW.admin_unit_id IS NOT OLD.admin_unit_id
                  OR NEW.amount_vnd IS NOT OLD.amount_vnd OR NEW.quantity IS NOT OLD.quantity OR NEW.proposed_by_id IS NOT OLD.proposed_by_id
                BEGIN SELECT RAISE(ABORT, 'allocations: a decided allocation is never changed; a proposal changes only its state'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_refuse_delete BEFORE DELETE ON allocations
                BEGIN SELECT RAISE(ABORT, 'allocations are never deleted: a proposal ends by rejection, an approval by a reversal'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "allocations_within_receipt", "allocations_within_goods_line", "allocations_receipt_not_reversed",
                "allocations_same_need", "allocations_never_over_cover", "allocations_inside_campaign", "allocations_decided_once", "allocations_refuse_delete" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");

            migrationBuilder.DropTable(
                name: "allocations");

            migrationBuilder.DropTable(
                name: "campaign_areas");
        }
    }
}
