using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CheckupsInterventions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "interventions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    budget_vnd = table.Column<long>(type: "bigint", nullable: false),
                    admin_unit_id = table.Column<int>(type: "integer", nullable: false),
                    health_station_id = table.Column<int>(type: "integer", nullable: true),
                    baseline_session_id = table.Column<int>(type: "integer", nullable: true),
                    endline_session_id = table.Column<int>(type: "integer", nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_interventions", x => x.id);
                    table.CheckConstraint("ck_interventions_budget", "budget_vnd >= 0");
                    table.CheckConstraint("ck_interventions_period", "ends_on >= starts_on");
                    table.ForeignKey(
                        name: "fk_interventions_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_interventions_checkup_sessions_baseline_session_id",
                        column: x => x.baseline_session_id,
                        principalTable: "checkup_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_interventions_checkup_sessions_endline_session_id",
                        column: x => x.endline_session_id,
                        principalTable: "checkup_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_interventions_organisations_health_station_id",
                        column: x => x.health_station_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "intervention_campaigns",
                columns: table => new
                {
                    intervention_id = table.Column<int>(type: "integer", nullable: false),
                    campaign_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_intervention_campaigns", x => new { x.intervention_id, x.campaign_id });
                    table.ForeignKey(
                        name: "fk_intervention_campaigns_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_intervention_campaigns_interventions_intervention_id",
                        column: x => x.intervention_id,
                        principalTable: "interventions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "intervention_children",
                columns: table => new
                {
                    intervention_id = table.Column<int>(type: "integer", nullable: false),
                    child_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_intervention_children", x => new { x.intervention_id, x.child_id });
                    table.ForeignKey(
                        name: "fk_intervention_children_children_child_id",
                        column: x => x.child_id,
                        principalTable: "children",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_intervention_children_interventions_intervention_id",
                        column: x => x.intervention_id,
                        principalTable: "interventions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "intervention_sites",
                columns: table => new
                {
                    intervention_id = table.Column<int>(type: "integer", nullable: false),
                    organisation_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_intervention_sites", x => new { x.intervention_id, x.organisation_id });
                    table.ForeignKey(
                        name: "fk_intervention_sites_interventions_intervention_id",
                        column: x => x.intervention_id,
                        principalTable: "interventions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_intervention_sites_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_intervention_campaigns_campaign_id",
                table: "intervention_campaigns",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_intervention_children_child_id",
                table: "intervention_children",
                column: "child_id");

            migrationBuilder.CreateIndex(
                name: "ix_intervention_sites_organisation_id",
                table: "intervention_sites",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_interventions_admin_unit_id",
                table: "interventions",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_interventions_baseline_session_id",
                table: "interventions",
                column: "baseline_session_id");

            migrationBuilder.CreateIndex(
                name: "ix_interventions_endline_session_id",
                table: "interventions",
                column: "endline_session_id");

            migrationBuilder.CreateIndex(
                name: "ix_interventions_health_station_id",
                table: "interventions",
                column: "health_station_id");

            // BackOffice reads and writes interventions; the public reader gets nothing (enrolled children are personal data).
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE, DELETE ON interventions, intervention_sites, intervention_children, intervention_campaigns TO childaid_app;");
            migrationBuilder.Sql("GRANT USAGE, SELECT ON SEQUENCE interventions_id_seq TO childaid_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "intervention_campaigns");

            migrationBuilder.DropTable(
                name: "intervention_children");

            migrationBuilder.DropTable(
                name: "intervention_sites");

            migrationBuilder.DropTable(
                name: "interventions");
        }
    }
}
