using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tree_size = table.Column<long>(type: "INTEGER", nullable: false),
                    root_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    verifier_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    signed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_log_checkpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "log_heads",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    tree_size = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_log_heads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "log_tiles",
                columns: table => new
                {
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    tile_index = table.Column<long>(type: "INTEGER", nullable: false),
                    hashes = table.Column<byte[]>(type: "BLOB", maxLength: 8192, nullable: false)
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
