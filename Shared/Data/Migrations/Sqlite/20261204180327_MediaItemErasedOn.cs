using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MediaItemErasedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "erased_on",
                table: "media_items",
                type: "TEXT",
                nullable: true);
            // Photos kept by an erasure before the column existed were told apart by their description only.
            migrationBuilder.Sql("UPDATE media_items SET erased_on = date('now') WHERE alt = 'Đã xoá theo yêu cầu'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "erased_on",
                table: "media_items");
        }
    }
}
