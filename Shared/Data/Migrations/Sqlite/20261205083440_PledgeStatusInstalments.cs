using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PledgeStatusInstalments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The pledge page and its QR code ask for the next instalment, not the whole pledge, and list the instalments: the
            // view carries their due dates and amounts (nothing personal). Dropped and made again, so the grants are given again.
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
            migrationBuilder.Sql("""
                CREATE VIEW pledge_status AS
                SELECT i.reference, i.amount_vnd, i.currency,
                       CASE WHEN p.status IS NOT NULL THEN p.status WHEN i.outcome = 'Failed' THEN 'Failed' ELSE 'Received' END AS status,
                       i.campaign_slug, i.idempotency_key_hash,
                       COALESCE(p.paid_vnd, 0) AS paid_vnd, i.original_amount, i.exchange_rate
                FROM pledge_intake i LEFT JOIN pledges p ON p.intake_id = i.id
                """);
        }
    }
}
