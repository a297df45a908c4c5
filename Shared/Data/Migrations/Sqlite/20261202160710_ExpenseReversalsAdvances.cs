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
                name: "kind",
                table: "expenses",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Invoice");

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

            // In place, never EF's table rebuild for a CHECK (it would drop the expense guards' triggers): the last column of
            // each group carries the check over the group, which SQLite allows on a column added by ALTER TABLE.
            migrationBuilder.Sql(
                "ALTER TABLE expenses ADD COLUMN reversed_by_id TEXT NULL " +
                "CONSTRAINT ck_expenses_reversal CHECK (" +
                "(reversed_by_id IS NULL AND reversed_at IS NULL AND reversal_reason IS NULL) OR " +
                "(state = 'Approved' AND reversed_by_id IS NOT NULL AND reversed_at IS NOT NULL AND reversal_reason IS NOT NULL));");
            migrationBuilder.Sql(
                "ALTER TABLE expenses ADD COLUMN invoice_filed_at TEXT NULL " +
                "CONSTRAINT ck_expenses_advance CHECK (" +
                "kind IN ('Invoice', 'Advance') AND (invoice_filed_at IS NULL OR (kind = 'Advance' AND state = 'Approved')));");

            migrationBuilder.AddColumn<long>(
                name: "reversal_sequence",
                table: "expense_lines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "public_expense_invoices",
                columns: table => new
                {
                    expense_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    filed_on = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_expense_invoices", x => x.expense_sequence);
                    table.CheckConstraint("ck_public_expense_invoices_sha256", "length(sha256) = 64");
                });

            migrationBuilder.CreateIndex(
                name: "ix_expense_lines_reversal_sequence",
                table: "expense_lines",
                column: "reversal_sequence",
                unique: true);

            // Reversal (hoàn chi): an approved expense changes once more, to record its reversal, when every line names a
            // reversal entry of its own expense entry; a reversed expense frees what it took from its allocations.
            // Advance (tạm ứng): approved without its invoice; the invoice (symbol, number, date, the file) is filed once,
            // while it is approved and standing, with its hash public beside each entry (public_expense_invoices).
            foreach (var trigger in Replaced) migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.Sql($"""
                CREATE TRIGGER expenses_decided_once BEFORE UPDATE ON expenses
                WHEN NEW.kind IS NOT OLD.kind OR NEW.state NOT IN ('Proposed', 'Approved', 'Rejected')
                  OR NEW.admin_unit_id IS NOT OLD.admin_unit_id OR NEW.supplier_name IS NOT OLD.supplier_name
                  OR NEW.supplier_tax_code IS NOT OLD.supplier_tax_code
                  OR NEW.payment_date IS NOT OLD.payment_date OR NEW.amount_vnd IS NOT OLD.amount_vnd
                  OR NEW.proposed_by_id IS NOT OLD.proposed_by_id OR NEW.proposed_at IS NOT OLD.proposed_at
                  OR (NOT {Filing} AND (NEW.invoice_symbol IS NOT OLD.invoice_symbol OR NEW.invoice_number IS NOT OLD.invoice_number
                      OR NEW.invoice_date IS NOT OLD.invoice_date OR NEW.invoice_filed_at IS NOT OLD.invoice_filed_at))
                  OR (OLD.state = 'Proposed' AND (NEW.reversed_at IS NOT NULL OR NEW.reversed_by_id IS NOT NULL OR NEW.reversal_reason IS NOT NULL))
                  OR (OLD.state <> 'Proposed' AND NOT ({Reversal} OR {Filing}))
                BEGIN SELECT RAISE(ABORT, 'expenses: a decided expense is never changed, but reversed once when every line names its reversal entry, or an advance''s invoice filed once; a proposal changes only its state'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_documents_while_proposed BEFORE INSERT ON expense_documents
                WHEN NOT EXISTS (SELECT 1 FROM expenses WHERE id = NEW.expense_id AND (state = 'Proposed'
                    OR (NEW.kind = 'Invoice' AND kind = 'Advance' AND state = 'Approved' AND reversed_at IS NULL AND invoice_filed_at IS NULL)))
                BEGIN SELECT RAISE(ABORT, 'expense_documents: files are added to a proposal only (an approval lists their SHA-256 in the ledger), or an approved advance''s invoice'); END;
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
            migrationBuilder.Sql("""
                CREATE TRIGGER public_expense_invoices_of_a_waiting_advance BEFORE INSERT ON public_expense_invoices
                WHEN NOT EXISTS (SELECT 1 FROM expense_lines l JOIN expenses e ON e.id = l.expense_id
                    WHERE l.ledger_sequence = NEW.expense_sequence AND e.kind = 'Advance' AND e.state = 'Approved' AND e.reversed_at IS NULL
                      AND e.invoice_filed_at IS NULL
                      AND EXISTS (SELECT 1 FROM expense_documents d WHERE d.expense_id = e.id AND d.kind = 'Invoice' AND d.sha256 = NEW.sha256))
                BEGIN SELECT RAISE(ABORT, 'public_expense_invoices: the hash of a stored invoice of an approved advance still waiting for it, beside one of its entries'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER public_expense_invoices_never_change BEFORE UPDATE ON public_expense_invoices
                BEGIN SELECT RAISE(ABORT, 'public_expense_invoices are never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER public_expense_invoices_refuse_delete BEFORE DELETE ON public_expense_invoices
                BEGIN SELECT RAISE(ABORT, 'public_expense_invoices are never deleted'); END;
                """);
        }

        /// <summary>The triggers of migration Expenses this one replaces.</summary>
        private static readonly string[] Replaced =
        [
            "expenses_decided_once", "expense_documents_while_proposed", "expense_lines_booked_once", "expense_lines_within_allocation", "allocations_not_spent",
        ];

        /// <summary>What a live expense is now: proposed, or approved and not reversed.</summary>
        private const string Live = "(e.state = 'Proposed' OR (e.state = 'Approved' AND e.reversed_at IS NULL))";

        /// <summary>An approved expense's reversal: only the reversal columns change, once, when every line names its reversal entry.</summary>
        private const string Reversal =
            "(OLD.state = 'Approved' AND NEW.state = 'Approved' AND OLD.reversed_at IS NULL AND NEW.reversed_at IS NOT NULL " +
            "AND NEW.decided_by_id IS OLD.decided_by_id AND NEW.decided_at IS OLD.decided_at AND NEW.note IS OLD.note " +
            "AND NEW.rejection_reason IS OLD.rejection_reason " +
            "AND NOT EXISTS (SELECT 1 FROM expense_lines WHERE expense_id = OLD.id AND reversal_sequence IS NULL))";

        /// <summary>An approved, standing advance's invoice filed: symbol, number, date and the filing time, once, with an invoice file stored.</summary>
        private const string Filing =
            "(OLD.kind = 'Advance' AND OLD.state = 'Approved' AND NEW.state = 'Approved' AND OLD.reversed_at IS NULL " +
            "AND NEW.reversed_at IS NULL AND NEW.reversed_by_id IS NULL AND NEW.reversal_reason IS NULL " +
            "AND OLD.invoice_filed_at IS NULL AND NEW.invoice_filed_at IS NOT NULL " +
            "AND NEW.decided_by_id IS OLD.decided_by_id AND NEW.decided_at IS OLD.decided_at AND NEW.note IS OLD.note " +
            "AND NEW.rejection_reason IS OLD.rejection_reason " +
            "AND EXISTS (SELECT 1 FROM expense_documents WHERE expense_id = OLD.id AND kind = 'Invoice'))";

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Development only: drops the replaced triggers and EF rebuilds the tables, which drops the other guards too; re-create
            // migration Expenses' triggers by hand after going down (as for AllocationDoubleSupport).
            foreach (var trigger in Replaced) migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.DropTable(
                name: "public_expense_invoices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_expenses_advance",
                table: "expenses");

            migrationBuilder.DropCheckConstraint(
                name: "ck_expenses_reversal",
                table: "expenses");

            migrationBuilder.DropIndex(
                name: "ix_expense_lines_reversal_sequence",
                table: "expense_lines");

            migrationBuilder.DropColumn(
                name: "invoice_filed_at",
                table: "expenses");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "expenses");

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
