using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kept_child_id = table.Column<int>(type: "integer", nullable: false),
                    merged_child_id = table.Column<int>(type: "integer", nullable: false),
                    admin_unit_id = table.Column<int>(type: "integer", nullable: false),
                    merged_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    merged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    undone_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    undone_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
        
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
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    child_merge_id = table.Column<int>(type: "integer", nullable: false),
                    row = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    row_id = table.Column<long>(type: "bigint", nullable: false),
                    kept_had_it = table.Column<bool>(type: "boolean", nullable: false)
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
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION children_merge_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        IF OLD.merged_into_id IS NOT NULL THEN
                            RAISE EXCEPTION 'children: a merged record is kept, never deleted';
                        END IF;
                        RETURN OLD;
                    END IF;
                    IF TG_OP = 'UPDATE' AND OLD.merged_into_id IS NOT NULL AND NEW.merged_into_id IS NULL
                        AND NOT EXISTS (SELECT 1 FROM child_merges m WHERE m.merged_child_id = OLD.id AND m.undone_at IS NOT NULL
                            AND m.id = (SELECT max(l.id) FROM child_merges l WHERE l.merged_child_id = OLD.id)) THEN
                        RAISE EXCEPTION 'children: a merged record stays merged';
                    END IF;
                    IF NEW.merged_into_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.merged_into_id IS DISTINCT FROM OLD.merged_into_id)
                        AND EXISTS (SELECT 1 FROM children c WHERE c.id = NEW.merged_into_id AND c.merged_into_id IS NOT NULL) THEN
                        RAISE EXCEPTION 'children: a record cannot be merged into a record that is itself merged';
                    END IF;
                    RETURN NEW;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION children_merge_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        IF OLD.merged_into_id IS NOT NULL THEN
                            RAISE EXCEPTION 'children: a merged record is kept, never deleted';
                        END IF;
                        RETURN OLD;
                    END IF;
                    IF TG_OP = 'UPDATE' AND OLD.merged_into_id IS NOT NULL AND NEW.merged_into_id IS NULL THEN
                        RAISE EXCEPTION 'children: a merged record stays merged';
                    END IF;
                    IF NEW.merged_into_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.merged_into_id IS DISTINCT FROM OLD.merged_into_id)
                        AND EXISTS (SELECT 1 FROM children c WHERE c.id = NEW.merged_into_id AND c.merged_into_id IS NOT NULL) THEN
                        RAISE EXCEPTION 'children: a record cannot be merged into a record that is itself merged';
                    END IF;
                    RETURN NEW;
                END $$;
                """);

            migrationBuilder.DropTable(
                name: "child_merge_moves");

            migrationBuilder.DropTable(
                name: "child_merges");
        }
    }
}
