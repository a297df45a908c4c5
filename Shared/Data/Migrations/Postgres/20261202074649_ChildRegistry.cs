using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChildRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "date_of_birth_estimated",
                table: "children",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "erased_on",
                table: "children",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "erasure_reason",
                table: "children",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "merged_at",
                table: "children",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "merged_into_id",
                table: "children",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "child_distinct_pairs",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    first_child_id = table.Column<int>(type: "integer", nullable: false),
                    second_child_id = table.Column<int>(type: "integer", nullable: false),
                    admin_unit_id = table.Column<int>(type: "integer", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_child_distinct_pairs", x => x.id);
                    table.CheckConstraint("ck_child_distinct_pairs_order", "first_child_id < second_child_id");
                    table.ForeignKey(
                        name: "fk_child_distinct_pairs_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_child_distinct_pairs_children_first_child_id",
                        column: x => x.first_child_id,
                        principalTable: "children",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_child_distinct_pairs_children_second_child_id",
                        column: x => x.second_child_id,
                        principalTable: "children",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_children_merged_into_id",
                table: "children",
                column: "merged_into_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_children_not_merged_into_itself",
                table: "children",
                sql: "merged_into_id IS NULL OR merged_into_id <> id");

            migrationBuilder.CreateIndex(
                name: "ix_child_distinct_pairs_admin_unit_id",
                table: "child_distinct_pairs",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_child_distinct_pairs_first_child_id_second_child_id",
                table: "child_distinct_pairs",
                columns: new[] { "first_child_id", "second_child_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_child_distinct_pairs_second_child_id",
                table: "child_distinct_pairs",
                column: "second_child_id");

            migrationBuilder.AddForeignKey(
                name: "fk_children_children_merged_into_id",
                table: "children",
                column: "merged_into_id",
                principalTable: "children",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_children_children_merged_into_id",
                table: "children");

            migrationBuilder.DropTable(
                name: "child_distinct_pairs");

            migrationBuilder.DropIndex(
                name: "ix_children_merged_into_id",
                table: "children");

            migrationBuilder.DropCheckConstraint(
                name: "ck_children_not_merged_into_itself",
                table: "children");

            migrationBuilder.DropColumn(
                name: "date_of_birth_estimated",
                table: "children");

            migrationBuilder.DropColumn(
                name: "erased_on",
                table: "children");

            migrationBuilder.DropColumn(
                name: "erasure_reason",
                table: "children");

            migrationBuilder.DropColumn(
                name: "merged_at",
                table: "children");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "children");
        }
    }
}
