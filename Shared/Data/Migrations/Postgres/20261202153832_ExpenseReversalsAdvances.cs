using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExpenseReversalsAdvances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "reversal_reason",
                table: "expenses",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "reversed_at",
                table: "expenses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reversed_by_id",
                table: "expenses",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "reversal_sequence",
                table: "expense_lines",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_expenses_reversal",
                table: "expenses",
                sql: "(reversed_by_id IS NULL AND reversed_at IS NULL AND reversal_reason IS NULL) OR (state = 'Approved' AND reversed_by_id IS NOT NULL AND reversed_at IS NOT NULL AND reversal_reason IS NOT NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_expense_lines_reversal_sequence",
                table: "expense_lines",
                column: "reversal_sequence",
                unique: true);

            // Reversal (hoàn chi): an approved expense changes once more, to record its reversal, when every line names a
            // reversal entry of its own expense entry; a reversed expense frees what it took from its allocations. The
            // functions of migration Expenses, replaced (their triggers stay).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION expenses_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                        RAISE EXCEPTION 'expenses are never deleted: a proposal ends by rejection';
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        IF NEW.state <> 'Proposed' THEN
                            RAISE EXCEPTION 'expenses: a new expense is a proposal';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF NEW.state NOT IN ('Proposed', 'Approved', 'Rejected')
                        OR NEW.admin_unit_id IS DISTINCT FROM OLD.admin_unit_id OR NEW.supplier_name IS DISTINCT FROM OLD.supplier_name
                        OR NEW.supplier_tax_code IS DISTINCT FROM OLD.supplier_tax_code OR NEW.invoice_symbol IS DISTINCT FROM OLD.invoice_symbol
                        OR NEW.invoice_number IS DISTINCT FROM OLD.invoice_number OR NEW.invoice_date IS DISTINCT FROM OLD.invoice_date
                        OR NEW.payment_date IS DISTINCT FROM OLD.payment_date OR NEW.amount_vnd IS DISTINCT FROM OLD.amount_vnd
                        OR NEW.proposed_by_id IS DISTINCT FROM OLD.proposed_by_id OR NEW.proposed_at IS DISTINCT FROM OLD.proposed_at
                        OR (OLD.state = 'Proposed' AND (NEW.reversed_at IS NOT NULL OR NEW.reversed_by_id IS NOT NULL OR NEW.reversal_reason IS NOT NULL))
                        OR (OLD.state <> 'Proposed' AND NOT (OLD.state = 'Approved' AND NEW.state = 'Approved' AND OLD.reversed_at IS NULL
                            AND NEW.reversed_at IS NOT NULL AND NEW.decided_by_id IS NOT DISTINCT FROM OLD.decided_by_id
                            AND NEW.decided_at IS NOT DISTINCT FROM OLD.decided_at AND NEW.note IS NOT DISTINCT FROM OLD.note
                            AND NEW.rejection_reason IS NOT DISTINCT FROM OLD.rejection_reason
                            AND NOT EXISTS (SELECT 1 FROM expense_lines WHERE expense_id = OLD.id AND reversal_sequence IS NULL))) THEN
                        RAISE EXCEPTION 'expenses: a decided expense is never changed, but reversed once when every line names its reversal entry; a proposal changes only its state';
                    END IF;
                    IF NEW.state = 'Approved' AND (EXISTS (SELECT 1 FROM expense_lines WHERE expense_id = NEW.id AND ledger_sequence IS NULL)
                        OR (SELECT coalesce(sum(amount_vnd), 0) FROM expense_lines WHERE expense_id = NEW.id) <> NEW.amount_vnd) THEN
                        RAISE EXCEPTION 'expenses: an approval has every line booked in the ledger, and the lines add up to the amount';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE OR REPLACE FUNCTION expense_lines_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    a record; e record; spent bigint;
                BEGIN
                    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                        RAISE EXCEPTION 'expense_lines are never deleted';
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        PERFORM pg_advisory_xact_lock(1003, NEW.allocation_id);
                        SELECT * INTO a FROM allocations WHERE id = NEW.allocation_id;
                        SELECT * INTO e FROM expenses WHERE id = NEW.expense_id;
                        IF NEW.ledger_sequence IS NOT NULL OR a.state IS DISTINCT FROM 'Approved' OR a.goods_line_id IS NOT NULL
                            OR a.admin_unit_id IS DISTINCT FROM e.admin_unit_id OR e.state IS DISTINCT FROM 'Proposed' THEN
                            RAISE EXCEPTION 'expense_lines: a line of a proposal, from an approved money allocation of the expense''s commune';
                        END IF;
                        SELECT coalesce(sum(l.amount_vnd), 0) INTO spent FROM expense_lines l JOIN expenses x ON x.id = l.expense_id
                            WHERE l.allocation_id = NEW.allocation_id AND (x.state = 'Proposed' OR (x.state = 'Approved' AND x.reversed_at IS NULL));
                        IF NEW.amount_vnd + spent > a.amount_vnd THEN
                            RAISE EXCEPTION 'expense_lines: more than the allocation still holds';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF NEW.expense_id IS DISTINCT FROM OLD.expense_id OR NEW.allocation_id IS DISTINCT FROM OLD.allocation_id
                        OR NEW.amount_vnd IS DISTINCT FROM OLD.amount_vnd OR OLD.reversal_sequence IS NOT NULL THEN
                        RAISE EXCEPTION 'expense_lines: a booked line changes only to name its reversal, once';
                    END IF;
                    IF OLD.ledger_sequence IS NULL THEN
                        IF NEW.reversal_sequence IS NOT NULL OR (SELECT state FROM expenses WHERE id = OLD.expense_id) <> 'Proposed'
                            OR NOT EXISTS (SELECT 1 FROM ledger_entries WHERE sequence = NEW.ledger_sequence AND kind = 'Expense' AND amount_vnd = OLD.amount_vnd
                                AND source_sequence = (SELECT ledger_sequence FROM allocations WHERE id = OLD.allocation_id)) THEN
                            RAISE EXCEPTION 'expense_lines: a line changes once, to name its ledger entry (kind expense, its amount, drawn from its allocation''s entry)';
                        END IF;
                    ELSIF NEW.ledger_sequence IS DISTINCT FROM OLD.ledger_sequence
                        OR NOT EXISTS (SELECT 1 FROM expenses WHERE id = OLD.expense_id AND state = 'Approved' AND reversed_at IS NULL)
                        OR NOT EXISTS (SELECT 1 FROM ledger_entries WHERE sequence = NEW.reversal_sequence AND kind = 'Reversal'
                            AND reverses_sequence = OLD.ledger_sequence AND amount_vnd = -OLD.amount_vnd) THEN
                        RAISE EXCEPTION 'expense_lines: a booked line changes once more, to name its reversal (kind reversal of its entry, the negative amount), while its expense is approved and not yet reversed';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE OR REPLACE FUNCTION allocations_not_spent() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.state = 'Reversed' THEN
                        PERFORM pg_advisory_xact_lock(1003, OLD.id);
                        IF EXISTS (SELECT 1 FROM expense_lines l JOIN expenses e ON e.id = l.expense_id
                                WHERE l.allocation_id = OLD.id AND (e.state = 'Proposed' OR (e.state = 'Approved' AND e.reversed_at IS NULL))) THEN
                            RAISE EXCEPTION 'allocations: an allocation an expense draws from is not reversed';
                        END IF;
                    END IF;
                    RETURN NEW;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to migration Expenses' functions.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION expenses_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                        RAISE EXCEPTION 'expenses are never deleted: a proposal ends by rejection';
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        IF NEW.state <> 'Proposed' THEN
                            RAISE EXCEPTION 'expenses: a new expense is a proposal';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF OLD.state <> 'Proposed' OR NEW.state NOT IN ('Proposed', 'Approved', 'Rejected')
                        OR NEW.admin_unit_id IS DISTINCT FROM OLD.admin_unit_id OR NEW.supplier_name IS DISTINCT FROM OLD.supplier_name
                        OR NEW.supplier_tax_code IS DISTINCT FROM OLD.supplier_tax_code OR NEW.invoice_symbol IS DISTINCT FROM OLD.invoice_symbol
                        OR NEW.invoice_number IS DISTINCT FROM OLD.invoice_number OR NEW.invoice_date IS DISTINCT FROM OLD.invoice_date
                        OR NEW.payment_date IS DISTINCT FROM OLD.payment_date OR NEW.amount_vnd IS DISTINCT FROM OLD.amount_vnd
                        OR NEW.proposed_by_id IS DISTINCT FROM OLD.proposed_by_id OR NEW.proposed_at IS DISTINCT FROM OLD.proposed_at THEN
                        RAISE EXCEPTION 'expenses: a decided expense is never changed; a proposal changes only its state';
                    END IF;
                    IF NEW.state = 'Approved' AND (EXISTS (SELECT 1 FROM expense_lines WHERE expense_id = NEW.id AND ledger_sequence IS NULL)
                        OR (SELECT coalesce(sum(amount_vnd), 0) FROM expense_lines WHERE expense_id = NEW.id) <> NEW.amount_vnd) THEN
                        RAISE EXCEPTION 'expenses: an approval has every line booked in the ledger, and the lines add up to the amount';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE OR REPLACE FUNCTION expense_lines_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    a record; e record; spent bigint;
                BEGIN
                    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                        RAISE EXCEPTION 'expense_lines are never deleted';
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        PERFORM pg_advisory_xact_lock(1003, NEW.allocation_id);
                        SELECT * INTO a FROM allocations WHERE id = NEW.allocation_id;
                        SELECT * INTO e FROM expenses WHERE id = NEW.expense_id;
                        IF NEW.ledger_sequence IS NOT NULL OR a.state IS DISTINCT FROM 'Approved' OR a.goods_line_id IS NOT NULL
                            OR a.admin_unit_id IS DISTINCT FROM e.admin_unit_id OR e.state IS DISTINCT FROM 'Proposed' THEN
                            RAISE EXCEPTION 'expense_lines: a line of a proposal, from an approved money allocation of the expense''s commune';
                        END IF;
                        SELECT coalesce(sum(l.amount_vnd), 0) INTO spent FROM expense_lines l JOIN expenses x ON x.id = l.expense_id
                            WHERE l.allocation_id = NEW.allocation_id AND x.state IN ('Proposed', 'Approved');
                        IF NEW.amount_vnd + spent > a.amount_vnd THEN
                            RAISE EXCEPTION 'expense_lines: more than the allocation still holds';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF NEW.expense_id IS DISTINCT FROM OLD.expense_id OR NEW.allocation_id IS DISTINCT FROM OLD.allocation_id
                        OR NEW.amount_vnd IS DISTINCT FROM OLD.amount_vnd OR OLD.ledger_sequence IS NOT NULL
                        OR (SELECT state FROM expenses WHERE id = OLD.expense_id) <> 'Proposed'
                        OR NOT EXISTS (SELECT 1 FROM ledger_entries WHERE sequence = NEW.ledger_sequence AND kind = 'Expense' AND amount_vnd = OLD.amount_vnd
                            AND source_sequence = (SELECT ledger_sequence FROM allocations WHERE id = OLD.allocation_id)) THEN
                        RAISE EXCEPTION 'expense_lines: a line changes once, to name its ledger entry (kind expense, its amount, drawn from its allocation''s entry)';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE OR REPLACE FUNCTION allocations_not_spent() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.state = 'Reversed' THEN
                        PERFORM pg_advisory_xact_lock(1003, OLD.id);
                        IF EXISTS (SELECT 1 FROM expense_lines l JOIN expenses e ON e.id = l.expense_id
                                WHERE l.allocation_id = OLD.id AND e.state IN ('Proposed', 'Approved')) THEN
                            RAISE EXCEPTION 'allocations: an allocation an expense draws from is not reversed';
                        END IF;
                    END IF;
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.DropCheckConstraint(
                name: "ck_expenses_reversal",
                table: "expenses");

            migrationBuilder.DropIndex(
                name: "ix_expense_lines_reversal_sequence",
                table: "expense_lines");

            migrationBuilder.DropColumn(
                name: "reversal_reason",
                table: "expenses");

            migrationBuilder.DropColumn(
                name: "reversed_at",
                table: "expenses");

            migrationBuilder.DropColumn(
                name: "reversed_by_id",
                table: "expenses");

            migrationBuilder.DropColumn(
                name: "reversal_sequence",
                table: "expense_lines");
        }
    }
}
