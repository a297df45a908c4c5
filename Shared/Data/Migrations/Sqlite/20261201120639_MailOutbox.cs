using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MailOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mail_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    dedupe_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    to_address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    to_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    html_body = table.Column<string>(type: "TEXT", nullable: false),
                    text_body = table.Column<string>(type: "TEXT", nullable: false),
                    unsubscribe_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    claimed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    provider_message_id = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mail_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mail_attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    mail_outbox_message_id = table.Column<long>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    content_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mail_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_mail_attachments_mail_outbox_mail_outbox_message_id",
                        column: x => x.mail_outbox_message_id,
                        principalTable: "mail_outbox",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_mail_attachments_mail_outbox_message_id",
                table: "mail_attachments",
                column: "mail_outbox_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_mail_outbox_dedupe_key",
                table: "mail_outbox",
                column: "dedupe_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mail_outbox_status_next_attempt_at",
                table: "mail_outbox",
                columns: new[] { "status", "next_attempt_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mail_attachments");

            migrationBuilder.DropTable(
                name: "mail_outbox");
        }
    }
}
