using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "reversed_at",
                table: "expenses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "reversal_sequence",
                table: "expense_lines",
                type: "INTEGER",
                nullable: true);

            // In place, never EF's table rebuild for a CHECK (it would drop the expense guards' triggers): the last column
            // carries the check over all three, which SQLite allows on a column added by ALTER TABLE.
            migrationBuilder.Sql(
                "ALTER TABLE expenses ADD COLUMN reversed_by_id TEXT NULL " +
                "CONSTRAINT ck_expenses_reversal CHECK (" +
                "(reversed_by_id IS NULL AND reversed_at IS NULL AND reversal_reason IS NULL) OR " +
                "(state = 'Approved' AND reversed_by_id IS NOT NULL AND reversed_at IS NOT NULL AND reversal_reason IS NOT NULL));");

            migrationBuilder.CreateIndex(
                name: "ix_expense_lines_reversal_sequence",
                table: "expense_lines",
                column: "reversal_sequence",
                unique: true);

            // Reversal (hoàn chi): an approved expense changes once more, to record its reversal, when every line names a
            // reversal entry of its own expense entry; a reversed expense frees what it took from its allocations.
            foreach (var trigger in Replaced) migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.Sql("""
                CREATE TRIGGER expenses_decided_once BEFORE UPDATE ON expenses
                WHEN NEW.state NOT IN ('Proposed', 'Approved', 'Rejected')
                  OR NEW.admin_unit_id IS NOT OLD.admin_unit_id OR NEW.supplier_name IS NOT OLD.supplier_name
                  OR NEW.supplier_tax_code IS NOT OLD.supplier_tax_code OR NEW.invoice_symbol IS NOT OLD.invoice_symbol
                  OR NEW.invoice_number IS NOT OLD.invoice_number OR NEW.invoice_date IS NOT OLD.invoice_date
                  OR NEW.payment_date IS NOT OLD.payment_date OR NEW.amount_vnd IS NOT OLD.amount_vnd
                  OR NEW.proposed_by_id IS NOT OLD.proposed_by_id OR NEW.proposed_at IS NOT OLD.proposed_at
                  OR (OLD.state = 'Proposed' AND (NEW.reversed_at IS NOT NULL OR NEW.reversed_by_id IS NOT NULL OR NEW.reversal_reason IS NOT NULL))
                  OR (OLD.state <> 'Proposed' AND NOT (OLD.state = 'Approved' AND NEW.state = 'Approved' AND OLD.reversed_at IS NULL
                      AND NEW.reversed_at IS NOT NULL AND NEW.decided_by_id IS OLD.decided_by_id AND NEW.decided_at IS OLD.decided_at
                      AND NEW.note IS OLD.note AND NEW.rejection_reason IS OLD.rejection_reason
                      AND NOT EXISTS (SELECT 1 FROM expense_lines WHERE expense_id = OLD.id AND reversal_sequence IS NULL)))
                BEGIN SELECT RAISE(ABORT, 'expenses: a decided expense is never changed, but reversed once when every line names its reversal entry; a proposal changes only its state'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_lines_booked_once BEFORE UPDATE ON expense_lines
                WHEN NEW.expense_id IS NOT OLD.expense_id OR NEW.allocation_id IS NOT OLD.allocation_id OR NEW.amount_vnd IS NOT OLD.amount_vnd
                  OR OLD.reversal_sequence IS NOT NULL
                  OR (OLD.ledger_sequence IS NULL AND (NEW.reversal_sequence IS NOT NULL OR (SELECT state FROM expenses WHERE id = OLD.expense_id) <> 'Proposed'
                      OR NOT EXISTS (SELECT 1 FROM ledger_entries WHERE sequence = NEW.ledger_sequence AND kind = 'Expense' AND amount_vnd = OLD.amount_vnd
                          AND source_sequence = (SELECT ledger_sequence FROM allocations WHERE id = OLD.allocation_id))))
                  OR (OLD.ledger_sequence IS NOT NULL AND (NEW.ledger_sequence IS NOT OLD.ledger_sequence
                      OR NOT EXISTS (SELECT 1 FROM expenses WHERE id = OLD.expense_id AND state = 'Approved' AND reversed_at IS NULL)
                      OR NOT EXISTS (SELECT 1 FROM ledger_entries WHERE sequence = NEW.reversal_sequence AND kind = 'Reversal'
                          AND reverses_sequence = OLD.ledger_sequence AND amount_vnd = -OLD.amount_vnd)))
                BEGIN SELECT RAISE(ABORT, 'expense_lines: a line changes once to name its ledger entry (kind expense, its amount, drawn from its allocation''s entry), and once more to name its reversal (kind reversal of that entry, the negative amount)'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER expense_lines_within_allocation BEFORE INSERT ON expense_lines
                WHEN NEW.amount_vnd + (SELECT coalesce(sum(l.amount_vnd), 0) FROM expense_lines l JOIN expenses e ON e.id = l.expense_id
                        WHERE l.allocation_id = NEW.allocation_id AND {Live})
                    > (SELECT amount_vnd FROM allocations WHERE id = NEW.allocation_id)
                BEGIN SELECT RAISE(ABORT, 'expense_lines: more than the allocation still holds'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER allocations_not_spent BEFORE UPDATE ON allocations
                WHEN NEW.state = 'Reversed' AND EXISTS (SELECT 1 FROM expense_lines l JOIN expenses e ON e.id = l.expense_id
                    WHERE l.allocation_id = OLD.id AND {Live})
                BEGIN SELECT RAISE(ABORT, 'allocations: an allocation an expense draws from is not reversed'); END;
                """);
        }

        /// <summary>The triggers of migration Expenses this one replaces.</summary>
        private static readonly string[] Replaced = ["expenses_decided_once", "expense_lines_booked_once", "expense_lines_within_allocation", "allocations_not_spent"];

        /// <summary>What a live expense is now: proposed, or approved and not reversed.</summary>
        private const string Live = "(e.state = 'Proposed' OR (e.state = 'Approved' AND e.reversed_at IS NULL))";

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Development only: drops the replaced triggers and EF rebuilds the tables, which drops the other guards too; re-create
            // migration Expenses' triggers by hand after going down (as for AllocationDoubleSupport).
            foreach (var trigger in Replaced) migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
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
