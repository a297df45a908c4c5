using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "erased_on",
                table: "children",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "erasure_reason",
                table: "children",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "merged_at",
                table: "children",
                type: "TEXT",
                nullable: true);

            // In place, never EF's table rebuild for a foreign key or a CHECK (it would drop the table's triggers): the
            // column with its reference and its check in one ALTER TABLE, as CheckupsSessionsAndMeasurements did.
            migrationBuilder.Sql(
                "ALTER TABLE children ADD COLUMN merged_into_id INTEGER NULL " +
                "CONSTRAINT fk_children_children_merged_into_id REFERENCES children (id) ON DELETE RESTRICT " +
                "CONSTRAINT ck_children_not_merged_into_itself CHECK (merged_into_id IS NULL OR merged_into_id <> id);");

            migrationBuilder.CreateTable(
                name: "child_distinct_pairs",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    first_child_id = table.Column<int>(type: "INTEGER", nullable: false),
                    second_child_id = table.Column<int>(type: "INTEGER", nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.DropTable(
                name: "child_distinct_pairs");

            migrationBuilder.DropIndex(
                name: "ix_children_merged_into_id",
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
