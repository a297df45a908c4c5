using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// Reversal of an approved allocation: its columns, the new state in the CHECKs, one reversal per ledger entry, and the
    /// guard function with the reversal rules (Down keeps the new function: it refuses what the old one refused, and more).
    /// </summary>
    public partial class AllocationReversal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_allocations_four_eyes",
                table: "allocations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_allocations_state",
                table: "allocations");

            migrationBuilder.AddColumn<string>(
                name: "reversal_reason",
                table: "allocations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "reversal_sequence",
                table: "allocations",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "reversed_at",
                table: "allocations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversed_by_id",
                table: "allocations",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_reverses_sequence",
                table: "ledger_entries",
                column: "reverses_sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_allocations_reversal_sequence",
                table: "allocations",
                column: "reversal_sequence",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_allocations_four_eyes",
                table: "allocations",
                sql: "state NOT IN ('Approved', 'Reversed') OR decided_by_id <> proposed_by_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_allocations_state",
                table: "allocations",
                sql: "(state = 'Proposed' AND decided_by_id IS NULL AND decided_at IS NULL AND ledger_sequence IS NULL AND rejection_reason IS NULL AND reversal_reason IS NULL AND reversed_by_id IS NULL AND reversed_at IS NULL AND reversal_sequence IS NULL) OR (state = 'Approved' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NOT NULL AND rejection_reason IS NULL AND reversal_reason IS NULL AND reversed_by_id IS NULL AND reversed_at IS NULL AND reversal_sequence IS NULL) OR (state = 'Rejected' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NULL AND rejection_reason IS NOT NULL AND reversal_reason IS NULL AND reversed_by_id IS NULL AND reversed_at IS NULL AND reversal_sequence IS NULL) OR (state = 'Reversed' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NOT NULL AND rejection_reason IS NULL AND reversal_reason IS NOT NULL AND reversed_by_id IS NOT NULL AND reversed_at IS NOT NULL AND reversal_sequence IS NOT NULL)");

            // The guard with the reversal rules: the sums count proposals and approvals only (a reversed allocation frees what
            // it held); a new row is a proposal; a proposal changes only its state (to approved or rejected); an approval only
            // to reversed, once, naming its ledger entry (kind reversal, reversing the allocation's entry, the negative amount).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION allocations_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    c record; l record; taken bigint; goods_taken bigint; money_taken bigint; new_cover bigint;
                BEGIN
                    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                        RAISE EXCEPTION 'allocations are never deleted: a proposal ends by rejection, an approval by a reversal';
                    END IF;
                    IF TG_OP = 'UPDATE' THEN
                        IF OLD.state = 'Reversed' OR (NEW.state = 'Reversed' AND OLD.state <> 'Approved') THEN
                            RAISE EXCEPTION 'allocations: only an approved allocation is reversed, and only once';
                        END IF;
                        IF NEW.contribution_id IS DISTINCT FROM OLD.contribution_id
                            OR NEW.goods_line_id IS DISTINCT FROM OLD.goods_line_id OR NEW.need_line_id IS DISTINCT FROM OLD.need_line_id
                            OR NEW.need_line_key IS DISTINCT FROM OLD.need_line_key OR NEW.admin_unit_id IS DISTINCT FROM OLD.admin_unit_id
                            OR NEW.amount_vnd IS DISTINCT FROM OLD.amount_vnd OR NEW.quantity IS DISTINCT FROM OLD.quantity
                            OR NEW.proposed_by_id IS DISTINCT FROM OLD.proposed_by_id
                            OR OLD.state = 'Rejected'
                            OR (OLD.state = 'Proposed' AND NEW.state NOT IN ('Proposed', 'Approved', 'Rejected'))
                            OR (OLD.state = 'Approved' AND (NEW.state <> 'Reversed' OR NEW.decided_by_id IS DISTINCT FROM OLD.decided_by_id
                                OR NEW.decided_at IS DISTINCT FROM OLD.decided_at OR NEW.ledger_sequence IS DISTINCT FROM OLD.ledger_sequence
                                OR NEW.note IS DISTINCT FROM OLD.note OR NEW.proposed_at IS DISTINCT FROM OLD.proposed_at)) THEN
                            RAISE EXCEPTION 'allocations: a decided allocation is never changed; a proposal changes only its state, an approval only to reversed';
                        END IF;
                        IF NEW.state = 'Reversed' AND NOT EXISTS (SELECT 1 FROM ledger_entries WHERE sequence = NEW.reversal_sequence
                                AND kind = 'Reversal' AND reverses_sequence = OLD.ledger_sequence AND amount_vnd = -OLD.amount_vnd) THEN
                            RAISE EXCEPTION 'allocations: a reversal names its ledger entry (kind reversal, reversing the allocation''s entry, the negative amount)';
                        END IF;
                        RETURN NEW;
                    END IF;

                    IF NEW.state <> 'Proposed' THEN
                        RAISE EXCEPTION 'allocations: a new allocation is a proposal';
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
                            WHERE contribution_id = NEW.contribution_id AND goods_line_id IS NULL AND state IN ('Proposed', 'Approved');
                        IF NEW.amount_vnd + taken > (CASE WHEN c.method = 'InKind' THEN 0 ELSE c.amount_vnd END) THEN
                            RAISE EXCEPTION 'allocations: more than the receipt''s unallocated money';
                        END IF;
                    ELSE
                        SELECT coalesce(sum(quantity), 0) INTO taken FROM allocations WHERE goods_line_id = NEW.goods_line_id AND state IN ('Proposed', 'Approved');
                        IF NEW.quantity + taken > coalesce((SELECT quantity FROM contribution_goods_line
                                WHERE id = NEW.goods_line_id AND contribution_id = NEW.contribution_id), 0) THEN
                            RAISE EXCEPTION 'allocations: more than the goods line''s unallocated quantity';
                        END IF;
                    END IF;

                    IF NEW.need_line_key IS DISTINCT FROM l.key OR NEW.admin_unit_id IS DISTINCT FROM l.admin_unit_id OR l.review_status <> 'Approved' THEN
                        RAISE EXCEPTION 'allocations: the need line''s key and commune, of an approved review';
                    END IF;
                    SELECT coalesce(sum(quantity) FILTER (WHERE goods_line_id IS NOT NULL), 0), coalesce(sum(amount_vnd) FILTER (WHERE goods_line_id IS NULL), 0)
                        INTO goods_taken, money_taken FROM allocations WHERE need_line_key = NEW.need_line_key AND state IN ('Proposed', 'Approved');
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ledger_entries_reverses_sequence",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "ix_allocations_reversal_sequence",
                table: "allocations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_allocations_four_eyes",
                table: "allocations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_allocations_state",
                table: "allocations");

            migrationBuilder.DropColumn(
                name: "reversal_reason",
                table: "allocations");

            migrationBuilder.DropColumn(
                name: "reversal_sequence",
                table: "allocations");

            migrationBuilder.DropColumn(
                name: "reversed_at",
                table: "allocations");

            migrationBuilder.DropColumn(
                name: "reversed_by_id",
                table: "allocations");

            migrationBuilder.AddCheckConstraint(
                name: "ck_allocations_four_eyes",
                table: "allocations",
                sql: "state <> 'Approved' OR decided_by_id <> proposed_by_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_allocations_state",
                table: "allocations",
                sql: "(state = 'Proposed' AND decided_by_id IS NULL AND decided_at IS NULL AND ledger_sequence IS NULL AND rejection_reason IS NULL) OR (state = 'Approved' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NOT NULL AND rejection_reason IS NULL) OR (state = 'Rejected' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND ledger_sequence IS NULL AND rejection_reason IS NOT NULL)");
        }
    }
}
