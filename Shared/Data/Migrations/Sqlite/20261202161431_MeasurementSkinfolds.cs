using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
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
                type: "TEXT",
                precision: 4,
                scale: 2,
                nullable: true);

            // In place, never EF's table rebuild for a CHECK: each measured column with its check in one ALTER TABLE, as
            // CheckupsSessionsAndMeasurements and ChildRegistry did (SQLite allows a CHECK on a column added this way).
            migrationBuilder.Sql(
                "ALTER TABLE measurements ADD COLUMN subscapular_skinfold_mm TEXT NULL " +
                "CONSTRAINT ck_measurements_subscapular_skinfold CHECK (subscapular_skinfold_mm IS NULL OR CAST(subscapular_skinfold_mm AS REAL) BETWEEN 1 AND 50);");

            migrationBuilder.AddColumn<decimal>(
                name: "triceps_skinfold_for_age",
                table: "measurements",
                type: "TEXT",
                precision: 4,
                scale: 2,
                nullable: true);

            migrationBuilder.Sql(
                "ALTER TABLE measurements ADD COLUMN triceps_skinfold_mm TEXT NULL " +
                "CONSTRAINT ck_measurements_triceps_skinfold CHECK (triceps_skinfold_mm IS NULL OR CAST(triceps_skinfold_mm AS REAL) BETWEEN 1 AND 50);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // EF's rebuild (development only).
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
