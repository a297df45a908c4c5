using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Expenses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "expenses",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    admin_unit_id = table.Column<int>(type: "integer", nullable: false),
                    supplier_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    supplier_tax_code = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false),
                    invoice_symbol = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    invoice_number = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    invoice_date = table.Column<DateOnly>(type: "date", nullable: false),
                    payment_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount_vnd = table.Column<long>(type: "bigint", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    proposed_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    proposed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    rejection_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    expense_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    uploaded_by_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    expense_id = table.Column<int>(type: "integer", nullable: false),
                    allocation_id = table.Column<int>(type: "integer", nullable: false),
                    amount_vnd = table.Column<long>(type: "bigint", nullable: false),
                    ledger_sequence = table.Column<long>(type: "bigint", nullable: true)
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
                    expense_document_id = table.Column<int>(type: "integer", nullable: false),
                    bytes = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_expense_document_contents", x => x.expense_document_id);
                    table.ForeignKey(
                        name: "fk_expense_document_contents_expense_documents_expense_documen",
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

            // The sums across rows and the life of an expense, whoever writes (see Shared/Expenses). A line's insert and an
            // allocation's reversal take the same advisory lock on the allocation, so two at once see each other.
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
                CREATE TRIGGER expenses_guard BEFORE INSERT OR UPDATE OR DELETE ON expenses FOR EACH ROW EXECUTE FUNCTION expenses_guard();
                CREATE TRIGGER expenses_no_truncate BEFORE TRUNCATE ON expenses FOR EACH STATEMENT EXECUTE FUNCTION expenses_guard();

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
                CREATE TRIGGER expense_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON expense_lines FOR EACH ROW EXECUTE FUNCTION expense_lines_guard();
                CREATE TRIGGER expense_lines_no_truncate BEFORE TRUNCATE ON expense_lines FOR EACH STATEMENT EXECUTE FUNCTION expense_lines_guard();

                CREATE OR REPLACE FUNCTION expense_documents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'expense_documents' THEN
                        IF (SELECT state FROM expenses WHERE id = NEW.expense_id) IS DISTINCT FROM 'Proposed' THEN
                            RAISE EXCEPTION 'expense_documents: files are added to a proposal only (an approval lists their SHA-256 in the ledger)';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        IF octet_length(NEW.bytes) IS DISTINCT FROM (SELECT size_bytes FROM expense_documents WHERE id = NEW.expense_document_id) THEN
                            RAISE EXCEPTION 'expense_document_contents: the bytes of a document, of its recorded size';
                        END IF;
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION '% are never changed or deleted', TG_TABLE_NAME;
                END $$;
                CREATE TRIGGER expense_documents_guard BEFORE INSERT OR UPDATE OR DELETE ON expense_documents FOR EACH ROW EXECUTE FUNCTION expense_documents_guard();
                CREATE TRIGGER expense_documents_no_truncate BEFORE TRUNCATE ON expense_documents FOR EACH STATEMENT EXECUTE FUNCTION expense_documents_guard();
                CREATE TRIGGER expense_document_contents_guard BEFORE INSERT OR UPDATE OR DELETE ON expense_document_contents FOR EACH ROW EXECUTE FUNCTION expense_documents_guard();
                CREATE TRIGGER expense_document_contents_no_truncate BEFORE TRUNCATE ON expense_document_contents FOR EACH STATEMENT EXECUTE FUNCTION expense_documents_guard();

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
                CREATE TRIGGER allocations_not_spent BEFORE UPDATE ON allocations FOR EACH ROW EXECUTE FUNCTION allocations_not_spent();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS allocations_not_spent ON allocations;
                DROP FUNCTION IF EXISTS allocations_not_spent();
                DROP FUNCTION IF EXISTS expenses_guard() CASCADE;
                DROP FUNCTION IF EXISTS expense_lines_guard() CASCADE;
                DROP FUNCTION IF EXISTS expense_documents_guard() CASCADE;
                """);
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
