using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AllocationDoubleSupport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "double_support_allowed_by_id",
                table: "allocations",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "double_support_findings",
                table: "allocations",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "double_support_reason",
                table: "allocations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_allocations_double_support",
                table: "allocations",
                sql: "(double_support_findings IS NULL AND double_support_reason IS NULL AND double_support_allowed_by_id IS NULL) OR (double_support_findings IS NOT NULL AND double_support_reason IS NOT NULL AND double_support_allowed_by_id IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_allocations_double_support",
                table: "allocations");

            migrationBuilder.DropColumn(
                name: "double_support_allowed_by_id",
                table: "allocations");

            migrationBuilder.DropColumn(
                name: "double_support_findings",
                table: "allocations");

            migrationBuilder.DropColumn(
                name: "double_support_reason",
                table: "allocations");
        }
    }
}
