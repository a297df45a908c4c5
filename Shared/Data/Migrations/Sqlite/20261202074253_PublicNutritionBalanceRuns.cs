using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicNutritionBalanceRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "balance_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    entries_checked = table.Column<long>(type: "INTEGER", nullable: false),
                    last_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    invariants_hold = table.Column<bool>(type: "INTEGER", nullable: false),
                    violation_count = table.Column<int>(type: "INTEGER", nullable: false),
                    first_rule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    first_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    first_message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    received_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    unallocated_vnd = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_balance_runs", x => x.id);
                    table.CheckConstraint("ck_balance_runs_result", "(invariants_hold AND violation_count = 0 AND first_rule IS NULL AND first_sequence IS NULL) OR (NOT invariants_hold AND violation_count > 0 AND first_rule IS NOT NULL AND first_sequence IS NOT NULL)");
                });

            migrationBuilder.CreateTable(
                name: "public_nutrition",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    intervention_id = table.Column<int>(type: "INTEGER", nullable: false),
                    intervention_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    commune_id = table.Column<int>(type: "INTEGER", nullable: false),
                    commune_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    commune_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    province_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    part = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    school_id = table.Column<int>(type: "INTEGER", nullable: true),
                    school_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    suppressed = table.Column<bool>(type: "INTEGER", nullable: false),
                    children_count = table.Column<int>(type: "INTEGER", nullable: true),
                    meals_served = table.Column<long>(type: "INTEGER", nullable: true),
                    meal_days = table.Column<int>(type: "INTEGER", nullable: true),
                    meal_cost_vnd = table.Column<long>(type: "INTEGER", nullable: true),
                    stunting_children = table.Column<int>(type: "INTEGER", nullable: true),
                    stunting_before = table.Column<int>(type: "INTEGER", nullable: true),
                    stunting_after = table.Column<int>(type: "INTEGER", nullable: true),
                    underweight_children = table.Column<int>(type: "INTEGER", nullable: true),
                    underweight_before = table.Column<int>(type: "INTEGER", nullable: true),
                    underweight_after = table.Column<int>(type: "INTEGER", nullable: true),
                    wasting_children = table.Column<int>(type: "INTEGER", nullable: true),
                    wasting_before = table.Column<int>(type: "INTEGER", nullable: true),
                    wasting_after = table.Column<int>(type: "INTEGER", nullable: true),
                    overweight_children = table.Column<int>(type: "INTEGER", nullable: true),
                    overweight_before = table.Column<int>(type: "INTEGER", nullable: true),
                    overweight_after = table.Column<int>(type: "INTEGER", nullable: true),
                    refreshed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_nutrition", x => x.id);
                    table.CheckConstraint("ck_public_nutrition_overweight", "(overweight_children IS NULL AND overweight_before IS NULL AND overweight_after IS NULL) OR (overweight_children >= 10 AND overweight_before BETWEEN 0 AND overweight_children AND overweight_after BETWEEN 0 AND overweight_children)");
                    table.CheckConstraint("ck_public_nutrition_small_cells", "(suppressed AND children_count IS NULL AND meals_served IS NULL AND meal_days IS NULL AND meal_cost_vnd IS NULL AND stunting_before IS NULL AND underweight_before IS NULL AND wasting_before IS NULL AND overweight_before IS NULL) OR (NOT suppressed AND children_count >= 10)");
                    table.CheckConstraint("ck_public_nutrition_stunting", "(stunting_children IS NULL AND stunting_before IS NULL AND stunting_after IS NULL) OR (stunting_children >= 10 AND stunting_before BETWEEN 0 AND stunting_children AND stunting_after BETWEEN 0 AND stunting_children)");
                    table.CheckConstraint("ck_public_nutrition_underweight", "(underweight_children IS NULL AND underweight_before IS NULL AND underweight_after IS NULL) OR (underweight_children >= 10 AND underweight_before BETWEEN 0 AND underweight_children AND underweight_after BETWEEN 0 AND underweight_children)");
                    table.CheckConstraint("ck_public_nutrition_wasting", "(wasting_children IS NULL AND wasting_before IS NULL AND wasting_after IS NULL) OR (wasting_children >= 10 AND wasting_before BETWEEN 0 AND wasting_children AND wasting_after BETWEEN 0 AND wasting_children)");
                });

            migrationBuilder.CreateIndex(
                name: "ix_balance_runs_started_at",
                table: "balance_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_public_nutrition_commune_id_intervention_id_part",
                table: "public_nutrition",
                columns: new[] { "commune_id", "intervention_id", "part" });

            // A published run is never rewritten: the database refuses any change to one.
            migrationBuilder.Sql("""
                CREATE TRIGGER balance_runs_no_update BEFORE UPDATE ON balance_runs
                BEGIN SELECT RAISE(ABORT, 'balance_runs is append-only: a published run is never changed or removed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER balance_runs_no_delete BEFORE DELETE ON balance_runs
                BEGIN SELECT RAISE(ABORT, 'balance_runs is append-only: a published run is never changed or removed'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS balance_runs_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS balance_runs_no_delete;");

            migrationBuilder.DropTable(
                name: "balance_runs");

            migrationBuilder.DropTable(
                name: "public_nutrition");
        }
    }
}
