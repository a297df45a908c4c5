using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BookingChannelExternalId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "contributions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Staff"); // every receipt before channels came from the staff form

            migrationBuilder.AddColumn<string>(
                name: "external_id",
                table: "contributions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_contributions_external_id",
                table: "contributions",
                column: "external_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_contributions_external_id",
                table: "contributions");

            migrationBuilder.DropColumn(
                name: "channel",
                table: "contributions");

            migrationBuilder.DropColumn(
                name: "external_id",
                table: "contributions");
        }
    }
}
