using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TlogMerkleTiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "log_checkpoints",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tree_size = table.Column<long>(type: "bigint", nullable: false),
                    root_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    verifier_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    signed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_log_checkpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "log_heads",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    tree_size = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_log_heads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "log_tiles",
                columns: table => new
                {
                    level = table.Column<int>(type: "integer", nullable: false),
                    tile_index = table.Column<long>(type: "bigint", nullable: false),
                    hashes = table.Column<byte[]>(type: "bytea", maxLength: 8192, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_log_tiles", x => new { x.level, x.tile_index });
                });

            migrationBuilder.InsertData(
                table: "log_heads",
                columns: new[] { "id", "tree_size" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "ix_log_checkpoints_tree_size",
                table: "log_checkpoints",
                column: "tree_size",
                unique: true);

            // Public: tiles and checkpoints are hashes of the public ledger and their signatures (PublicSite serves /log/).
            migrationBuilder.Sql("GRANT SELECT ON log_tiles, log_checkpoints TO childaid_public_reader;");
            // BackOffice's worker appends the tree and signs checkpoints; it never deletes either.
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE ON log_tiles, log_heads, log_checkpoints TO childaid_app;");
            migrationBuilder.Sql("GRANT USAGE, SELECT ON SEQUENCE log_checkpoints_id_seq TO childaid_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "log_checkpoints");

            migrationBuilder.DropTable(
                name: "log_heads");

            migrationBuilder.DropTable(
                name: "log_tiles");
        }
    }
}
