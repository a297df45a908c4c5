using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// The transparency log's storage refuses what a published log must never do: a tile only grows at its end (a hash
    /// once served is never changed, so a full tile never changes again), holds 1 to 256 hashes of 32 bytes, and is never
    /// deleted; a signed checkpoint is never changed or deleted. Triggers, as for the ledger. No model change, hence no
    /// designer file.
    /// </summary>
    [DbContext(typeof(SqliteChildAidDbContext))]
    [Migration("20261201223000_TlogGrowOnlyTiles")]
    public partial class TlogGrowOnlyTiles : Migration
    {
        private const string BadShape = "length(NEW.hashes) = 0 OR length(NEW.hashes) % 32 <> 0 OR length(NEW.hashes) > 8192";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER log_tiles_shape BEFORE INSERT ON log_tiles
                WHEN {BadShape}
                BEGIN SELECT RAISE(ABORT, 'log_tiles: a tile holds 1 to 256 hashes of 32 bytes'); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER log_tiles_grow_only BEFORE UPDATE ON log_tiles
                WHEN NEW.level <> OLD.level OR NEW.tile_index <> OLD.tile_index OR {BadShape}
                  OR length(NEW.hashes) < length(OLD.hashes) OR substr(NEW.hashes, 1, length(OLD.hashes)) <> OLD.hashes
                BEGIN SELECT RAISE(ABORT, 'log_tiles only grow at their end: a hash once written is never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER log_tiles_refuse_delete BEFORE DELETE ON log_tiles
                BEGIN SELECT RAISE(ABORT, 'log_tiles only grow: a tile is never deleted'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER log_checkpoints_refuse_update BEFORE UPDATE ON log_checkpoints
                BEGIN SELECT RAISE(ABORT, 'log_checkpoints is append-only: a signed checkpoint is never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER log_checkpoints_refuse_delete BEFORE DELETE ON log_checkpoints
                BEGIN SELECT RAISE(ABORT, 'log_checkpoints is append-only: a signed checkpoint is never deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "log_tiles_shape", "log_tiles_grow_only", "log_tiles_refuse_delete", "log_checkpoints_refuse_update", "log_checkpoints_refuse_delete" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
        }
    }
}
