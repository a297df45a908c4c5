using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContentModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "consent_records",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    child_id = table.Column<int>(type: "INTEGER", nullable: true),
                    no_identifiable_child = table.Column<bool>(type: "INTEGER", nullable: false),
                    guardian_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    guardian_consent_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    child_consent_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    scope = table.Column<int>(type: "INTEGER", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    withdrawn_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    withdrawn_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_records", x => x.id);
                    table.CheckConstraint("ck_consent_records_subject", "(no_identifiable_child AND child_id IS NULL) OR (NOT no_identifiable_child AND child_id IS NOT NULL AND guardian_name IS NOT NULL AND guardian_consent_on IS NOT NULL AND scope > 0)");
                    table.ForeignKey(
                        name: "fk_consent_records_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consent_records_children_child_id",
                        column: x => x.child_id,
                        principalTable: "children",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "content_redirects",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    from_path = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    to_path = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    automatic = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_redirects", x => x.id);
                    table.CheckConstraint("ck_content_redirects_not_self", "from_path <> to_path");
                });

            migrationBuilder.CreateTable(
                name: "media_folders",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    parent_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_media_folders", x => x.id);
                    table.ForeignKey(
                        name: "fk_media_folders_media_folders_parent_id",
                        column: x => x.parent_id,
                        principalTable: "media_folders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "published_content",
                columns: table => new
                {
                    content_item_id = table.Column<int>(type: "INTEGER", nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    body_html = table.Column<string>(type: "TEXT", maxLength: 400000, nullable: false),
                    seo_title = table.Column<string>(type: "TEXT", maxLength: 70, nullable: true),
                    seo_description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    hero_media_id = table.Column<int>(type: "INTEGER", nullable: true),
                    published_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_published_content", x => new { x.content_item_id, x.language });
                    table.CheckConstraint("ck_published_content_language", "language IN ('vi', 'en')");
                });

            migrationBuilder.CreateTable(
                name: "published_media",
                columns: table => new
                {
                    media_item_id = table.Column<int>(type: "INTEGER", nullable: false),
                    file_key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    width = table.Column<int>(type: "INTEGER", nullable: false),
                    height = table.Column<int>(type: "INTEGER", nullable: false),
                    focal_x = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    focal_y = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    alt = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    alt_en = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    published_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_published_media", x => x.media_item_id);
                });

            migrationBuilder.CreateTable(
                name: "content_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: true),
                    parent_id = table.Column<int>(type: "INTEGER", nullable: true),
                    slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    path = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    latest_version = table.Column<int>(type: "INTEGER", nullable: false),
                    published_version = table.Column<int>(type: "INTEGER", nullable: true),
                    scheduled_publish_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    scheduled_unpublish_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    schedule_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    shows_child = table.Column<bool>(type: "INTEGER", nullable: false),
                    consent_record_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_items", x => x.id);
                    table.CheckConstraint("ck_content_items_campaign_page", "type <> 'CampaignPage' OR campaign_id IS NOT NULL");
                    table.CheckConstraint("ck_content_items_parent", "parent_id IS NULL OR type = 'Page'");
                    table.CheckConstraint("ck_content_items_published_state", "state <> 'Published' OR published_version IS NOT NULL");
                    table.CheckConstraint("ck_content_items_published_version", "published_version IS NULL OR (published_version >= 1 AND published_version <= latest_version)");
                    table.ForeignKey(
                        name: "fk_content_items_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_content_items_consent_records_consent_record_id",
                        column: x => x.consent_record_id,
                        principalTable: "consent_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_content_items_content_items_parent_id",
                        column: x => x.parent_id,
                        principalTable: "content_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "media_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    folder_id = table.Column<int>(type: "INTEGER", nullable: true),
                    file_key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    original_file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    width = table.Column<int>(type: "INTEGER", nullable: false),
                    height = table.Column<int>(type: "INTEGER", nullable: false),
                    byte_size = table.Column<long>(type: "INTEGER", nullable: false),
                    alt = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    alt_en = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    focal_x = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    focal_y = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    shows_child = table.Column<bool>(type: "INTEGER", nullable: false),
                    consent_record_id = table.Column<int>(type: "INTEGER", nullable: true),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_media_items", x => x.id);
                    table.CheckConstraint("ck_media_items_alt", "length(trim(alt)) > 0");
                    table.CheckConstraint("ck_media_items_focal", "focal_x BETWEEN 0 AND 1 AND focal_y BETWEEN 0 AND 1");
                    table.CheckConstraint("ck_media_items_size", "width > 0 AND height > 0 AND byte_size > 0");
                    table.ForeignKey(
                        name: "fk_media_items_consent_records_consent_record_id",
                        column: x => x.consent_record_id,
                        principalTable: "consent_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_media_items_media_folders_folder_id",
                        column: x => x.folder_id,
                        principalTable: "media_folders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "content_media_uses",
                columns: table => new
                {
                    content_item_id = table.Column<int>(type: "INTEGER", nullable: false),
                    media_item_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_media_uses", x => new { x.content_item_id, x.media_item_id });
                    table.ForeignKey(
                        name: "fk_content_media_uses_content_items_content_item_id",
                        column: x => x.content_item_id,
                        principalTable: "content_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_content_media_uses_media_items_media_item_id",
                        column: x => x.media_item_id,
                        principalTable: "media_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "content_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    content_item_id = table.Column<int>(type: "INTEGER", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    summary_en = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    body_en = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: true),
                    seo_title = table.Column<string>(type: "TEXT", maxLength: 70, nullable: true),
                    seo_title_en = table.Column<string>(type: "TEXT", maxLength: 70, nullable: true),
                    seo_description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    seo_description_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    hero_media_id = table.Column<int>(type: "INTEGER", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_content_versions", x => x.id);
                    table.CheckConstraint("ck_content_versions_number", "number >= 1");
                    table.ForeignKey(
                        name: "fk_content_versions_content_items_content_item_id",
                        column: x => x.content_item_id,
                        principalTable: "content_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_content_versions_media_items_hero_media_id",
                        column: x => x.hero_media_id,
                        principalTable: "media_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_admin_unit_id",
                table: "consent_records",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_child_id",
                table: "consent_records",
                column: "child_id");

            migrationBuilder.CreateIndex(
                name: "ix_content_items_campaign_id",
                table: "content_items",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_content_items_consent_record_id",
                table: "content_items",
                column: "consent_record_id");

            migrationBuilder.CreateIndex(
                name: "ix_content_items_parent_id",
                table: "content_items",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_content_items_path",
                table: "content_items",
                column: "path",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_content_items_scheduled_publish_at",
                table: "content_items",
                column: "scheduled_publish_at");

            migrationBuilder.CreateIndex(
                name: "ix_content_items_scheduled_unpublish_at",
                table: "content_items",
                column: "scheduled_unpublish_at");

            migrationBuilder.CreateIndex(
                name: "ix_content_items_type_state",
                table: "content_items",
                columns: new[] { "type", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_content_media_uses_media_item_id",
                table: "content_media_uses",
                column: "media_item_id");

            migrationBuilder.CreateIndex(
                name: "ix_content_redirects_from_path",
                table: "content_redirects",
                column: "from_path",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_content_versions_content_item_id_number",
                table: "content_versions",
                columns: new[] { "content_item_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_content_versions_hero_media_id",
                table: "content_versions",
                column: "hero_media_id");

            migrationBuilder.CreateIndex(
                name: "ix_media_folders_parent_id_name",
                table: "media_folders",
                columns: new[] { "parent_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_media_items_consent_record_id",
                table: "media_items",
                column: "consent_record_id");

            migrationBuilder.CreateIndex(
                name: "ix_media_items_file_key",
                table: "media_items",
                column: "file_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_media_items_folder_id_uploaded_at",
                table: "media_items",
                columns: new[] { "folder_id", "uploaded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_media_items_uploaded_at",
                table: "media_items",
                column: "uploaded_at");

            migrationBuilder.CreateIndex(
                name: "ix_published_content_campaign_id",
                table: "published_content",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_published_content_path_language",
                table: "published_content",
                columns: new[] { "path", "language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_published_content_type_language_published_at",
                table: "published_content",
                columns: new[] { "type", "language", "published_at" });

            migrationBuilder.CreateIndex(
                name: "ix_published_media_file_key",
                table: "published_media",
                column: "file_key",
                unique: true);

            // A content version is never changed after it is written (rollback writes a new one).
            migrationBuilder.Sql("""
                CREATE TRIGGER content_versions_never_change BEFORE UPDATE ON content_versions
                BEGIN
                    SELECT RAISE(ABORT, 'content_versions: a saved version is never changed (save or roll back writes a new one)');
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS content_versions_never_change;");

            migrationBuilder.DropTable(
                name: "content_media_uses");

            migrationBuilder.DropTable(
                name: "content_redirects");

            migrationBuilder.DropTable(
                name: "content_versions");

            migrationBuilder.DropTable(
                name: "published_content");

            migrationBuilder.DropTable(
                name: "published_media");

            migrationBuilder.DropTable(
                name: "content_items");

            migrationBuilder.DropTable(
                name: "media_items");

            migrationBuilder.DropTable(
                name: "consent_records");

            migrationBuilder.DropTable(
                name: "media_folders");
        }
    }
}
