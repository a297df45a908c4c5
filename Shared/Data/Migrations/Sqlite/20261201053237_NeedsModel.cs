using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NeedsModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "circumstances",
                table: "children",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "cold_highland",
                table: "admin_units",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "disaster_year",
                table: "admin_units",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "declared_supports",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    agency_id = table.Column<int>(type: "INTEGER", nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    child_id = table.Column<int>(type: "INTEGER", nullable: true),
                    school_id = table.Column<int>(type: "INTEGER", nullable: true),
                    category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    recorded_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_declared_supports", x => x.id);
                    table.CheckConstraint("ck_declared_supports_period", "period_start <= period_end");
                    table.CheckConstraint("ck_declared_supports_target", "(target = 'Child' AND child_id IS NOT NULL) OR (target = 'School' AND child_id IS NULL AND school_id IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_declared_supports_children_child_id",
                        column: x => x.child_id,
                        principalTable: "children",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_declared_supports_organisations_agency_id",
                        column: x => x.agency_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_declared_supports_organisations_school_id",
                        column: x => x.school_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "need_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name_vi = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    has_size_band = table.Column<bool>(type: "INTEGER", nullable: false),
                    typical_unit_cost_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_need_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "needs_reviews",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    previous_revision_id = table.Column<int>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    submitted_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    approving_unit_id = table.Column<int>(type: "INTEGER", nullable: true),
                    decided_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    return_comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_needs_reviews", x => x.id);
                    table.CheckConstraint("ck_needs_reviews_year", "year BETWEEN 2015 AND 2100");
                    table.ForeignKey(
                        name: "fk_needs_reviews_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_needs_reviews_admin_units_approving_unit_id",
                        column: x => x.approving_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_needs_reviews_needs_reviews_previous_revision_id",
                        column: x => x.previous_revision_id,
                        principalTable: "needs_reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "priority_criteria",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    name_vi = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    explanation_vi = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    explanation_en = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    weight = table.Column<int>(type: "INTEGER", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_priority_criteria", x => x.id);
                    table.CheckConstraint("ck_priority_criteria_weight", "weight BETWEEN 0 AND 100");
                });

            migrationBuilder.CreateTable(
                name: "priority_scales",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    level1_from = table.Column<int>(type: "INTEGER", nullable: false),
                    level2_from = table.Column<int>(type: "INTEGER", nullable: false),
                    level3_from = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_priority_scales", x => x.id);
                    table.CheckConstraint("ck_priority_scale_order", "level1_from > level2_from AND level2_from > level3_from AND level3_from >= 1");
                    table.CheckConstraint("ck_priority_scale_singleton", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "need_lines",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    key = table.Column<Guid>(type: "TEXT", nullable: false),
                    needs_review_id = table.Column<int>(type: "INTEGER", nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    child_id = table.Column<int>(type: "INTEGER", nullable: true),
                    school_id = table.Column<int>(type: "INTEGER", nullable: true),
                    category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    need_item_id = table.Column<int>(type: "INTEGER", nullable: false),
                    size_band = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    estimated_unit_cost_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    children_count = table.Column<int>(type: "INTEGER", nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    computed_level = table.Column<int>(type: "INTEGER", nullable: false),
                    priority_reasons = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    level_override = table.Column<int>(type: "INTEGER", nullable: true),
                    override_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    overridden_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    overridden_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    duplicate_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    committed_quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    received_quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    delivered_quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_need_lines", x => x.id);
                    table.CheckConstraint("ck_need_lines_children", "children_count >= 1 AND children_count <= 100000");
                    table.CheckConstraint("ck_need_lines_coverage", "committed_quantity >= 0 AND received_quantity >= 0 AND delivered_quantity >= 0");
                    table.CheckConstraint("ck_need_lines_level", "computed_level BETWEEN 1 AND 4 AND (level_override IS NULL OR level_override BETWEEN 1 AND 4)");
                    table.CheckConstraint("ck_need_lines_override_reason", "level_override IS NULL OR override_reason IS NOT NULL");
                    table.CheckConstraint("ck_need_lines_period", "period_start <= period_end");
                    table.CheckConstraint("ck_need_lines_quantity", "quantity > 0 AND quantity <= 1000000");
                    table.CheckConstraint("ck_need_lines_target", "(target = 'Child' AND child_id IS NOT NULL AND children_count = 1) OR (target = 'School' AND child_id IS NULL AND school_id IS NOT NULL) OR (target = 'Commune' AND child_id IS NULL AND school_id IS NULL)");
                    table.CheckConstraint("ck_need_lines_unit_cost", "estimated_unit_cost_vnd >= 0 AND estimated_unit_cost_vnd <= 10000000000");
                    table.ForeignKey(
                        name: "fk_need_lines_children_child_id",
                        column: x => x.child_id,
                        principalTable: "children",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_need_lines_need_items_need_item_id",
                        column: x => x.need_item_id,
                        principalTable: "need_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_need_lines_needs_reviews_needs_review_id",
                        column: x => x.needs_review_id,
                        principalTable: "needs_reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_need_lines_organisations_school_id",
                        column: x => x.school_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "need_items",
                columns: new[] { "id", "category", "code", "has_size_band", "is_active", "name_en", "name_vi", "typical_unit_cost_vnd", "unit" },
                values: new object[,]
                {
                    { 1, "HealthCheckUp", "health-check", false, true, "Health check-up", "Lượt khám sức khỏe", 150000L, "Sessions" },
                    { 2, "HealthCheckUp", "dental-check", false, true, "Dental check-up", "Lượt khám răng miệng", 100000L, "Sessions" },
                    { 3, "HealthCheckUp", "eye-check", false, true, "Eye check-up", "Lượt khám mắt", 120000L, "Sessions" },
                    { 4, "Treatment", "treatment", false, true, "Course of treatment", "Đợt điều trị", 2000000L, "Sessions" },
                    { 5, "Treatment", "glasses", false, true, "Prescription glasses", "Kính thuốc", 350000L, "Items" },
                    { 6, "Nutrition", "lunch-meal", false, true, "Lunch meal", "Suất ăn trưa", 20000L, "Meals" },
                    { 7, "Nutrition", "milk", false, true, "Carton of milk", "Hộp sữa", 8000L, "Items" },
                    { 8, "Nutrition", "micronutrients", false, true, "Micronutrient sachet", "Gói vi chất dinh dưỡng", 5000L, "Items" },
                    { 9, "Recreation", "play-area", false, true, "Play area", "Khu vui chơi", 80000000L, "Items" },
                    { 10, "Recreation", "play-equipment", false, true, "Play equipment", "Thiết bị vui chơi", 5000000L, "Items" },
                    { 11, "Recreation", "sports-kit", false, true, "Sports kit", "Bộ dụng cụ thể thao", 1500000L, "Items" },
                    { 12, "Recreation", "activity", false, true, "Play activity", "Buổi sinh hoạt vui chơi", 500000L, "Sessions" },
                    { 13, "WarmClothes", "winter-jacket", true, true, "Winter jacket", "Áo ấm mùa đông", 180000L, "Items" },
                    { 14, "WarmClothes", "sweater", true, true, "Sweater", "Áo len", 90000L, "Items" },
                    { 15, "WarmClothes", "boots", true, true, "Boots", "Ủng/giày ấm", 120000L, "Items" },
                    { 16, "WarmClothes", "blanket", false, true, "Blanket", "Chăn ấm", 250000L, "Items" },
                    { 17, "WarmClothes", "hat-scarf", true, true, "Hat and scarf", "Mũ len và khăn", 50000L, "Items" },
                    { 18, "Other", "school-kit", false, true, "School kit", "Bộ đồ dùng học tập", 200000L, "Items" }
                });

            migrationBuilder.InsertData(
                table: "priority_criteria",
                columns: new[] { "id", "explanation_en", "explanation_vi", "is_active", "kind", "name_en", "name_vi", "weight" },
                values: new object[,]
                {
                    { 1, "A child who has lost both parents comes first.", "Trẻ mất cả cha và mẹ được ưu tiên cao nhất.", true, "OrphanBothParents", "Orphaned of both parents", "Mồ côi cả cha và mẹ", 40 },
                    { 2, "A child who was abandoned or has nobody to care for them.", "Trẻ bị bỏ rơi hoặc không có người chăm sóc.", true, "WithoutCare", "Abandoned or without care", "Bị bỏ rơi, không nơi nương tựa", 40 },
                    { 3, "A child with a disability needs more support.", "Trẻ khuyết tật cần hỗ trợ nhiều hơn.", true, "Disability", "Disability", "Khuyết tật", 30 },
                    { 4, "A child living with HIV or whose parents do.", "Trẻ nhiễm HIV hoặc có cha mẹ nhiễm HIV.", true, "AffectedByHiv", "Living with or affected by HIV/AIDS", "Nhiễm hoặc bị ảnh hưởng bởi HIV/AIDS", 30 },
                    { 5, "A child who has lost a father or a mother.", "Trẻ mất cha hoặc mẹ.", true, "OrphanOneParent", "Orphaned of one parent", "Mồ côi cha hoặc mẹ", 20 },
                    { 6, "The family is on the commune's list of poor households.", "Gia đình thuộc hộ nghèo theo danh sách của xã.", true, "PoorHousehold", "Poor household", "Hộ nghèo", 20 },
                    { 7, "The family is on the list of near-poor households.", "Gia đình thuộc hộ cận nghèo.", true, "NearPoorHousehold", "Near-poor household", "Hộ cận nghèo", 10 },
                    { 8, "The child belongs to an ethnic minority.", "Trẻ là người dân tộc thiểu số.", true, "EthnicMinority", "Ethnic minority", "Dân tộc thiểu số", 5 },
                    { 9, "The home or school is in a highland zone with a cold winter.", "Nơi ở hoặc trường học thuộc vùng cao, mùa đông rét đậm.", true, "ColdHighland", "Cold highland zone", "Vùng cao lạnh giá", 15 },
                    { 10, "The village was hit by a flood, landslide or severe cold in the review's year or the year before.", "Thôn bị lũ, lũ quét, sạt lở hoặc rét hại trong năm rà soát hoặc năm trước.", true, "DisasterAffected", "Village hit by a disaster", "Thôn bị thiên tai", 20 },
                    { 11, "Young children suffer most from hunger, cold and illness.", "Trẻ nhỏ dễ bị ảnh hưởng hơn bởi đói rét và bệnh tật.", true, "YoungChild", "Under 6 years old", "Trẻ dưới 6 tuổi", 15 }
                });

            migrationBuilder.InsertData(
                table: "priority_scales",
                columns: new[] { "id", "level1_from", "level2_from", "level3_from" },
                values: new object[] { 1, 50, 30, 15 });

            migrationBuilder.AddCheckConstraint(
                name: "ck_children_circumstances",
                table: "children",
                sql: "circumstances >= 0 AND circumstances < 256");

            migrationBuilder.CreateIndex(
                name: "ix_declared_supports_admin_unit_id",
                table: "declared_supports",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_declared_supports_agency_id",
                table: "declared_supports",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_declared_supports_child_id_category",
                table: "declared_supports",
                columns: new[] { "child_id", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_declared_supports_school_id_category",
                table: "declared_supports",
                columns: new[] { "school_id", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_need_items_code",
                table: "need_items",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_need_lines_admin_unit_id",
                table: "need_lines",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_need_lines_child_id_category",
                table: "need_lines",
                columns: new[] { "child_id", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_need_lines_key",
                table: "need_lines",
                column: "key");

            migrationBuilder.CreateIndex(
                name: "ix_need_lines_need_item_id",
                table: "need_lines",
                column: "need_item_id");

            migrationBuilder.CreateIndex(
                name: "ix_need_lines_needs_review_id_key",
                table: "need_lines",
                columns: new[] { "needs_review_id", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_need_lines_school_id_category",
                table: "need_lines",
                columns: new[] { "school_id", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_needs_reviews_admin_unit_id_year_revision",
                table: "needs_reviews",
                columns: new[] { "admin_unit_id", "year", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_needs_reviews_approving_unit_id",
                table: "needs_reviews",
                column: "approving_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_needs_reviews_one_approved_revision",
                table: "needs_reviews",
                columns: new[] { "admin_unit_id", "year" },
                unique: true,
                filter: "status = 'Approved'");

            migrationBuilder.CreateIndex(
                name: "ix_needs_reviews_previous_revision_id",
                table: "needs_reviews",
                column: "previous_revision_id");

            migrationBuilder.CreateIndex(
                name: "ix_needs_reviews_status_approving_unit_id",
                table: "needs_reviews",
                columns: new[] { "status", "approving_unit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_priority_criteria_kind",
                table: "priority_criteria",
                column: "kind",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "declared_supports");

            migrationBuilder.DropTable(
                name: "need_lines");

            migrationBuilder.DropTable(
                name: "priority_criteria");

            migrationBuilder.DropTable(
                name: "priority_scales");

            migrationBuilder.DropTable(
                name: "need_items");

            migrationBuilder.DropTable(
                name: "needs_reviews");

            migrationBuilder.DropCheckConstraint(
                name: "ck_children_circumstances",
                table: "children");

            migrationBuilder.DropColumn(
                name: "circumstances",
                table: "children");

            migrationBuilder.DropColumn(
                name: "cold_highland",
                table: "admin_units");

            migrationBuilder.DropColumn(
                name: "disaster_year",
                table: "admin_units");
        }
    }
}
