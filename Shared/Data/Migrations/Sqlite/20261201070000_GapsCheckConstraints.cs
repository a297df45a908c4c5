using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// What must never be stored, refused by the database itself and not only by the forms: a receipt of zero or less,
    /// a ledger receipt that is not positive or a reversal that is not negative, a donor name empty or longer than 300
    /// characters (SQLite does not enforce varchar lengths). SQLite cannot add a CHECK constraint to an existing table
    /// without rebuilding it (which would drop the ledger's append-only and search triggers), so here the checks are
    /// BEFORE INSERT / UPDATE triggers that abort; PostgreSQL has the same rules as CHECK constraints. No model change,
    /// hence no designer file.
    /// </summary>
    [DbContext(typeof(SqliteChildAidDbContext))]
    [Migration("20261201070000_GapsCheckConstraints")]
    public partial class GapsCheckConstraints : Migration
    {
        private const string DonorName = "NEW.name IS NULL OR length(trim(NEW.name)) = 0 OR length(NEW.name) > 300";
        private const string ReceiptAmount = "NEW.amount_vnd IS NULL OR NEW.amount_vnd <= 0";
        private const string LedgerSign = "(NEW.kind = 'Receipt' AND NEW.amount_vnd <= 0) OR (NEW.kind = 'Reversal' AND NEW.amount_vnd >= 0)";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var when in new[] { "INSERT", "UPDATE OF name" })
            {
                var name = when == "INSERT" ? "insert" : "update";
                migrationBuilder.Sql($"""
                    CREATE TRIGGER gaps_donors_name_check_{name} BEFORE {when} ON donors WHEN {DonorName}
                    BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: a donor name has 1 to 300 characters'); END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER gaps_contributions_amount_check_{name} BEFORE {(when == "INSERT" ? "INSERT" : "UPDATE OF amount_vnd")} ON contributions WHEN {ReceiptAmount}
                    BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: a receipt amount is positive'); END;
                    """);
            }
            // Ledger entries are never updated (append-only triggers), so inserting is the only way in.
            migrationBuilder.Sql($"""
                CREATE TRIGGER gaps_ledger_entries_sign_check BEFORE INSERT ON ledger_entries WHEN {LedgerSign}
                BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: a ledger receipt is positive and a reversal negative'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[]
                     {
                         "gaps_donors_name_check_insert", "gaps_donors_name_check_update", "gaps_contributions_amount_check_insert",
                         "gaps_contributions_amount_check_update", "gaps_ledger_entries_sign_check",
                     })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
        }
    }
}
