using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <summary>
    /// Witnesses' cosignatures on our checkpoints and the witness policy archived with each checkpoint. Cosignatures are
    /// append-only, like the checkpoints.
    /// </summary>
    public partial class TlogWitnesses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "witness_policy",
                table: "log_checkpoints",
                type: "TEXT",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "log_cosignatures",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    checkpoint_id = table.Column<long>(type: "INTEGER", nullable: false),
                    witness = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    witness_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    signature_line = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_log_cosignatures", x => x.id);
                    table.ForeignKey(
                        name: "fk_log_cosignatures_log_checkpoints_checkpoint_id",
                        column: x => x.checkpoint_id,
                        principalTable: "log_checkpoints",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_log_cosignatures_checkpoint_id_witness_key",
                table: "log_cosignatures",
                columns: new[] { "checkpoint_id", "witness_key" },
                unique: true);

            migrationBuilder.Sql("""
                CREATE TRIGGER log_cosignatures_refuse_update BEFORE UPDATE ON log_cosignatures
                BEGIN SELECT RAISE(ABORT, 'log_cosignatures is append-only: a witness''s cosignature is never changed'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER log_cosignatures_refuse_delete BEFORE DELETE ON log_cosignatures
                BEGIN SELECT RAISE(ABORT, 'log_cosignatures is append-only: a witness''s cosignature is never deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_cosignatures_refuse_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_cosignatures_refuse_delete;");
            migrationBuilder.DropTable(
                name: "log_cosignatures");

            migrationBuilder.DropColumn(
                name: "witness_policy",
                table: "log_checkpoints");
        }
    }
}
