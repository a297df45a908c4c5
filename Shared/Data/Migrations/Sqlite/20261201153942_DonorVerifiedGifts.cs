using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "verified_gifts",
                columns: table => new
                {
                    token_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    ledger_sequence = table.Column<long>(type: "INTEGER", nullable: false)
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
