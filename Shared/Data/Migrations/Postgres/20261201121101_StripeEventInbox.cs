using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StripeEventInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stripe_events",
                columns: table => new
                {
                    event_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    stripe_created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    processed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    contribution_id = table.Column<int>(type: "integer", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stripe_events", x => x.event_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stripe_events_processed_at_stripe_created_at",
                table: "stripe_events",
                columns: new[] { "processed_at", "stripe_created_at" });

            // PublicSite stores verified webhook deliveries through its intake login, which may only INSERT here (no
            // SELECT: the raw events hold payers' names and e-mails). The role is helper "intake"'s too: created if missing.
            migrationBuilder.Sql("""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'childaid_intake') THEN
                    CREATE ROLE childaid_intake NOLOGIN;
                  END IF;
                END $$;
                """);
            migrationBuilder.Sql("GRANT USAGE ON SCHEMA public TO childaid_intake;");
            migrationBuilder.Sql("GRANT INSERT ON stripe_events TO childaid_intake;");
            // BackOffice reads events and records outcomes; an inbox row is never deleted.
            migrationBuilder.Sql("REVOKE ALL ON stripe_events FROM childaid_app;");
            migrationBuilder.Sql("GRANT SELECT, UPDATE ON stripe_events TO childaid_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("REVOKE ALL ON stripe_events FROM childaid_intake;");
            migrationBuilder.DropTable(
                name: "stripe_events");
        }
    }
}
