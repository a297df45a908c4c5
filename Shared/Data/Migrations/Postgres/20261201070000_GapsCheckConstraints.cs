using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// What must never be stored, refused by the database itself and not only by the forms: a receipt of zero or less,
    /// a ledger receipt that is not positive or a reversal that is not negative, a donor name that is empty (its
    /// varchar(300) already refuses a longer one). The same rules as SQLite's triggers of the same migration. No model
    /// change, hence no designer file.
    /// </summary>
    [DbContext(typeof(PostgresChildAidDbContext))]
    [Migration("20261201070000_GapsCheckConstraints")]
    public partial class GapsCheckConstraints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE donors ADD CONSTRAINT ck_gaps_donors_name CHECK (char_length(btrim(name)) BETWEEN 1 AND 300);
                ALTER TABLE contributions ADD CONSTRAINT ck_gaps_contributions_amount_positive CHECK (amount_vnd > 0);
                ALTER TABLE ledger_entries ADD CONSTRAINT ck_gaps_ledger_entries_sign
                    CHECK ((kind <> 'Receipt' OR amount_vnd > 0) AND (kind <> 'Reversal' OR amount_vnd < 0));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE ledger_entries DROP CONSTRAINT IF EXISTS ck_gaps_ledger_entries_sign;
                ALTER TABLE contributions DROP CONSTRAINT IF EXISTS ck_gaps_contributions_amount_positive;
                ALTER TABLE donors DROP CONSTRAINT IF EXISTS ck_gaps_donors_name;
                """);
        }
    }
}
