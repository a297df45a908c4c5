using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CheckupsSessionsAndMeasurements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "class_name",
                table: "children",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            // In place, never EF's table rebuild for a foreign key (it would drop the table's triggers): COMMON.md's SQLite trap.
            migrationBuilder.Sql(
                "ALTER TABLE children ADD COLUMN health_station_id INTEGER NULL " +
                "CONSTRAINT fk_children_organisations_health_station_id REFERENCES organisations (id) ON DELETE RESTRICT;");

            migrationBuilder.CreateTable(
                name: "checkup_sessions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    held_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    site_id = table.Column<int>(type: "INTEGER", nullable: false),
                    health_station_id = table.Column<int>(type: "INTEGER", nullable: true),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    team = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkup_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_checkup_sessions_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_checkup_sessions_organisations_health_station_id",
                        column: x => x.health_station_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_checkup_sessions_organisations_site_id",
                        column: x => x.site_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "measurements",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    session_id = table.Column<int>(type: "INTEGER", nullable: false),
                    child_id = table.Column<int>(type: "INTEGER", nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    weight_kg = table.Column<decimal>(type: "TEXT", precision: 4, scale: 1, nullable: true),
                    length_cm = table.Column<decimal>(type: "TEXT", precision: 4, scale: 1, nullable: true),
                    position = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    muac_mm = table.Column<int>(type: "INTEGER", nullable: true),
                    oedema = table.Column<bool>(type: "INTEGER", nullable: false),
                    head_cm = table.Column<decimal>(type: "TEXT", precision: 3, scale: 1, nullable: true),
                    findings = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    conditions = table.Column<int>(type: "INTEGER", nullable: false),
                    referral = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    treatment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    age_days = table.Column<int>(type: "INTEGER", nullable: true),
                    weight_for_age = table.Column<decimal>(type: "TEXT", precision: 4, scale: 2, nullable: true),
                    length_for_age = table.Column<decimal>(type: "TEXT", precision: 4, scale: 2, nullable: true),
                    weight_for_length = table.Column<decimal>(type: "TEXT", precision: 4, scale: 2, nullable: true),
                    weight_for_length_table = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    bmi_for_age = table.Column<decimal>(type: "TEXT", precision: 4, scale: 2, nullable: true),
                    head_for_age = table.Column<decimal>(type: "TEXT", precision: 4, scale: 2, nullable: true),
                    arm_for_age = table.Column<decimal>(type: "TEXT", precision: 4, scale: 2, nullable: true),
                    flags = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    reference_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measurements", x => x.id);
                    table.CheckConstraint("ck_measurements_conditions", "conditions >= 0 AND conditions < 256");
                    table.CheckConstraint("ck_measurements_head", "head_cm IS NULL OR CAST(head_cm AS REAL) BETWEEN 25 AND 65");
                    table.CheckConstraint("ck_measurements_length", "length_cm IS NULL OR CAST(length_cm AS REAL) BETWEEN 35 AND 220");
                    table.CheckConstraint("ck_measurements_muac", "muac_mm IS NULL OR muac_mm BETWEEN 50 AND 400");
                    table.CheckConstraint("ck_measurements_position", "(length_cm IS NULL) = (position IS NULL)");
                    table.CheckConstraint("ck_measurements_something_measured", "weight_kg IS NOT NULL OR length_cm IS NOT NULL OR muac_mm IS NOT NULL OR head_cm IS NOT NULL OR oedema");
                    table.CheckConstraint("ck_measurements_weight", "weight_kg IS NULL OR CAST(weight_kg AS REAL) BETWEEN 0.5 AND 150");
                    table.ForeignKey(
                        name: "fk_measurements_checkup_sessions_session_id",
                        column: x => x.session_id,
                        principalTable: "checkup_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_measurements_children_child_id",
                        column: x => x.child_id,
                        principalTable: "children",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_children_health_station_id",
                table: "children",
                column: "health_station_id");

            migrationBuilder.CreateIndex(
                name: "ix_checkup_sessions_admin_unit_id",
                table: "checkup_sessions",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_checkup_sessions_health_station_id",
                table: "checkup_sessions",
                column: "health_station_id");

            migrationBuilder.CreateIndex(
                name: "ix_checkup_sessions_site_id_held_on",
                table: "checkup_sessions",
                columns: new[] { "site_id", "held_on" });

            migrationBuilder.CreateIndex(
                name: "ix_measurements_admin_unit_id",
                table: "measurements",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_measurements_child_id",
                table: "measurements",
                column: "child_id");

            migrationBuilder.CreateIndex(
                name: "ix_measurements_reference_version",
                table: "measurements",
                column: "reference_version");

            migrationBuilder.CreateIndex(
                name: "ix_measurements_session_id_child_id",
                table: "measurements",
                columns: new[] { "session_id", "child_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "measurements");

            migrationBuilder.DropTable(
                name: "checkup_sessions");

            migrationBuilder.DropIndex(
                name: "ix_children_health_station_id",
                table: "children");

            migrationBuilder.DropColumn(
                name: "class_name",
                table: "children");

            migrationBuilder.DropColumn(
                name: "health_station_id",
                table: "children");
        }
    }
}
