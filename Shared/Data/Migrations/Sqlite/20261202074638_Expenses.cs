using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Expenses : Migration
    {
        private static readonly string[] Triggers =
        [
            "expenses_insert_proposed", "expenses_decided_once", "expenses_approval_booked", "expenses_refuse_delete",
            "expense_lines_from_approved_allocation", "expense_lines_within_allocation", "expense_lines_booked_once", "expense_lines_refuse_delete",
            "expense_documents_while_proposed", "expense_documents_never_change", "expense_documents_refuse_delete",
            "expense_document_contents_size", "expense_document_contents_never_change", "expense_document_contents_refuse_delete",
            "allocations_not_spent",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "expenses",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    supplier_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    supplier_tax_code = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    invoice_symbol = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    invoice_number = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    invoice_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    payment_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    proposed_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    proposed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decided_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    rejection_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expenses", x => x.id);
                    table.CheckConstraint("ck_expenses_amount", "amount_vnd > 0");
                    table.CheckConstraint("ck_expenses_four_eyes", "state <> 'Approved' OR decided_by_id <> proposed_by_id");
                    table.CheckConstraint("ck_expenses_state", "(state = 'Proposed' AND decided_by_id IS NULL AND decided_at IS NULL AND rejection_reason IS NULL) OR (state = 'Approved' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND rejection_reason IS NULL) OR (state = 'Rejected' AND decided_by_id IS NOT NULL AND decided_at IS NOT NULL AND rejection_reason IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_expenses_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "expense_documents",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    expense_id = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploaded_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expense_documents", x => x.id);
                    table.CheckConstraint("ck_expense_documents_sha256", "length(sha256) = 64");
                    table.CheckConstraint("ck_expense_documents_size", "size_bytes > 0");
                    table.ForeignKey(
                        name: "fk_expense_documents_expenses_expense_id",
                        column: x => x.expense_id,
                        principalTable: "expenses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "expense_lines",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    expense_id = table.Column<int>(type: "INTEGER", nullable: false),
                    allocation_id = table.Column<int>(type: "INTEGER", nullable: false),
                    amount_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    ledger_sequence = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expense_lines", x => x.id);
                    table.CheckConstraint("ck_expense_lines_amount", "amount_vnd > 0");
                    table.ForeignKey(
                        name: "fk_expense_lines_allocations_allocation_id",
                        column: x => x.allocation_id,
                        principalTable: "allocations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_expense_lines_expenses_expense_id",
                        column: x => x.expense_id,
                        principalTable: "expenses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "expense_document_contents",
                columns: table => new
                {
                    expense_document_id = table.Column<int>(type: "INTEGER", nullable: false),
                    bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expense_document_contents", x => x.expense_document_id);
                    table.ForeignKey(
                        name: "fk_expense_document_contents_expense_documents_expense_document_id",
                        column: x => x.expense_document_id,
                        principalTable: "expense_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_expense_documents_expense_id",
                table: "expense_documents",
                column: "expense_id");

            migrationBuilder.CreateIndex(
                name: "ix_expense_lines_allocation_id",
                table: "expense_lines",
                column: "allocation_id");

            migrationBuilder.CreateIndex(
                name: "ix_expense_lines_expense_id_allocation_id",
                table: "expense_lines",
                columns: new[] { "expense_id", "allocation_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_expense_lines_ledger_sequence",
                table: "expense_lines",
                column: "ledger_sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_expenses_admin_unit_id",
                table: "expenses",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_expenses_state_admin_unit_id",
                table: "expenses",
                columns: new[] { "state", "admin_unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_expenses_supplier_tax_code_invoice_symbol_invoice_number",
                table: "expenses",
                columns: new[] { "supplier_tax_code", "invoice_symbol", "invoice_number" });

            // The sums across rows and the life of an expense, whoever writes (see Shared/Expenses). Amounts never change after
            // insert, a line is added only to a proposal, and a decision moves a proposal to approved (same sums) or rejected
            // (smaller), so checking a line's insert is enough for "never more than the allocation holds".
            const string Live = "e.state IN ('Proposed', 'Approved')";
            migrationBuilder.Sql("""
                CREATE TRIGGER expenses_insert_proposed BEFORE INSERT ON expenses
                WHEN NEW.state <> 'Proposed'
                BEGIN SELECT RAISE(ABORT, 'expenses: a new expense is a proposal'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expenses_decided_once BEFORE UPDATE ON expenses
                WHEN OLD.state <> 'Proposed' OR NEW.state NOT IN ('Proposed', 'Approved', 'Rejected')
                  OR NEW.admin_unit_id IS NOT OLD.admin_unit_id OR NEW.supplier_name IS NOT OLD.supplier_name
                  OR NEW.supplier_tax_code IS NOT OLD.supplier_tax_code OR NEW.invoice_symbol IS NOT OLD.invoice_symbol
                  OR NEW.invoice_number IS NOT OLD.invoice_number OR NEW.invoice_date IS NOT OLD.invoice_date
                  OR NEW.payment_date IS NOT OLD.payment_date OR NEW.amount_vnd IS NOT OLD.amount_vnd
                  OR NEW.proposed_by_id IS NOT OLD.proposed_by_id OR NEW.proposed_at IS NOT OLD.proposed_at
                BEGIN SELECT RAISE(ABORT, 'expenses: a decided expense is never changed; a proposal changes only its state'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expenses_approval_booked BEFORE UPDATE ON expenses
                WHEN NEW.state = 'Approved' AND (EXISTS (SELECT 1 FROM expense_lines WHERE expense_id = NEW.id AND ledger_sequence IS NULL)
                    OR (SELECT coalesce(sum(amount_vnd), 0) FROM expense_lines WHERE expense_id = NEW.id) <> NEW.amount_vnd)
                BEGIN SELECT RAISE(ABORT, 'expenses: an approval has every line booked in the ledger, and the lines add up to the amount'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expenses_refuse_delete BEFORE DELETE ON expenses
                BEGIN SELECT RAISE(ABORT, 'expenses are never deleted: a proposal ends by rejection'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_lines_from_approved_allocation BEFORE INSERT ON expense_lines
                WHEN NEW.ledger_sequence IS NOT NULL OR NOT EXISTS (SELECT 1 FROM allocations a JOIN expenses e ON e.id = NEW.expense_id
                    WHERE a.id = NEW.allocation_id AND a.state = 'Approved' AND a.goods_line_id IS NULL AND a.admin_unit_id = e.admin_unit_id
                      AND e.state = 'Proposed')
                BEGIN SELECT RAISE(ABORT, 'expense_lines: a line of a proposal, from an approved money allocation of the expense''s commune'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER expense_lines_within_allocation BEFORE INSERT ON expense_lines
                WHEN NEW.amount_vnd + (SELECT coalesce(sum(l.amount_vnd), 0) FROM expense_lines l JOIN expenses e ON e.id = l.expense_id
                        WHERE l.allocation_id = NEW.allocation_id AND {Live})
                    > (SELECT amount_vnd FROM allocations WHERE id = NEW.allocation_id)
                BEGIN SELECT RAISE(ABORT, 'expense_lines: more than the allocation still holds'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_lines_booked_once BEFORE UPDATE ON expense_lines
                WHEN NEW.expense_id IS NOT OLD.expense_id OR NEW.allocation_id IS NOT OLD.allocation_id OR NEW.amount_vnd IS NOT OLD.amount_vnd
                  OR OLD.ledger_sequence IS NOT NULL OR (SELECT state FROM expenses WHERE id = OLD.expense_id) <> 'Proposed'
                  OR NOT EXISTS (SELECT 1 FROM ledger_entries WHERE sequence = NEW.ledger_sequence AND kind = 'Expense' AND amount_vnd = OLD.amount_vnd
                      AND source_sequence = (SELECT ledger_sequence FROM allocations WHERE id = OLD.allocation_id))
                BEGIN SELECT RAISE(ABORT, 'expense_lines: a line changes once, to name its ledger entry (kind expense, its amount, drawn from its allocation''s entry)'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_lines_refuse_delete BEFORE DELETE ON expense_lines
                BEGIN SELECT RAISE(ABORT, 'expense_lines are never deleted'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_documents_while_proposed BEFORE INSERT ON expense_documents
                WHEN (SELECT state FROM expenses WHERE id = NEW.expense_id) IS NOT 'Proposed'
                BEGIN SELECT RAISE(ABORT, 'expense_documents: files are added to a proposal only (an approval lists their SHA-256 in the ledger)'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_documents_never_change BEFORE UPDATE ON expense_documents
                BEGIN SELECT RAISE(ABORT, 'expense_documents are never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_documents_refuse_delete BEFORE DELETE ON expense_documents
                BEGIN SELECT RAISE(ABORT, 'expense_documents are never deleted'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_document_contents_size BEFORE INSERT ON expense_document_contents
                WHEN length(NEW.bytes) IS NOT (SELECT size_bytes FROM expense_documents WHERE id = NEW.expense_document_id)
                BEGIN SELECT RAISE(ABORT, 'expense_document_contents: the bytes of a document, of its recorded size'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_document_contents_never_change BEFORE UPDATE ON expense_document_contents
                BEGIN SELECT RAISE(ABORT, 'expense_document_contents are never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER expense_document_contents_refuse_delete BEFORE DELETE ON expense_document_contents
                BEGIN SELECT RAISE(ABORT, 'expense_document_contents are never deleted'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER allocations_not_spent BEFORE UPDATE ON allocations
                WHEN NEW.state = 'Reversed' AND EXISTS (SELECT 1 FROM expense_lines l JOIN expenses e ON e.id = l.expense_id
                    WHERE l.allocation_id = OLD.id AND {Live})
                BEGIN SELECT RAISE(ABORT, 'allocations: an allocation an expense draws from is not reversed'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Triggers)
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            migrationBuilder.DropTable(
                name: "expense_document_contents");

            migrationBuilder.DropTable(
                name: "expense_lines");

            migrationBuilder.DropTable(
                name: "expense_documents");

            migrationBuilder.DropTable(
                name: "expenses");
        }
    }
}
