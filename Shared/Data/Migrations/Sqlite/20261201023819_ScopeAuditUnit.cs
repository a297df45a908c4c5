using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildAid.Shared.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScopeAuditUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "admin_unit_id",
                table: "audit_entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "label",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_admin_unit_id",
                table: "audit_entries",
                column: "admin_unit_id");

            // Rows written before this migration get the unit (and a label) of the record they are about, when it still exists.
            foreach (var (type, table, label) in new[] { ("Donor", "donors", "name"), ("Contribution", "contributions", "receipt_number"), ("Child", "children", "full_name") })
                migrationBuilder.Sql($"UPDATE audit_entries SET admin_unit_id = (SELECT t.admin_unit_id FROM {table} t WHERE CAST(t.id AS TEXT) = audit_entries.entity_key), " +
                    $"label = (SELECT SUBSTR(t.{label}, 1, 300) FROM {table} t WHERE CAST(t.id AS TEXT) = audit_entries.entity_key) WHERE entity_type = '{type}'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_entries_admin_unit_id",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "admin_unit_id",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "label",
                table: "audit_entries");
        }
    }
}
