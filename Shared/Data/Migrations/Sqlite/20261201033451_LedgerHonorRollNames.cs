using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// Name-only donors leave honor_roll_entries (where ledger_sequence, received_on, the row order and, on PostgreSQL,
    /// the writing transaction's xmin tied their name to their amount) for honor_roll_names, which the public reads
    /// only through the view public_honor_roll_names: names grouped per campaign and for the whole roll, with a count
    /// of donors, nothing else. Existing name-only rows are moved.
    /// </summary>
    public partial class LedgerHonorRollNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "honor_roll_names",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    donor_key = table.Column<Guid>(type: "TEXT", nullable: false),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: true),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    net_gifts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_honor_roll_names", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_honor_roll_names_donor_key_campaign_id",
                table: "honor_roll_names",
                columns: new[] { "donor_key", "campaign_id" });

            migrationBuilder.Sql("""
                INSERT INTO honor_roll_names (donor_key, campaign_id, display_name, net_gifts)
                SELECT donor_key, campaign_id, max(display_name), sum(gift_delta) FROM honor_roll_entries
                WHERE display_name <> '' AND amount_vnd IS NULL
                GROUP BY donor_key, campaign_id;
                """);
            migrationBuilder.Sql("DELETE FROM honor_roll_entries WHERE display_name <> '' AND amount_vnd IS NULL;");
            migrationBuilder.Sql("""
                CREATE VIEW public_honor_roll_names AS
                SELECT 0 AS whole_roll, campaign_id, display_name, count(*) AS donors
                FROM honor_roll_names WHERE net_gifts > 0 AND campaign_id IS NOT NULL
                GROUP BY campaign_id, display_name
                UNION ALL
                SELECT 1, NULL, display_name, count(DISTINCT donor_key)
                FROM honor_roll_names WHERE net_gifts > 0
                GROUP BY display_name;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS public_honor_roll_names;");

            migrationBuilder.DropTable(
                name: "honor_roll_names");
        }
    }
}
