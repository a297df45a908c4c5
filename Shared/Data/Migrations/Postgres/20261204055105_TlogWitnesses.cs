using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// Witnesses' cosignatures on our checkpoints and the witness policy archived with each checkpoint. Cosignatures are
    /// public (the PublicSite role reads them) and append-only, like the checkpoints.
    /// </summary>
    public partial class TlogWitnesses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "witness_policy",
                table: "log_checkpoints",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "log_cosignatures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    checkpoint_id = table.Column<long>(type: "bigint", nullable: false),
                    witness = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    witness_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    signature_line = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    timestamp = table.Column<long>(type: "bigint", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.Sql("GRANT SELECT ON log_cosignatures TO childaid_public_reader;");
            migrationBuilder.Sql("""
                CREATE FUNCTION log_cosignatures_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'log_cosignatures is append-only: a witness''s cosignature is never changed or deleted';
                END $$;
                CREATE TRIGGER log_cosignatures_append_only BEFORE UPDATE OR DELETE ON log_cosignatures
                    FOR EACH ROW EXECUTE FUNCTION log_cosignatures_append_only();
                CREATE TRIGGER log_cosignatures_no_truncate BEFORE TRUNCATE ON log_cosignatures
                    FOR EACH STATEMENT EXECUTE FUNCTION log_cosignatures_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_cosignatures_append_only ON log_cosignatures;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS log_cosignatures_no_truncate ON log_cosignatures;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS log_cosignatures_append_only();");
            migrationBuilder.DropTable(
                name: "log_cosignatures");

            migrationBuilder.DropColumn(
                name: "witness_policy",
                table: "log_checkpoints");
        }
    }
}
