using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// The child registry's merge, as the database sees it: a record is never merged into a record that is itself merged,
    /// a merged record is never un-merged or deleted (the same rules as SQLite's triggers of the same migration); and the
    /// application role's rights on the new table of "not the same child" pairs. No model change, hence no designer file.
    /// </summary>
    [DbContext(typeof(PostgresChildAidDbContext))]
    [Migration("20261202074700_ChildRegistryMergeGuards")]
    public partial class ChildRegistryMergeGuards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION children_merge_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
            migrationBuilder.Sql("""
                CREATE TRIGGER children_merge_guard BEFORE INSERT OR UPDATE OR DELETE ON children
                    FOR EACH ROW EXECUTE FUNCTION children_merge_guard();
                """);
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE, DELETE ON child_distinct_pairs TO childaid_app;");
            migrationBuilder.Sql("GRANT USAGE, SELECT ON SEQUENCE child_distinct_pairs_id_seq TO childaid_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS children_merge_guard ON children;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS children_merge_guard();");
        }
    }
}
