using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContributionPledge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // By hand: EF would rebuild the table to add the foreign key, and a rebuild drops the triggers on
            // contributions. SQLite adds a nullable column with its REFERENCES clause in place.
            migrationBuilder.Sql(
                "ALTER TABLE contributions ADD COLUMN pledge_id INTEGER NULL " +
                "CONSTRAINT fk_contributions_pledges_pledge_id REFERENCES pledges (id) ON DELETE RESTRICT;");

            migrationBuilder.CreateIndex(
                name: "ix_contributions_pledge_id",
                table: "contributions",
                column: "pledge_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_contributions_pledge_id",
                table: "contributions");

            migrationBuilder.DropColumn(
                name: "pledge_id",
                table: "contributions");
        }
    }
}
