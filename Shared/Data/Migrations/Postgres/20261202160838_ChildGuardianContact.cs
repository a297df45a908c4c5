using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChildGuardianContact : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "child_consent_on",
                table: "children",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "guardian_phone",
                table: "children",
                type: "character varying(15)",
                maxLength: 15,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "guardian_relation",
                table: "children",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "child_consent_on",
                table: "children");

            migrationBuilder.DropColumn(
                name: "guardian_phone",
                table: "children");

            migrationBuilder.DropColumn(
                name: "guardian_relation",
                table: "children");
        }
    }
}
