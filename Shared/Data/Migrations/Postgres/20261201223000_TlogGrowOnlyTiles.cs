using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// The transparency log's storage refuses what a published log must never do: a tile only grows at its end (a hash
    /// once served is never changed, so a full tile never changes again), holds 1 to 256 hashes of 32 bytes, and is never
    /// deleted or truncated; a signed checkpoint is never changed, deleted or truncated. No model change, hence no
    /// designer file.
    /// </summary>
    [DbContext(typeof(PostgresChildAidDbContext))]
    [Migration("20261201223000_TlogGrowOnlyTiles")]
    public partial class TlogGrowOnlyTiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION log_tiles_grow_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
                        RAISE EXCEPTION 'log_tiles only grow: a tile is never deleted';
                    END IF;
                    IF length(NEW.hashes) = 0 OR length(NEW.hashes) % 32 <> 0 OR length(NEW.hashes) > 8192 THEN
                        RAISE EXCEPTION 'log_tiles: a tile holds 1 to 256 hashes of 32 bytes';
                    END IF;
                    IF TG_OP = 'UPDATE' AND (NEW.level <> OLD.level OR NEW.tile_index <> OLD.tile_index
                        OR length(NEW.hashes) < length(OLD.hashes)
                        OR substring(NEW.hashes FROM 1 FOR length(OLD.hashes)) <> OLD.hashes) THEN
                        RAISE EXCEPTION 'log_tiles only grow at their end: a hash once written is never changed';
                    END IF;
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER log_tiles_grow_only BEFORE INSERT OR UPDATE OR DELETE ON log_tiles
                    FOR EACH ROW EXECUTE FUNCTION log_tiles_grow_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER log_tiles_no_truncate BEFORE TRUNCATE ON log_tiles
                    FOR EACH STATEMENT EXECUTE FUNCTION log_tiles_grow_only();
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION log_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'log_checkpoints is append-only: a signed checkpoint is never changed or deleted';
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER log_checkpoints_append_only BEFORE UPDATE OR DELETE ON log_checkpoints
                    FOR EACH ROW EXECUTE FUNCTION log_checkpoints_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER log_checkpoints_no_truncate BEFORE TRUNCATE ON log_checkpoints
                    FOR EACH STATEMENT EXECUTE FUNCTION log_checkpoints_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_tiles_grow_only ON log_tiles;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_tiles_no_truncate ON log_tiles;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_checkpoints_append_only ON log_checkpoints;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_checkpoints_no_truncate ON log_checkpoints;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS log_tiles_grow_only();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS log_checkpoints_append_only();");
        }
    }
}
