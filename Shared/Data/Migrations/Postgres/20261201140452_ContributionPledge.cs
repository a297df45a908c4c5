using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContributionPledge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "pledge_id",
                table: "contributions",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_contributions_pledge_id",
                table: "contributions",
                column: "pledge_id");

            migrationBuilder.AddForeignKey(
                name: "fk_contributions_pledges_pledge_id",
                table: "contributions",
                column: "pledge_id",
                principalTable: "pledges",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_contributions_pledges_pledge_id",
                table: "contributions");

            migrationBuilder.DropIndex(
                name: "ix_contributions_pledge_id",
                table: "contributions");

            migrationBuilder.DropColumn(
                name: "pledge_id",
                table: "contributions");
        }
    }
}
