using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AllocationDoubleSupport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "double_support_findings",
                table: "allocations",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "double_support_reason",
                table: "allocations",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            // In place, never EF's table rebuild for a CHECK (it would drop the allocation guards' triggers): the last
            // column carries the check over all three, which SQLite allows on a column added by ALTER TABLE.
            migrationBuilder.Sql(
                "ALTER TABLE allocations ADD COLUMN double_support_allowed_by_id TEXT NULL " +
                "CONSTRAINT ck_allocations_double_support CHECK (" +
                "(double_support_findings IS NULL AND double_support_reason IS NULL AND double_support_allowed_by_id IS NULL) OR " +
                "(double_support_findings IS NOT NULL AND double_support_reason IS NOT NULL AND double_support_allowed_by_id IS NOT NULL));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // EF's rebuild (development only): re-create the allocation guards' triggers after going down.
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
