using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DonorVerifiedGifts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "verify_token",
                table: "contributions",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "verified_gifts",
                columns: table => new
                {
                    token_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    ledger_sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_verified_gifts", x => x.token_hash);
                });

            migrationBuilder.CreateIndex(
                name: "ix_verified_gifts_ledger_sequence",
                table: "verified_gifts",
                column: "ledger_sequence",
                unique: true);

            // Public: the verified-gift page reads it (a token's hash and a ledger sequence, nothing the statement hides).
            migrationBuilder.Sql("GRANT SELECT ON verified_gifts TO childaid_public_reader;");
            migrationBuilder.Sql("GRANT SELECT, INSERT, UPDATE, DELETE ON verified_gifts TO childaid_app;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "verified_gifts");

            migrationBuilder.DropColumn(
                name: "verify_token",
                table: "contributions");
        }
    }
}
