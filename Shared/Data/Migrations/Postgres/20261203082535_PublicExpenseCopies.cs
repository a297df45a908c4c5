using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PublicExpenseCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "public_expense_copies",
                columns: table => new
                {
                    original_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    bytes = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_expense_copies", x => x.original_sha256);
                    table.CheckConstraint("ck_public_expense_copies_hashes", "length(original_sha256) = 64 AND length(sha256) = 64");
                    table.CheckConstraint("ck_public_expense_copies_size", "width > 0 AND height > 0");
                });

            // A public copy only of an original of an approved expense (its hash is in the ledger), whoever writes;
            // PublicSite reads it (the copy is public by nature; the original never is).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION public_expense_copies_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND NEW.original_sha256 <> OLD.original_sha256 THEN
                        RAISE EXCEPTION 'public_expense_copies: a copy only of an original of an approved expense';
                    END IF;
                    IF NOT EXISTS (SELECT 1 FROM expense_documents d JOIN expenses e ON e.id = d.expense_id
                                   WHERE d.sha256 = NEW.original_sha256 AND e.state = 'Approved') THEN
                        RAISE EXCEPTION 'public_expense_copies: a copy only of an original of an approved expense';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER public_expense_copies_guard BEFORE INSERT OR UPDATE ON public_expense_copies FOR EACH ROW EXECUTE FUNCTION public_expense_copies_guard();
                GRANT SELECT ON public_expense_copies TO childaid_public_reader;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "public_expense_copies");

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS public_expense_copies_guard();");
        }
    }
}
