using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    entries_checked = table.Column<long>(type: "bigint", nullable: false),
                    last_sequence = table.Column<long>(type: "bigint", nullable: false),
                    invariants_hold = table.Column<bool>(type: "boolean", nullable: false),
                    violation_count = table.Column<int>(type: "integer", nullable: false),
                    first_rule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    first_sequence = table.Column<long>(type: "bigint", nullable: true),
                    first_message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    received_vnd = table.Column<long>(type: "bigint", nullable: false),
                    unallocated_vnd = table.Column<long>(type: "bigint", nullable: false)
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    intervention_id = table.Column<int>(type: "integer", nullable: false),
                    intervention_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    commune_id = table.Column<int>(type: "integer", nullable: false),
                    commune_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    commune_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    province_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    part = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    school_id = table.Column<int>(type: "integer", nullable: true),
                    school_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    suppressed = table.Column<bool>(type: "boolean", nullable: false),
                    children_count = table.Column<int>(type: "integer", nullable: true),
                    meals_served = table.Column<long>(type: "bigint", nullable: true),
                    meal_days = table.Column<int>(type: "integer", nullable: true),
                    meal_cost_vnd = table.Column<long>(type: "bigint", nullable: true),
                    stunting_children = table.Column<int>(type: "integer", nullable: true),
                    stunting_before = table.Column<int>(type: "integer", nullable: true),
                    stunting_after = table.Column<int>(type: "integer", nullable: true),
                    underweight_children = table.Column<int>(type: "integer", nullable: true),
                    underweight_before = table.Column<int>(type: "integer", nullable: true),
                    underweight_after = table.Column<int>(type: "integer", nullable: true),
                    wasting_children = table.Column<int>(type: "integer", nullable: true),
                    wasting_before = table.Column<int>(type: "integer", nullable: true),
                    wasting_after = table.Column<int>(type: "integer", nullable: true),
                    overweight_children = table.Column<int>(type: "integer", nullable: true),
                    overweight_before = table.Column<int>(type: "integer", nullable: true),
                    overweight_after = table.Column<int>(type: "integer", nullable: true),
                    refreshed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            // PublicSite reads the aggregated nutrition cells and the published balance runs, never children or measurements.
            migrationBuilder.Sql("GRANT SELECT ON public_nutrition, balance_runs TO childaid_public_reader;");
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE, DELETE ON public_nutrition TO childaid_app;");
            migrationBuilder.Sql("GRANT USAGE, SELECT ON SEQUENCE public_nutrition_id_seq TO childaid_app;");
            // A published run is never rewritten: BackOffice may add runs, and the database refuses any change to one.
            migrationBuilder.Sql("REVOKE UPDATE, DELETE ON balance_runs FROM childaid_app;");
            migrationBuilder.Sql("GRANT SELECT, INSERT ON balance_runs TO childaid_app;");
            migrationBuilder.Sql("GRANT USAGE, SELECT ON SEQUENCE balance_runs_id_seq TO childaid_app;");
            migrationBuilder.Sql("""
                CREATE FUNCTION balance_runs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'balance_runs is append-only: a published run is never changed or removed'; END $$;
                CREATE TRIGGER balance_runs_append_only BEFORE UPDATE OR DELETE ON balance_runs
                FOR EACH ROW EXECUTE FUNCTION balance_runs_refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS balance_runs_append_only ON balance_runs;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS balance_runs_refuse_change();");

            migrationBuilder.DropTable(
                name: "balance_runs");

            migrationBuilder.DropTable(
                name: "public_nutrition");
        }
    }
}
