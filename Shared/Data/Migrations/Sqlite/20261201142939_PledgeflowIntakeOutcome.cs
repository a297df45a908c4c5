using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PledgeflowIntakeOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "pledge_intake",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "failure",
                table: "pledge_intake",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "pledge_intake",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "processed_at",
                table: "pledge_intake",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "retry_after",
                table: "pledge_intake",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_pledge_intake_waiting",
                table: "pledge_intake",
                column: "received_at",
                filter: "processed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_pledge_intake_waiting",
                table: "pledge_intake");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "pledge_intake");

            migrationBuilder.DropColumn(
                name: "failure",
                table: "pledge_intake");

            migrationBuilder.DropColumn(
                name: "outcome",
                table: "pledge_intake");

            migrationBuilder.DropColumn(
                name: "processed_at",
                table: "pledge_intake");

            migrationBuilder.DropColumn(
                name: "retry_after",
                table: "pledge_intake");
        }
    }
}
