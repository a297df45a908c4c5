using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    review_unit_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    commune_id = table.Column<int>(type: "integer", nullable: false),
                    commune_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    commune_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    district_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    province_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    school_id = table.Column<int>(type: "integer", nullable: true),
                    school_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    priority_level = table.Column<int>(type: "integer", nullable: true),
                    category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    item_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    item_name_vi = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    item_name_en = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    size_band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    suppressed = table.Column<bool>(type: "boolean", nullable: false),
                    children_count = table.Column<int>(type: "integer", nullable: true),
                    quantity = table.Column<long>(type: "bigint", nullable: true),
                    estimated_cost_vnd = table.Column<long>(type: "bigint", nullable: true),
                    committed_quantity = table.Column<long>(type: "bigint", nullable: true),
                    received_quantity = table.Column<long>(type: "bigint", nullable: true),
                    delivered_quantity = table.Column<long>(type: "bigint", nullable: true),
                    committed_vnd = table.Column<long>(type: "bigint", nullable: true),
                    received_vnd = table.Column<long>(type: "bigint", nullable: true),
                    delivered_vnd = table.Column<long>(type: "bigint", nullable: true),
                    refreshed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            // PublicSite reads the aggregated cells and the published criteria behind the levels, never need_lines or children.
            migrationBuilder.Sql("GRANT SELECT ON public_needs, priority_criteria, priority_scales TO childaid_public_reader;");
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE, DELETE ON public_needs TO childaid_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("REVOKE SELECT ON priority_criteria, priority_scales FROM childaid_public_reader;");
            migrationBuilder.DropTable(
                name: "public_needs");
        }
    }
}
