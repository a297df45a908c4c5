using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// The child registry's merge, as the database sees it: a record is never merged into a record that is itself merged
    /// (no chains; ChildDuplicates points earlier merges at the survivor first), a merged record is never un-merged or
    /// deleted. The database's word on what ChildDuplicates does. No model change, hence no designer file.
    /// </summary>
    [DbContext(typeof(SqliteChildAidDbContext))]
    [Migration("20261202074700_ChildRegistryMergeGuards")]
    public partial class ChildRegistryMergeGuards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER children_merge_into_merged_insert BEFORE INSERT ON children
                WHEN NEW.merged_into_id IS NOT NULL AND (SELECT merged_into_id FROM children WHERE id = NEW.merged_into_id) IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'children: a record cannot be merged into a record that is itself merged'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER children_merge_into_merged_update BEFORE UPDATE OF merged_into_id ON children
                WHEN NEW.merged_into_id IS NOT NULL AND (SELECT merged_into_id FROM children WHERE id = NEW.merged_into_id) IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'children: a record cannot be merged into a record that is itself merged'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER children_merged_stays_merged BEFORE UPDATE OF merged_into_id ON children
                WHEN OLD.merged_into_id IS NOT NULL AND NEW.merged_into_id IS NULL
                BEGIN SELECT RAISE(ABORT, 'children: a merged record stays merged'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER children_merged_not_deleted BEFORE DELETE ON children
                WHEN OLD.merged_into_id IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'children: a merged record is kept, never deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS children_merge_into_merged_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS children_merge_into_merged_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS children_merged_stays_merged;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS children_merged_not_deleted;");
        }
    }
}
