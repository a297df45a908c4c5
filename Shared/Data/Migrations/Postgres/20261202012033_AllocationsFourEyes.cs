using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    admin_unit_id = table.Column<int>(type: "integer", nullable: false),
                    contribution_id = table.Column<int>(type: "integer", nullable: false),
                    goods_line_id = table.Column<int>(type: "integer", nullable: true),
                    need_line_id = table.Column<int>(type: "integer", nullable: false),
                    need_line_key = table.Column<Guid>(type: "uuid", nullable: false),
                    amount_vnd = table.Column<long>(type: "bigint", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    proposed_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    proposed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    rejection_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ledger_sequence = table.Column<long>(type: "bigint", nullable: true)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    campaign_id = table.Column<int>(type: "integer", nullable: false),
                    admin_unit_id = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
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

            // The sums across rows, whoever writes (see Shared/Allocations). Advisory locks on the receipt, then the need,
            // serialise concurrent inserts (each statement below then sees what the other committed); no grant is needed.
            // Amounts never change after insert, and a decision only keeps or lowers the sums, so inserts are what is checked.
            migrationBuilder.Sql("""
                CREATE FUNCTION allocations_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    c record; l record; taken bigint; goods_taken bigint; money_taken bigint; new_cover bigint;
                BEGIN
                    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                        RAISE EXCEPTION 'allocations are never deleted: a proposal ends by rejection, an approval by a reversal';
                    END IF;
                    IF TG_OP = 'UPDATE' THEN
                        IF OLD.state <> 'Proposed' OR NEW.contribution_id IS DISTINCT FROM OLD.contribution_id
                            OR NEW.goods_line_id IS DISTINCT FROM OLD.goods_line_id OR NEW.need_line_id IS DISTINCT FROM OLD.need_line_id
                            OR NEW.need_line_key IS DISTINCT FROM OLD.need_line_key OR NEW.admin_unit_id IS DISTINCT FROM OLD.admin_unit_id
                            OR NEW.amount_vnd IS DISTINCT FROM OLD.amount_vnd OR NEW.quantity IS DISTINCT FROM OLD.quantity
                            OR NEW.proposed_by_id IS DISTINCT FROM OLD.proposed_by_id THEN
                            RAISE EXCEPTION 'allocations: a decided allocation is never changed; a proposal changes only its state';
                        END IF;
                        RETURN NEW;
                    END IF;

                    PERFORM pg_advisory_xact_lock(1001, NEW.contribution_id);
                    PERFORM pg_advisory_xact_lock(1002, hashtext(NEW.need_line_key::text));
                    SELECT * INTO c FROM contributions WHERE id = NEW.contribution_id;
                    SELECT nl.*, r.status AS review_status INTO l FROM need_lines nl JOIN needs_reviews r ON r.id = nl.needs_review_id
                        WHERE nl.id = NEW.need_line_id;

                    IF EXISTS (SELECT 1 FROM contribution_reversals WHERE contribution_id = NEW.contribution_id) THEN
                        RAISE EXCEPTION 'allocations: the receipt was reversed';
                    END IF;
                    IF NEW.goods_line_id IS NULL THEN
                        SELECT coalesce(sum(amount_vnd), 0) INTO taken FROM allocations
                            WHERE contribution_id = NEW.contribution_id AND goods_line_id IS NULL AND state <> 'Rejected';
                        IF NEW.amount_vnd + taken > (CASE WHEN c.method = 'InKind' THEN 0 ELSE c.amount_vnd END) THEN
                            RAISE EXCEPTION 'allocations: more than the receipt''s unallocated money';
                        END IF;
                    ELSE
                        SELECT coalesce(sum(quantity), 0) INTO taken FROM allocations WHERE goods_line_id = NEW.goods_line_id AND state <> 'Rejected';
                        IF NEW.quantity + taken > coalesce((SELECT quantity FROM contribution_goods_line
                                WHERE id = NEW.goods_line_id AND contribution_id = NEW.contribution_id), 0) THEN
                            RAISE EXCEPTION 'allocations: more than the goods line''s unallocated quantity';
                        END IF;
                    END IF;

                    IF NEW.need_line_key IS DISTINCT FROM l.key OR NEW.admin_unit_id IS DISTINCT FROM l.admin_unit_id OR l.review_status <> 'Approved' THEN
                        RAISE EXCEPTION 'allocations: the need line''s key and commune, of an approved review';
                    END IF;
                    SELECT coalesce(sum(quantity) FILTER (WHERE goods_line_id IS NOT NULL), 0), coalesce(sum(amount_vnd) FILTER (WHERE goods_line_id IS NULL), 0)
                        INTO goods_taken, money_taken FROM allocations WHERE need_line_key = NEW.need_line_key AND state <> 'Rejected';
                    IF NEW.goods_line_id IS NOT NULL AND NEW.quantity + goods_taken > l.quantity THEN
                        RAISE EXCEPTION 'allocations: more than the need line still lacks';
                    END IF;
                    new_cover := CASE WHEN NEW.goods_line_id IS NULL THEN NEW.amount_vnd ELSE NEW.quantity * l.estimated_unit_cost_vnd END;
                    IF new_cover + money_taken + goods_taken * l.estimated_unit_cost_vnd > l.quantity::bigint * l.estimated_unit_cost_vnd THEN
                        RAISE EXCEPTION 'allocations: more than the need line still lacks';
                    END IF;

                    IF c.campaign_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM campaign_areas a WHERE a.campaign_id = c.campaign_id
                            AND a.admin_unit_id = l.admin_unit_id AND (a.category IS NULL OR a.category = l.category)) THEN
                        RAISE EXCEPTION 'allocations: a campaign''s gift goes only to need lines inside the campaign''s areas';
                    END IF;
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_guard BEFORE INSERT OR UPDATE OR DELETE ON allocations
                    FOR EACH ROW EXECUTE FUNCTION allocations_guard();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER allocations_no_truncate BEFORE TRUNCATE ON allocations
                    FOR EACH STATEMENT EXECUTE FUNCTION allocations_guard();
                """);
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE ON allocations TO childaid_app;");
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE, DELETE ON campaign_areas TO childaid_app;");
            migrationBuilder.Sql("GRANT USAGE, SELECT ON SEQUENCE allocations_id_seq, campaign_areas_id_seq TO childaid_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS allocations_no_truncate ON allocations;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS allocations_guard ON allocations;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS allocations_guard();");

            migrationBuilder.DropTable(
                name: "allocations");

            migrationBuilder.DropTable(
                name: "campaign_areas");
        }
    }
}
