using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NeedsPublicProjection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "public_needs",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    review_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    commune_id = table.Column<int>(type: "INTEGER", nullable: false),
                    commune_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    commune_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    district_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    province_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    school_id = table.Column<int>(type: "INTEGER", nullable: true),
                    school_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    priority_level = table.Column<int>(type: "INTEGER", nullable: true),
                    category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    item_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    item_name_vi = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    item_name_en = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    size_band = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    suppressed = table.Column<bool>(type: "INTEGER", nullable: false),
                    children_count = table.Column<int>(type: "INTEGER", nullable: true),
                    quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    estimated_cost_vnd = table.Column<long>(type: "INTEGER", nullable: true),
                    committed_quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    received_quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    delivered_quantity = table.Column<long>(type: "INTEGER", nullable: true),
                    committed_vnd = table.Column<long>(type: "INTEGER", nullable: true),
                    received_vnd = table.Column<long>(type: "INTEGER", nullable: true),
                    delivered_vnd = table.Column<long>(type: "INTEGER", nullable: true),
                    refreshed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_needs", x => x.id);
                    table.CheckConstraint("ck_public_needs_small_cells", "(suppressed AND children_count IS NULL AND quantity IS NULL AND estimated_cost_vnd IS NULL AND committed_vnd IS NULL) OR (NOT suppressed AND children_count >= 5)");
                });

            migrationBuilder.CreateIndex(
                name: "ix_public_needs_commune_id_category_priority_level",
                table: "public_needs",
                columns: new[] { "commune_id", "category", "priority_level" });

            migrationBuilder.CreateIndex(
                name: "ix_public_needs_commune_name_commune_id_year_id",
                table: "public_needs",
                columns: new[] { "commune_name", "commune_id", "year", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_public_needs_review_unit_id_year",
                table: "public_needs",
                columns: new[] { "review_unit_id", "year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "public_needs");
        }
    }
}
