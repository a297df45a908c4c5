using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MealsMealDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "meal_days",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    intervention_id = table.Column<int>(type: "INTEGER", nullable: false),
                    school_id = table.Column<int>(type: "INTEGER", nullable: false),
                    health_station_id = table.Column<int>(type: "INTEGER", nullable: true),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    served_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    meals = table.Column<int>(type: "INTEGER", nullable: false),
                    cost_per_meal_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    entered_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    entered_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meal_days", x => x.id);
                    table.CheckConstraint("ck_meal_days_cost", "cost_per_meal_vnd >= 0 AND cost_per_meal_vnd <= 10000000");
                    table.CheckConstraint("ck_meal_days_meals", "meals >= 0 AND meals <= 100000");
                    table.ForeignKey(
                        name: "fk_meal_days_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_meal_days_intervention_sites_intervention_id_school_id",
                        columns: x => new { x.intervention_id, x.school_id },
                        principalTable: "intervention_sites",
                        principalColumns: new[] { "intervention_id", "organisation_id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_meal_days_interventions_intervention_id",
                        column: x => x.intervention_id,
                        principalTable: "interventions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_meal_days_organisations_health_station_id",
                        column: x => x.health_station_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_meal_days_organisations_school_id",
                        column: x => x.school_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_meal_days_admin_unit_id",
                table: "meal_days",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_meal_days_health_station_id",
                table: "meal_days",
                column: "health_station_id");

            migrationBuilder.CreateIndex(
                name: "ix_meal_days_intervention_id_school_id_served_on",
                table: "meal_days",
                columns: new[] { "intervention_id", "school_id", "served_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_meal_days_school_id",
                table: "meal_days",
                column: "school_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meal_days");
        }
    }
}
