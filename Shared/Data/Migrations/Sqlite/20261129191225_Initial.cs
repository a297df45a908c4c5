using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "admin_units",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    parent_id = table.Column<int>(type: "INTEGER", nullable: true),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    valid_to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    merged_into_id = table.Column<int>(type: "INTEGER", nullable: true),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_admin_units", x => x.id);
                    table.ForeignKey(
                        name: "fk_admin_units_admin_units_merged_into_id",
                        column: x => x.merged_into_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_admin_units_admin_units_parent_id",
                        column: x => x.parent_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    after = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    summary_en = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    end_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    money_goal_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "honor_roll_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ledger_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: true),
                    donor_key = table.Column<Guid>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    donor_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    amount_vnd = table.Column<long>(type: "INTEGER", nullable: true),
                    message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    gift_delta = table.Column<int>(type: "INTEGER", nullable: false),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_honor_roll_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    value_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    amount_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    original_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    exchange_rate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: true),
                    receipt_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    donor_display = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    reverses_sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    previous_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "ledger_heads",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    last_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    last_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_heads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "public_data_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_data_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "receipt_counters",
                columns: table => new
                {
                    fiscal_year = table.Column<int>(type: "INTEGER", nullable: false),
                    last_number = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_receipt_counters", x => x.fiscal_year);
                });

            migrationBuilder.CreateTable(
                name: "donors",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    public_key = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    tax_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    display_choice = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_donors", x => x.id);
                    table.ForeignKey(
                        name: "fk_donors_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    school_level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.id);
                    table.ForeignKey(
                        name: "fk_organisations_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "contributions",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    receipt_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    fiscal_year = table.Column<int>(type: "INTEGER", nullable: false),
                    receipt_sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    donor_id = table.Column<int>(type: "INTEGER", nullable: false),
                    campaign_id = table.Column<int>(type: "INTEGER", nullable: true),
                    method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    amount_vnd = table.Column<long>(type: "INTEGER", nullable: false),
                    original_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    original_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    exchange_rate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    recorded_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ledger_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    idempotency_key = table.Column<Guid>(type: "TEXT", nullable: true),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contributions", x => x.id);
                    table.ForeignKey(
                        name: "fk_contributions_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_contributions_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_contributions_donors_donor_id",
                        column: x => x.donor_id,
                        principalTable: "donors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    full_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    organisation_id = table.Column<int>(type: "INTEGER", nullable: true),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_users_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "children",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    full_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    date_of_birth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ethnic_group = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false),
                    school_id = table.Column<int>(type: "INTEGER", nullable: true),
                    guardian_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    publication_consent_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_children", x => x.id);
                    table.ForeignKey(
                        name: "fk_children_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_children_organisations_school_id",
                        column: x => x.school_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contribution_goods_line",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    contribution_id = table.Column<int>(type: "INTEGER", nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    unit_value_vnd = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contribution_goods_line", x => x.id);
                    table.ForeignKey(
                        name: "fk_contribution_goods_line_contributions_contribution_id",
                        column: x => x.contribution_id,
                        principalTable: "contributions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contribution_reversals",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    contribution_id = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    reversed_by_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    reversed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ledger_sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contribution_reversals", x => x.id);
                    table.ForeignKey(
                        name: "fk_contribution_reversals_contributions_contribution_id",
                        column: x => x.contribution_id,
                        principalTable: "contributions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    role_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_units",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    admin_unit_id = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_units", x => new { x.user_id, x.admin_unit_id });
                    table.ForeignKey(
                        name: "fk_staff_user_units_admin_units_admin_unit_id",
                        column: x => x.admin_unit_id,
                        principalTable: "admin_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_staff_user_units_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "ledger_heads",
                columns: new[] { "id", "last_hash", "last_sequence" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.InsertData(
                table: "public_data_versions",
                columns: new[] { "id", "version" },
                values: new object[] { 1, 1L });

            migrationBuilder.CreateIndex(
                name: "ix_admin_units_code_level_valid_from",
                table: "admin_units",
                columns: new[] { "code", "level", "valid_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_admin_units_merged_into_id",
                table: "admin_units",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_admin_units_parent_id",
                table: "admin_units",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_role_claims_role_id",
                table: "AspNetRoleClaims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "AspNetUserClaims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "AspNetUserLogins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_roles_role_id",
                table: "AspNetUserRoles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_organisation_id",
                table: "AspNetUsers",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_entity_type_entity_key",
                table: "audit_entries",
                columns: new[] { "entity_type", "entity_key" });

            migrationBuilder.CreateIndex(
                name: "ix_campaigns_slug",
                table: "campaigns",
                column: "slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_children_admin_unit_id",
                table: "children",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_children_school_id",
                table: "children",
                column: "school_id");

            migrationBuilder.CreateIndex(
                name: "ix_contribution_goods_line_contribution_id",
                table: "contribution_goods_line",
                column: "contribution_id");

            migrationBuilder.CreateIndex(
                name: "ix_contribution_reversals_contribution_id",
                table: "contribution_reversals",
                column: "contribution_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contributions_admin_unit_id",
                table: "contributions",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_contributions_campaign_id",
                table: "contributions",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_contributions_donor_id",
                table: "contributions",
                column: "donor_id");

            migrationBuilder.CreateIndex(
                name: "ix_contributions_fiscal_year_receipt_sequence",
                table: "contributions",
                columns: new[] { "fiscal_year", "receipt_sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contributions_idempotency_key",
                table: "contributions",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contributions_receipt_number",
                table: "contributions",
                column: "receipt_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_donors_admin_unit_id",
                table: "donors",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_donors_public_key",
                table: "donors",
                column: "public_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_honor_roll_entries_campaign_id_donor_key",
                table: "honor_roll_entries",
                columns: new[] { "campaign_id", "donor_key" });

            migrationBuilder.CreateIndex(
                name: "ix_honor_roll_entries_ledger_sequence",
                table: "honor_roll_entries",
                column: "ledger_sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_campaign_id",
                table: "ledger_entries",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_value_date",
                table: "ledger_entries",
                column: "value_date");

            migrationBuilder.CreateIndex(
                name: "ix_organisations_admin_unit_id",
                table: "organisations",
                column: "admin_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_organisations_name",
                table: "organisations",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_staff_user_units_admin_unit_id",
                table: "staff_user_units",
                column: "admin_unit_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "children");

            migrationBuilder.DropTable(
                name: "contribution_goods_line");

            migrationBuilder.DropTable(
                name: "contribution_reversals");

            migrationBuilder.DropTable(
                name: "honor_roll_entries");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "ledger_heads");

            migrationBuilder.DropTable(
                name: "public_data_versions");

            migrationBuilder.DropTable(
                name: "receipt_counters");

            migrationBuilder.DropTable(
                name: "staff_user_units");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "contributions");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "donors");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "admin_units");
        }
    }
}
