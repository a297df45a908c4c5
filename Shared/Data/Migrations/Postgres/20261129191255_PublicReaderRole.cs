using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// The role PublicSite connects as: SELECT on the public tables (<see cref="PublicTables"/>) and nothing else.
    /// A login for it is made with the CLI verb `create-public-login`. Roles are cluster-wide, hence IF NOT EXISTS.
    /// </summary>
    public partial class PublicReaderRole : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'childaid_public_reader') THEN
                    CREATE ROLE childaid_public_reader NOLOGIN;
                  END IF;
                END $$;
                """);
            migrationBuilder.Sql("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;");
            migrationBuilder.Sql("GRANT USAGE ON SCHEMA public TO childaid_public_reader;");
            migrationBuilder.Sql("GRANT SELECT ON admin_units, organisations, campaigns, ledger_entries, honor_roll_entries, public_data_versions TO childaid_public_reader;");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM childaid_public_reader;");
            migrationBuilder.Sql("REVOKE USAGE ON SCHEMA public FROM childaid_public_reader;");
        }
    }
}
