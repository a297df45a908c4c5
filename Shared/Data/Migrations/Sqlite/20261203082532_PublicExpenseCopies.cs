using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
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
                    original_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    bytes = table.Column<byte[]>(type: "BLOB", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    width = table.Column<int>(type: "INTEGER", nullable: false),
                    height = table.Column<int>(type: "INTEGER", nullable: false),
                    published_on = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_expense_copies", x => x.original_sha256);
                    table.CheckConstraint("ck_public_expense_copies_hashes", "length(original_sha256) = 64 AND length(sha256) = 64");
                    table.CheckConstraint("ck_public_expense_copies_size", "width > 0 AND height > 0");
                });

            // A public copy only of an original of an approved expense (its hash is in the ledger), whoever writes.
            migrationBuilder.Sql("""
                CREATE TRIGGER public_expense_copies_insert BEFORE INSERT ON public_expense_copies
                WHEN NOT EXISTS (SELECT 1 FROM expense_documents d JOIN expenses e ON e.id = d.expense_id
                                 WHERE d.sha256 = NEW.original_sha256 AND e.state = 'Approved')
                BEGIN SELECT RAISE(ABORT, 'public_expense_copies: a copy only of an original of an approved expense'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER public_expense_copies_update BEFORE UPDATE ON public_expense_copies
                WHEN NEW.original_sha256 <> OLD.original_sha256
                  OR NOT EXISTS (SELECT 1 FROM expense_documents d JOIN expenses e ON e.id = d.expense_id
                                 WHERE d.sha256 = NEW.original_sha256 AND e.state = 'Approved')
                BEGIN SELECT RAISE(ABORT, 'public_expense_copies: a copy only of an original of an approved expense'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "public_expense_copies");
        }
    }
}
