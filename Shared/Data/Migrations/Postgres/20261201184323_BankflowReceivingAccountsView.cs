using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// The view public_receiving_accounts: a campaign's own receiving account (Decree 93), the first created that names
    /// it, with only what a donor types into a banking app. PublicSite reads this, never bank_accounts.
    /// </summary>
    public partial class BankflowReceivingAccountsView : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIEW public_receiving_accounts AS
                SELECT a.campaign_id, c.slug AS campaign_slug, a.bin AS bank_bin, a.bank_name, a.account_number, a.account_name
                FROM bank_accounts a JOIN campaigns c ON c.id = a.campaign_id
                WHERE a.id = (SELECT min(b.id) FROM bank_accounts b WHERE b.campaign_id = a.campaign_id);
                """);
            migrationBuilder.Sql("GRANT SELECT ON public_receiving_accounts TO childaid_public_reader;");
            migrationBuilder.Sql("GRANT SELECT ON public_receiving_accounts TO childaid_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP VIEW IF EXISTS public_receiving_accounts;");
        }
    }
}
