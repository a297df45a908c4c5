using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DonorsidePledgeStatusOwed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The pledge page shows what is still owed, the original USD/EUR amount and its rate, and says plainly when
            // BackOffice could not make a pledge of the row (before, such a row read "Received" for ever). Still nothing
            // personal: no name, contact, message or failure reason (which may quote them). Dropped and made again
            // (a changed column type is refused by CREATE OR REPLACE), so the grants are given again.
            migrationBuilder.Sql("DROP VIEW IF EXISTS pledge_status;");
            migrationBuilder.Sql("""
                CREATE VIEW pledge_status AS
                SELECT i.reference, i.amount_vnd, i.currency,
                       CASE WHEN p.status IS NOT NULL THEN p.status WHEN i.outcome = 'Failed' THEN 'Failed' ELSE 'Received' END AS status,
                       i.campaign_slug, i.idempotency_key_hash,
                       COALESCE(p.paid_vnd, 0) AS paid_vnd, i.original_amount, i.exchange_rate
                FROM pledge_intake i LEFT JOIN pledges p ON p.intake_id = i.id
                """);
            migrationBuilder.Sql("GRANT SELECT ON pledge_status TO childaid_intake;");
            migrationBuilder.Sql("GRANT SELECT ON pledge_status TO childaid_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS pledge_status;");
            migrationBuilder.Sql("""
                CREATE VIEW pledge_status AS
                SELECT i.reference, i.amount_vnd, i.currency, COALESCE(p.status, 'Received') AS status, i.campaign_slug,
                       i.idempotency_key_hash
                FROM pledge_intake i LEFT JOIN pledges p ON p.intake_id = i.id
                """);
            migrationBuilder.Sql("GRANT SELECT ON pledge_status TO childaid_intake;");
            migrationBuilder.Sql("GRANT SELECT ON pledge_status TO childaid_app;");
        }
    }
}
