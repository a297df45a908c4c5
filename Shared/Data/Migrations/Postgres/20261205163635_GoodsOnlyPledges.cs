using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <summary>
    /// A business may pledge goods alone (amount 0 with goods lines, in đồng, no instalments); the pledge keeps its goods lines, so
    /// receipts of goods count against them. The intake's attempts count gets its database default in the model, so a table
    /// rebuild keeps it (PublicSite inserts without it).
    /// </summary>
    public partial class GoodsOnlyPledges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_pledges_amount_positive",
                table: "pledges");

            migrationBuilder.DropCheckConstraint(
                name: "ck_pledge_intake_amount_positive",
                table: "pledge_intake");

            migrationBuilder.AddColumn<string>(
                name: "in_kind_lines_json",
                table: "pledges",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            // Pledges made before keep their goods lines with them (read from the intake row until now).
            migrationBuilder.Sql("UPDATE pledges SET in_kind_lines_json = (SELECT i.in_kind_lines_json FROM pledge_intake i WHERE i.id = pledges.intake_id)");

            migrationBuilder.AlterColumn<int>(
                name: "attempts",
                table: "pledge_intake",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddCheckConstraint(
                name: "ck_pledges_amount_positive",
                table: "pledges",
                sql: "amount_vnd > 0 OR (amount_vnd = 0 AND in_kind_lines_json IS NOT NULL AND currency = 'VND' AND instalments_json IS NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_pledge_intake_amount_positive",
                table: "pledge_intake",
                sql: "amount_vnd > 0 OR (amount_vnd = 0 AND in_kind_lines_json IS NOT NULL AND currency = 'VND' AND instalments_json IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_pledges_amount_positive",
                table: "pledges");

            migrationBuilder.DropCheckConstraint(
                name: "ck_pledge_intake_amount_positive",
                table: "pledge_intake");

            migrationBuilder.DropColumn(
                name: "in_kind_lines_json",
                table: "pledges");

            migrationBuilder.AlterColumn<int>(
                name: "attempts",
                table: "pledge_intake",
                type: "integer",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer",
                oldDefaultValue: 0);

            migrationBuilder.AddCheckConstraint(
                name: "ck_pledges_amount_positive",
                table: "pledges",
                sql: "amount_vnd > 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_pledge_intake_amount_positive",
                table: "pledge_intake",
                sql: "amount_vnd > 0");
        }
    }
}
