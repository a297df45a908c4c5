using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NeedInTransit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "in_transit_quantity",
                table: "public_needs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "in_transit_vnd",
                table: "public_needs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "in_transit_quantity",
                table: "need_lines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "in_transit_quantity",
                table: "public_needs");

            migrationBuilder.DropColumn(
                name: "in_transit_vnd",
                table: "public_needs");

            migrationBuilder.DropColumn(
                name: "in_transit_quantity",
                table: "need_lines");
        }
    }
}
