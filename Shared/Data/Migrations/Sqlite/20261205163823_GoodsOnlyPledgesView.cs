using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>The pledge_status view, unchanged, made again after GoodsOnlyPledges rebuilt the tables it reads.</summary>
    public partial class GoodsOnlyPledgesView : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS pledge_status;");
            migrationBuilder.Sql("""
                CREATE VIEW pledge_status AS
                SELECT i.reference, i.amount_vnd, i.currency,
                       CASE WHEN p.status IS NOT NULL THEN p.status WHEN i.outcome = 'Failed' THEN 'Failed' ELSE 'Received' END AS status,
                       i.campaign_slug, i.idempotency_key_hash,
                       COALESCE(p.paid_vnd, 0) AS paid_vnd, i.original_amount, i.exchange_rate, i.instalments_json
                FROM pledge_intake i LEFT JOIN pledges p ON p.intake_id = i.id
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS pledge_status;");
        }
    }
}
