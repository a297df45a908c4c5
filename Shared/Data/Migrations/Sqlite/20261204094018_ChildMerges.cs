using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChildMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "child_merges",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kept_child_id = table.Column<int>(type: "INTEGER", nullable: false),
                    merged_child_id = table.Column<int>(type: "INTEGER", nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    merged_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    merged_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    undone_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    undone_at = table.Column<DateTime>(type: "TEXT", nullable: true)
        
        },
                constraints: table =>
                {
                    table.PrimaryKey("pk_child_merges", x => x.id);
                    table.CheckConstraint("ck_child_merges_two_records", "kept_child_id <> merged_child_id");
                    table.ForeignKey(
                        name: "fk_child_merges_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_child_merges_children_kept_child_id",
                        column: x => x.kept_child_id,
                        principalTable: "children",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_child_merges_children_merged_child_id",
                        column: x => x.merged_child_id,
                        principalTable: "children",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "child_merge_moves",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    child_merge_id = table.Column<int>(type: "INTEGER", nullable: false),
                    row = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    row_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kept_had_it = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_child_merge_moves", x => x.id);
                    table.ForeignKey(
                        name: "fk_child_merge_moves_child_merges_child_merge_id",
                        column: x => x.child_merge_id,
                        principalTable: "child_merges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_child_merge_moves_child_merge_id_row_row_id",
                table: "child_merge_moves",
                columns: new[] { "child_merge_id", "row", "row_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_child_merges_admin_unit_id",
                table: "child_merges",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_child_merges_kept_child_id",
                table: "child_merges",
                column: "kept_child_id");

            migrationBuilder.CreateIndex(
                name: "ix_child_merges_merged_child_id",
                table: "child_merges",
                column: "merged_child_id");
            // A merged record stays merged, unless its latest merge was undone (ChildDuplicates.UndoMergeAsync stamps the
            // merge first, then un-merges the record, in one transaction).
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS children_merged_stays_merged;");
            migrationBuilder.Sql("""
                CREATE TRIGGER children_merged_stays_merged BEFORE UPDATE OF merged_into_id ON children
                WHEN OLD.merged_into_id IS NOT NULL AND NEW.merged_into_id IS NULL
                    AND NOT EXISTS (SELECT 1 FROM child_merges m WHERE m.merged_child_id = OLD.id AND m.undone_at IS NOT NULL
                        AND m.id = (SELECT max(l.id) FROM child_merges l WHERE l.merged_child_id = OLD.id))
                BEGIN SELECT RAISE(ABORT, 'children: a merged record stays merged'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS children_merged_stays_merged;");
            migrationBuilder.Sql("""
                CREATE TRIGGER children_merged_stays_merged BEFORE UPDATE OF merged_into_id ON children
                WHEN OLD.merged_into_id IS NOT NULL AND NEW.merged_into_id IS NULL
                BEGIN SELECT RAISE(ABORT, 'children: a merged record stays merged'); END;
                """);

            migrationBuilder.DropTable(
                name: "child_merge_moves");

            migrationBuilder.DropTable(
                name: "child_merges");
        }
    }
}
