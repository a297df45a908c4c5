using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PledgeMessage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "message",
                table: "pledges",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            // Pledges made before the column: the message is on the intake row they came from.
            migrationBuilder.Sql("UPDATE pledges SET message = (SELECT i.message FROM pledge_intake i WHERE i.id = pledges.intake_id) WHERE message IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "message",
                table: "pledges");
        }
    }
}
