using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MeasurementSkinfolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "subscapular_skinfold_for_age",
                table: "measurements",
                type: "numeric(4,2)",
                precision: 4,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "subscapular_skinfold_mm",
                table: "measurements",
                type: "numeric(3,1)",
                precision: 3,
                scale: 1,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "triceps_skinfold_for_age",
                table: "measurements",
                type: "numeric(4,2)",
                precision: 4,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "triceps_skinfold_mm",
                table: "measurements",
                type: "numeric(3,1)",
                precision: 3,
                scale: 1,
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_measurements_subscapular_skinfold",
                table: "measurements",
                sql: "subscapular_skinfold_mm IS NULL OR CAST(subscapular_skinfold_mm AS REAL) BETWEEN 1 AND 50");

            migrationBuilder.AddCheckConstraint(
                name: "ck_measurements_triceps_skinfold",
                table: "measurements",
                sql: "triceps_skinfold_mm IS NULL OR CAST(triceps_skinfold_mm AS REAL) BETWEEN 1 AND 50");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_measurements_subscapular_skinfold",
                table: "measurements");

            migrationBuilder.DropCheckConstraint(
                name: "ck_measurements_triceps_skinfold",
                table: "measurements");

            migrationBuilder.DropColumn(
                name: "subscapular_skinfold_for_age",
                table: "measurements");

            migrationBuilder.DropColumn(
                name: "subscapular_skinfold_mm",
                table: "measurements");

            migrationBuilder.DropColumn(
                name: "triceps_skinfold_for_age",
                table: "measurements");

            migrationBuilder.DropColumn(
                name: "triceps_skinfold_mm",
                table: "measurements");
        }
    }
}
